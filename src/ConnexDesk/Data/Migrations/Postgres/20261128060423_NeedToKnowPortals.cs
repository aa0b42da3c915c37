using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConnexDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NeedToKnowPortals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicationConsentGivenBy",
                table: "Cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PublicationConsentGivenOn",
                table: "Cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PublicationConsentRecordedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicationConsentRecordedBy",
                table: "Cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FromGovernment",
                table: "CaseDocuments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SharedWithExperts",
                table: "CaseDocuments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ColleagueInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    InvitedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    InvitedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ColleagueInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ColleagueInvitations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ColleagueInvitations_OrganisationId",
                table: "ColleagueInvitations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ColleagueInvitations_Status",
                table: "ColleagueInvitations",
                column: "Status");

            // Consent ticked before the desk kept who gave it stays in force, and says so.
            migrationBuilder.Sql("UPDATE \"Cases\" SET \"PublicationConsentGivenBy\" = 'not recorded (consent given before the desk kept who gave it)' WHERE \"CountryNameMayBePublished\" = TRUE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ColleagueInvitations");

            migrationBuilder.DropColumn(
                name: "PublicationConsentGivenBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PublicationConsentGivenOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PublicationConsentRecordedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PublicationConsentRecordedBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FromGovernment",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "SharedWithExperts",
                table: "CaseDocuments");
        }
    }
}
