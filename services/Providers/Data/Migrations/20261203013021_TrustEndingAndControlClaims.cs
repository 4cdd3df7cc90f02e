using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Providers.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrustEndingAndControlClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "end_reason",
                table: "trust_registrations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "served_until",
                table: "trust_registrations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "claimed_controller_appoints_board",
                table: "organisations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "claimed_controller_id",
                table: "organisations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "claimed_controller_voting_share",
                table: "organisations",
                type: "numeric(5,4)",
                precision: 5,
                scale: 4,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "end_reason",
                table: "trust_registrations");

            migrationBuilder.DropColumn(
                name: "served_until",
                table: "trust_registrations");

            migrationBuilder.DropColumn(
                name: "claimed_controller_appoints_board",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "claimed_controller_id",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "claimed_controller_voting_share",
                table: "organisations");
        }
    }
}
