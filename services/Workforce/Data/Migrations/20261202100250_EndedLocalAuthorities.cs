using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Workforce.Data.Migrations
{
    /// <inheritdoc />
    public partial class EndedLocalAuthorities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ended_on",
                table: "known_local_authority",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "successors",
                table: "known_local_authority",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ended_on",
                table: "known_local_authority");

            migrationBuilder.DropColumn(
                name: "successors",
                table: "known_local_authority");
        }
    }
}
