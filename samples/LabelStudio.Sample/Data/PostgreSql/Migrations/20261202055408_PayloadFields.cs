using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelStudio.Sample.Data.PostgreSql.Migrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "UniqueId",
                table: "task_completion",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<long>(
                name: "UpdatedBy",
                table: "task_completion",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InnerId",
                table: "task",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedBy",
                table: "task",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastInnerId",
                table: "project",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
            // Rows from before: tasks numbered in their project by creation order, each project's last number kept,
            // and a random UUID for each annotation.
            migrationBuilder.Sql("""
                UPDATE "task" SET "InnerId" = numbered."InnerId"
                    FROM (SELECT "Id", ROW_NUMBER() OVER (PARTITION BY "ProjectId" ORDER BY "Id") AS "InnerId" FROM "task") AS numbered
                    WHERE numbered."Id" = "task"."Id";
                UPDATE "project" SET "LastInnerId" = (SELECT COALESCE(MAX("InnerId"), 0) FROM "task" WHERE "task"."ProjectId" = "project"."Id");
                UPDATE "task_completion" SET "UniqueId" = gen_random_uuid();
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
