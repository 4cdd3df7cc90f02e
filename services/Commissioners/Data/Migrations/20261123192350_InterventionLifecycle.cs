using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Commissioners.Data.Migrations
{
    /// <inheritdoc />
    public partial class InterventionLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "closed_on",
                table: "intervention_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "commissioner",
                table: "intervention_cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "commissioner_appointed",
                table: "intervention_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "direction_reference",
                table: "intervention_cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "explaining_judgements",
                table: "intervention_cases",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "explanation",
                table: "intervention_cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fired_rule",
                table: "intervention_cases",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "improvement_plan_overdue_raised",
                table: "intervention_cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "improvement_plan_received",
                table: "intervention_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "intervention_cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "outcome_decided",
                table: "intervention_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "outcome_due",
                table: "intervention_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "outcome_overdue_raised",
                table: "intervention_cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "outcome_reasons",
                table: "intervention_cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "policy",
                table: "intervention_cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Seeds2015");

            migrationBuilder.AddColumn<string>(
                name: "progress",
                table: "intervention_cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "progress_review_overdue_raised",
                table: "intervention_cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "progress_reviewed",
                table: "intervention_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "takeover_authority",
                table: "intervention_cases",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_transitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    to = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_transitions_intervention_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "intervention_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "judgements",
                columns: table => new
                {
                    judgement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    local_authority = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    framework = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    publication_date = table.Column<DateOnly>(type: "date", nullable: false),
                    overall = table.Column<string>(type: "text", nullable: true),
                    impact_of_leaders = table.Column<string>(type: "text", nullable: true),
                    help_and_protection = table.Column<string>(type: "text", nullable: true),
                    in_care = table.Column<string>(type: "text", nullable: true),
                    care_leavers = table.Column<string>(type: "text", nullable: true),
                    wholesale_inadequate_services = table.Column<bool>(type: "boolean", nullable: false),
                    corporate_failure_by_senior_leaders = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_judgements", x => x.judgement_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_case_id",
                table: "case_transitions",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_judgements_local_authority_publication_date",
                table: "judgements",
                columns: new[] { "local_authority", "publication_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_transitions");

            migrationBuilder.DropTable(
                name: "judgements");

            migrationBuilder.DropColumn(
                name: "closed_on",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "commissioner",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "commissioner_appointed",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "direction_reference",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "explaining_judgements",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "explanation",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "fired_rule",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "improvement_plan_overdue_raised",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "improvement_plan_received",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "outcome_decided",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "outcome_due",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "outcome_overdue_raised",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "outcome_reasons",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "policy",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "progress",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "progress_review_overdue_raised",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "progress_reviewed",
                table: "intervention_cases");

            migrationBuilder.DropColumn(
                name: "takeover_authority",
                table: "intervention_cases");
        }
    }
}
