using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnexDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DueDiligenceChecklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "DueDiligenceItems",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Evidence",
                table: "DueDiligenceItems",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceDocumentIds",
                table: "DueDiligenceItems",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Guidance",
                table: "DueDiligenceItems",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Order",
                table: "DueDiligenceItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedAt",
                table: "DueDiligenceItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "DueDiligenceItems",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedById",
                table: "DueDiligenceItems",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChecklistLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Guidance = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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
        }
    }
}
