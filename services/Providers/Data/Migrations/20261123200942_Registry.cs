using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Providers.Data.Migrations
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    subtype = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    company_number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    charity_number = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    registered_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    controller_id = table.Column<Guid>(type: "uuid", nullable: true),
                    controller_voting_share = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: true),
                    controller_appoints_board = table.Column<bool>(type: "boolean", nullable: false),
                    registered_adoption_society = table.Column<bool>(type: "boolean", nullable: false),
                    council = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    detail = table.Column<string>(type: "text", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scope_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    flags = table.Column<List<string>>(type: "text[]", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scope_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_scope_applications_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_company_number",
                table: "organisations",
                column: "company_number");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_controller_id",
                table: "organisations",
                column: "controller_id");

            migrationBuilder.CreateIndex(
                name: "ix_registry_audit_organisation_id",
                table: "registry_audit",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_scope_applications_organisation_id",
                table: "scope_applications",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_audit");

            migrationBuilder.DropTable(
                name: "scope_applications");

            migrationBuilder.DropTable(
                name: "organisations");
        }
    }
}
