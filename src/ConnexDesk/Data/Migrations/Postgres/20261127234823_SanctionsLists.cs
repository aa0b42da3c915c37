using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConnexDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SanctionsLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SanctionsListVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    List = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SanctionsListVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SanctionsEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PrimaryName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Names = table.Column<List<string>>(type: "text[]", nullable: false),
                    VersionId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SanctionsEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SanctionsEntries_SanctionsListVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "SanctionsListVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SanctionsEntries_VersionId",
                table: "SanctionsEntries",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_SanctionsListVersions_List_Sha256",
                table: "SanctionsListVersions",
                columns: new[] { "List", "Sha256" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SanctionsEntries");

            migrationBuilder.DropTable(
                name: "SanctionsListVersions");
        }
    }
}
