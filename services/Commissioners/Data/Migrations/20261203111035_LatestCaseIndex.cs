using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Commissioners.Data.Migrations
{
    /// <inheritdoc />
    public partial class LatestCaseIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_intervention_cases_local_authority",
                table: "intervention_cases");

            migrationBuilder.CreateIndex(
                name: "ix_intervention_cases_local_authority_judgement_published_open",
                table: "intervention_cases",
                columns: new[] { "local_authority", "judgement_published", "opened_at", "id" },
                descending: new[] { false, true, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_intervention_cases_local_authority_judgement_published_open",
                table: "intervention_cases");

            migrationBuilder.CreateIndex(
                name: "ix_intervention_cases_local_authority",
                table: "intervention_cases",
                column: "local_authority");
        }
    }
}
