using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConnexDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpertEngagements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CodeOfConductVersionSigned",
                table: "Engagements");

            migrationBuilder.RenameColumn(
                name: "Conflict",
                table: "Engagements",
                newName: "Declaration");

            migrationBuilder.RenameColumn(
                name: "AcceptedByGovernmentAt",
                table: "Engagements",
                newName: "GovernmentDecidedAt");

            migrationBuilder.AddColumn<string>(
                name: "CvFileName",
                table: "Experts",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CvSha256",
                table: "Experts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "Experts",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "Unavailable",
                table: "Experts",
                type: "text[]",
                nullable: false,
                defaultValue: new List<string>());

            migrationBuilder.AddColumn<int>(
                name: "YearsOfExperience",
                table: "Experts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "Engagements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "Engagements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DaysBudgeted",
                table: "Engagements",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclarationRecordedBy",
                table: "Engagements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclarationText",
                table: "Engagements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeclaredAt",
                table: "Engagements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExpertId",
                table: "Engagements",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "GovernmentDecisionNote",
                table: "Engagements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GovernmentDecisionRecordedBy",
                table: "Engagements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProposedAt",
                table: "Engagements",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "ProposedBy",
                table: "Engagements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "Engagements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Engagements",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "TiesShown",
                table: "Engagements",
                type: "text[]",
                nullable: false,
                defaultValue: new List<string>());

            migrationBuilder.CreateTable(
                name: "ConflictRulings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExpertId = table.Column<int>(type: "integer", nullable: false),
                    ExpertName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EngagementId = table.Column<int>(type: "integer", nullable: true),
                    Conflict = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RuledById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RuledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RuledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConflictRulings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConflictRulings_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Experts_UpdatedAt",
                table: "Experts",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_ExpertId_Status",
                table: "Engagements",
                columns: new[] { "ExpertId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ConflictRulings_CaseId",
                table: "ConflictRulings",
                column: "CaseId");

            migrationBuilder.AddForeignKey(
                name: "FK_Engagements_Experts_ExpertId",
                table: "Engagements",
                column: "ExpertId",
                principalTable: "Experts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Engagements_Experts_ExpertId",
                table: "Engagements");

            migrationBuilder.DropTable(
                name: "ConflictRulings");

            migrationBuilder.DropIndex(
                name: "IX_Experts_UpdatedAt",
                table: "Experts");

            migrationBuilder.DropIndex(
                name: "IX_Engagements_ExpertId_Status",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "CvFileName",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "CvSha256",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "References",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "Unavailable",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "YearsOfExperience",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "DaysBudgeted",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "DeclarationRecordedBy",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "DeclarationText",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "DeclaredAt",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "ExpertId",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "GovernmentDecisionNote",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "GovernmentDecisionRecordedBy",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "ProposedAt",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "ProposedBy",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "TiesShown",
                table: "Engagements");

            migrationBuilder.RenameColumn(
                name: "GovernmentDecidedAt",
                table: "Engagements",
                newName: "AcceptedByGovernmentAt");

            migrationBuilder.RenameColumn(
                name: "Declaration",
                table: "Engagements",
                newName: "Conflict");

            migrationBuilder.AddColumn<string>(
                name: "CodeOfConductVersionSigned",
                table: "Engagements",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);
        }
    }
}
