using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspections.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleForEachAuthorityServed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inspection_schedule_provider_id",
                table: "inspection_schedule");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_schedule_provider_id_local_authority",
                table: "inspection_schedule",
                columns: new[] { "provider_id", "local_authority" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inspection_schedule_provider_id_local_authority",
                table: "inspection_schedule");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_schedule_provider_id",
                table: "inspection_schedule",
                column: "provider_id",
                unique: true);
        }
    }
}
