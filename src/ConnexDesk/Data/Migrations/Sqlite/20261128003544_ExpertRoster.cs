using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnexDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExpertRoster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Experts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Nationality = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Languages = table.Column<string>(type: "TEXT", nullable: false),
                    Disciplines = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Sectors = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Regions = table.Column<string>(type: "TEXT", nullable: false),
                    DailyRate = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExpertTies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FromYear = table.Column<int>(type: "INTEGER", nullable: false),
                    ToYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    ExpertId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertTies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertTies_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Experts_Email",
                table: "Experts",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExpertTies_ExpertId",
                table: "ExpertTies",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_ExpertTies_Organisation",
                table: "ExpertTies",
                column: "Organisation");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpertTies");

            migrationBuilder.DropTable(
                name: "Experts");
        }
    }
}
