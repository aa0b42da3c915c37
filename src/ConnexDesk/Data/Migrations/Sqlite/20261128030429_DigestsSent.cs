using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnexDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DigestsSent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DigestsSent",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestsSent", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestsSent_Kind_UserId_Day",
                table: "DigestsSent",
                columns: new[] { "Kind", "UserId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestsSent");
        }
    }
}
