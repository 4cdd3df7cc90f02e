using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Providers.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConflictsOfInterest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "conflict_of_interest",
                table: "organisations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "group_id",
                table: "organisations",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "ofsted_urn",
                table: "organisations",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "placement_roles",
                table: "organisations",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "organisations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_organisations_group_id",
                table: "organisations",
                column: "group_id");

            // Each organisation's group is the ultimate controller at the top of its control chain (P3).
            migrationBuilder.Sql("""
                WITH RECURSIVE up AS (
                    SELECT id AS start, id AS current, controller_id, controller_voting_share, controller_appoints_board, 0 AS depth
                    FROM organisations
                    UNION ALL
                    SELECT up.start, o.id, o.controller_id, o.controller_voting_share, o.controller_appoints_board, up.depth + 1
                    FROM up JOIN organisations o ON o.id = up.controller_id
                    WHERE (up.controller_appoints_board OR up.controller_voting_share > 0.5) AND up.depth < 100)
                UPDATE organisations SET group_id = top.current
                FROM (SELECT DISTINCT ON (start) start, current FROM up ORDER BY start, depth DESC) AS top
                WHERE organisations.id = top.start;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_organisations_group_id",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "conflict_of_interest",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "group_id",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "ofsted_urn",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "placement_roles",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "organisations");
        }
    }
}
