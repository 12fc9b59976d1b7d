using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelStudio.Sample.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PayloadFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ParentPrediction",
                table: "task_completion",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "UniqueId",
                table: "task_completion",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<long>(
                name: "UpdatedBy",
                table: "task_completion",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InnerId",
                table: "task",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedBy",
                table: "task",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastInnerId",
                table: "project",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
            // Rows from before: tasks numbered in their project by creation order, each project's last number kept,
            // and a random (version 4) UUID for each annotation, in the upper-case text EF Core writes for a Guid.
            migrationBuilder.Sql("""
                UPDATE "task" SET "InnerId" = (SELECT COUNT(*) FROM "task" AS "earlier" WHERE "earlier"."ProjectId" = "task"."ProjectId" AND "earlier"."Id" <= "task"."Id");
                UPDATE "project" SET "LastInnerId" = (SELECT COALESCE(MAX("InnerId"), 0) FROM "task" WHERE "task"."ProjectId" = "project"."Id");
                UPDATE "task_completion" SET "UniqueId" = upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
                    || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ParentPrediction",
                table: "task_completion");

            migrationBuilder.DropColumn(
                name: "UniqueId",
                table: "task_completion");

            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "task_completion");

            migrationBuilder.DropColumn(
                name: "InnerId",
                table: "task");

            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "task");

            migrationBuilder.DropColumn(
                name: "LastInnerId",
                table: "project");
        }
    }
}
