using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnexDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EligibilityLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AssessedOn",
                table: "EligibilityDecisions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "Basis",
                table: "EligibilityDecisions",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountryCode",
                table: "EligibilityDecisions",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DecidedById",
                table: "EligibilityDecisions",
                type: "TEXT",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "NegotiationOngoingOrUpcoming",
                table: "EligibilityDecisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OverrideJustification",
                table: "EligibilityDecisions",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RequesterIsGovernment",
                table: "EligibilityDecisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ReferenceListVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceListVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReferenceListEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GraduationOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceListEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferenceListEntries_ReferenceListVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ReferenceListVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceListEntries_VersionId",
                table: "ReferenceListEntries",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceListVersions_Kind_Label",
                table: "ReferenceListVersions",
                columns: new[] { "Kind", "Label" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferenceListEntries");

            migrationBuilder.DropTable(
                name: "ReferenceListVersions");

            migrationBuilder.DropColumn(
                name: "AssessedOn",
                table: "EligibilityDecisions");

            migrationBuilder.DropColumn(
                name: "Basis",
                table: "EligibilityDecisions");

            migrationBuilder.DropColumn(
                name: "CountryCode",
                table: "EligibilityDecisions");

            migrationBuilder.DropColumn(
                name: "DecidedById",
                table: "EligibilityDecisions");

            migrationBuilder.DropColumn(
                name: "NegotiationOngoingOrUpcoming",
                table: "EligibilityDecisions");

            migrationBuilder.DropColumn(
                name: "OverrideJustification",
                table: "EligibilityDecisions");

            migrationBuilder.DropColumn(
                name: "RequesterIsGovernment",
                table: "EligibilityDecisions");
        }
    }
}
