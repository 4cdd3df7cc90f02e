using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspections.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportedGrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "reported_grades",
                table: "judgements",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "reported_grades",
                table: "judgements");
        }
    }
}
