using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Contracts.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxSetAsideAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "last_error",
                table: "outbox_messages",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "set_aside_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sequence",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL AND set_aside_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_sequence",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "set_aside_at",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<string>(
                name: "last_error",
                table: "outbox_messages",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);
        }
    }
}
