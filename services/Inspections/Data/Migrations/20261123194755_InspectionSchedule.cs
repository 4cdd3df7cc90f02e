using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspections.Data.Migrations
{
    /// <inheritdoc />
    public partial class InspectionSchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspection_schedule",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trust_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    local_authority = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    operating_from = table.Column<DateOnly>(type: "date", nullable: false),
                    due_by = table.Column<DateOnly>(type: "date", nullable: false),
                    overdue_raised = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_schedule", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_schedule_provider_id",
                table: "inspection_schedule",
                column: "provider_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_schedule");
        }
    }
}
