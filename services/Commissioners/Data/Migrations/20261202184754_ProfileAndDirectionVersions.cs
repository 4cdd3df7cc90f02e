using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Commissioners.Data.Migrations
{
    /// <summary>
    /// Commissioner profiles and directions take PostgreSQL's row version (xmin) as their concurrency
    /// token: a system column every row has, so the schema itself does not change.
    /// </summary>
    public partial class ProfileAndDirectionVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
