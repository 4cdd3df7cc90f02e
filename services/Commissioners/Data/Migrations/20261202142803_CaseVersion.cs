using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Commissioners.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The case's version is PostgreSQL's xmin system column: every row has it, nothing to add
            // (the generator would add a column of that name, which PostgreSQL refuses).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
