using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConnexDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DueDiligenceChecklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Mitigation",
                table: "DueDiligenceItems",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "DueDiligenceItems",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Evidence",
                table: "DueDiligenceItems",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<List<int>>(
                name: "EvidenceDocumentIds",
                table: "DueDiligenceItems",
                type: "integer[]",
                nullable: false,
                defaultValue: new List<int>());

            migrationBuilder.AddColumn<string>(
                name: "Guidance",
                table: "DueDiligenceItems",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Order",
                table: "DueDiligenceItems",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedAt",
                table: "DueDiligenceItems",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "DueDiligenceItems",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedById",
                table: "DueDiligenceItems",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChecklistLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Guidance = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SavedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistLines", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChecklistLines");

            migrationBuilder.DropColumn(
                name: "Comment",
                table: "DueDiligenceItems");

            migrationBuilder.DropColumn(
                name: "Evidence",
                table: "DueDiligenceItems");

            migrationBuilder.DropColumn(
                name: "EvidenceDocumentIds",
                table: "DueDiligenceItems");

            migrationBuilder.DropColumn(
                name: "Guidance",
                table: "DueDiligenceItems");

            migrationBuilder.DropColumn(
                name: "Order",
                table: "DueDiligenceItems");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "DueDiligenceItems");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "DueDiligenceItems");

            migrationBuilder.DropColumn(
                name: "ReviewedById",
                table: "DueDiligenceItems");

            migrationBuilder.AlterColumn<string>(
                name: "Mitigation",
                table: "DueDiligenceItems",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);
        }
    }
}
