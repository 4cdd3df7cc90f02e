using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Workforce.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrustServedUntil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "served_until",
                table: "serving_trusts",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "served_until",
                table: "serving_trusts");
        }
    }
}
