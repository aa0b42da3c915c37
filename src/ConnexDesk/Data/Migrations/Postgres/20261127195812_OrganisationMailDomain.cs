using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnexDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationMailDomain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MailDomain",
                table: "Organisations",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_MailDomain",
                table: "Organisations",
                column: "MailDomain");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_MailDomain",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "MailDomain",
                table: "Organisations");
        }
    }
}
