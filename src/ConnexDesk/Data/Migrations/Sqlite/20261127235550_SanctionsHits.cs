using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnexDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SanctionsHits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScreenedAgainst",
                table: "Cases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScreenedAt",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SanctionsHits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CounterpartyName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    List = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ListReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ListedName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MatchedName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SanctionsHits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SanctionsHits_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SanctionsHits_CaseId",
                table: "SanctionsHits",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SanctionsHits");

            migrationBuilder.DropColumn(
                name: "ScreenedAgainst",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ScreenedAt",
                table: "Cases");
        }
    }
}
