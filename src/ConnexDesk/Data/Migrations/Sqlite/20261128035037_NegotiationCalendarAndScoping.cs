using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnexDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NegotiationCalendarAndScoping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NegotiationRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NegotiationRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NegotiationRounds_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScopeVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentTo = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConfirmationRecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScopeVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScopeVersions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScopingMissions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Remote = table.Column<bool>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Participants = table.Column<string>(type: "TEXT", nullable: false),
                    TermsOfReferenceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    FindingsBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FindingsAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScopingMissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScopingMissions_CaseDocuments_TermsOfReferenceId",
                        column: x => x.TermsOfReferenceId,
                        principalTable: "CaseDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScopingMissions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExpertiseNeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Discipline = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ScopeVersionId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertiseNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertiseNeeds_ScopeVersions_ScopeVersionId",
                        column: x => x.ScopeVersionId,
                        principalTable: "ScopeVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExpertiseNeeds_ScopeVersionId",
                table: "ExpertiseNeeds",
                column: "ScopeVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_NegotiationRounds_CaseId",
                table: "NegotiationRounds",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ScopeVersions_CaseId",
                table: "ScopeVersions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ScopingMissions_CaseId",
                table: "ScopingMissions",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScopingMissions_TermsOfReferenceId",
                table: "ScopingMissions",
                column: "TermsOfReferenceId");

            // The next round each case already had becomes the first planned round of its calendar.
            migrationBuilder.Sql("""
                INSERT INTO "NegotiationRounds" ("CaseId", "StartsOn", "EndsOn", "Status") SELECT "Id", "NextRoundOn", "NextRoundOn", 'Planned' FROM "Cases" WHERE "NextRoundOn" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpertiseNeeds");

            migrationBuilder.DropTable(
                name: "NegotiationRounds");

            migrationBuilder.DropTable(
                name: "ScopingMissions");

            migrationBuilder.DropTable(
                name: "ScopeVersions");
        }
    }
}
