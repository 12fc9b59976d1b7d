using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelStudio.Sample.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ClusterDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhook_delivery_Status_NextAttemptAt",
                table: "webhook_delivery");

            migrationBuilder.CreateTable(
                name: "webhook_dispatch",
                columns: table => new
                {
                    WebhookId = table.Column<long>(type: "bigint", nullable: false),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_dispatch", x => x.WebhookId);
                    table.ForeignKey(
                        name: "FK_webhook_dispatch_webhook_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "webhook",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_delivery_Status_NextAttemptAt_Id",
                table: "webhook_delivery",
                columns: new[] { "Status", "NextAttemptAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhook_dispatch");

            migrationBuilder.DropIndex(
                name: "IX_webhook_delivery_Status_NextAttemptAt_Id",
                table: "webhook_delivery");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_delivery_Status_NextAttemptAt",
                table: "webhook_delivery",
                columns: new[] { "Status", "NextAttemptAt" });
        }
    }
}
