using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspections.Data.Migrations
{
    /// <inheritdoc />
    public partial class JudgementVersionsAndKeyJudgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateOnly>(
                name: "inspection_start_date",
                table: "judgements",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "inspection_end_date",
                table: "judgements",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<bool>(
                name: "corporate_failure_by_senior_leaders",
                table: "judgements",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "correction_reason",
                table: "judgements",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_current",
                table: "judgements",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "judgement_id",
                table: "judgements",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "provider_id",
                table: "judgements",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "judgements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "sub_judgements_care_leavers",
                table: "judgements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sub_judgements_help_and_protection",
                table: "judgements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sub_judgements_impact_of_leaders",
                table: "judgements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sub_judgements_in_care",
                table: "judgements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "judgements",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "wholesale_inadequate_services",
                table: "judgements",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Judgements recorded before versions existed become version 1 of themselves.
            migrationBuilder.Sql("UPDATE judgements SET judgement_id = id, version = 1, is_current = TRUE, source = 'api'");

            migrationBuilder.CreateIndex(
                name: "ix_judgements_judgement_id_version",
                table: "judgements",
                columns: new[] { "judgement_id", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_judgements_judgement_id_version",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "corporate_failure_by_senior_leaders",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "correction_reason",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "is_current",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "judgement_id",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "provider_id",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "source",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "sub_judgements_care_leavers",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "sub_judgements_help_and_protection",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "sub_judgements_impact_of_leaders",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "sub_judgements_in_care",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "version",
                table: "judgements");

            migrationBuilder.DropColumn(
                name: "wholesale_inadequate_services",
                table: "judgements");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "inspection_start_date",
                table: "judgements",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "inspection_end_date",
                table: "judgements",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }
    }
}
