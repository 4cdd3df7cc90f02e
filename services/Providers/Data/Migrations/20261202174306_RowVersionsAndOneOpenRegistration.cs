using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Providers.Data.Migrations
{
    /// <inheritdoc />
    public partial class RowVersionsAndOneOpenRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The row versions are PostgreSQL's own xmin system column: nothing to add.

            migrationBuilder.CreateIndex(
                name: "ix_trust_registrations_local_authority",
                table: "trust_registrations",
                column: "local_authority",
                unique: true,
                filter: "intervention_case_id IS NULL AND status = 'Requested'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_trust_registrations_local_authority",
                table: "trust_registrations");
        }
    }
}
