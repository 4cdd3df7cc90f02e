using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Providers.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrustOperating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "operating_from",
                table: "trust_registrations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "trust_id",
                table: "trust_registrations",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "operating_from",
                table: "trust_registrations");

            migrationBuilder.DropColumn(
                name: "trust_id",
                table: "trust_registrations");
        }
    }
}
