using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspections.Data.Migrations
{
    /// <inheritdoc />
    public partial class LatestGradedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_judgements_local_authority_publication_date_id",
                table: "judgements",
                columns: new[] { "local_authority", "publication_date", "id" },
                descending: new[] { false, true, true },
                filter: "is_current AND overall IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_judgements_local_authority_publication_date_id",
                table: "judgements");
        }
    }
}
