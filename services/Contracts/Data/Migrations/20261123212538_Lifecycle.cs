using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Contracts.Data.Migrations
{
    /// <inheritdoc />
    public partial class Lifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "activated_at",
                table: "contracts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "awarded_at",
                table: "contracts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "awarded_by",
                table: "contracts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<List<DateOnly>>(
                name: "break_points",
                table: "contracts",
                type: "date[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "end_reason",
                table: "contracts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ended_on",
                table: "contracts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kpis",
                table: "contracts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payments",
                table: "contracts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "remedial_notices",
                table: "contracts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_cadence",
                table: "contracts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviews",
                table: "contracts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "contracts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "contracts",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "variations",
                table: "contracts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "provider_standings",
                columns: table => new
                {
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    company_number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    charity_number = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    approved_scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    flags = table.Column<List<string>>(type: "text[]", nullable: false),
                    conflict_of_interest = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_standings", x => x.provider_id);
                });

            migrationBuilder.CreateTable(
                name: "workforce_figures",
                columns: table => new
                {
                    local_authority = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    census_year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    agency_rate = table.Column<decimal>(type: "numeric", nullable: true),
                    turnover_rate = table.Column<decimal>(type: "numeric", nullable: true),
                    vacancy_rate = table.Column<decimal>(type: "numeric", nullable: true),
                    caseload = table.Column<decimal>(type: "numeric", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workforce_figures", x => new { x.local_authority, x.census_year });
                });

            migrationBuilder.CreateIndex(
                name: "ix_contracts_status",
                table: "contracts",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provider_standings");

            migrationBuilder.DropTable(
                name: "workforce_figures");

            migrationBuilder.DropIndex(
                name: "ix_contracts_status",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "activated_at",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "awarded_at",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "awarded_by",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "break_points",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "end_reason",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "ended_on",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "kpis",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "payments",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "remedial_notices",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "review_cadence",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "reviews",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "variations",
                table: "contracts");
        }
    }
}
