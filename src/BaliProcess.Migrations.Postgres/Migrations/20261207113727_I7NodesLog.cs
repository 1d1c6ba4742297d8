using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BaliProcess.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class I7NodesLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TransactionId",
                table: "search_outbox",
                type: "bigint",
                nullable: false,
                defaultValueSql: "(pg_current_xact_id()::text::bigint)");

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    Job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_leases", x => x.Job);
                });

            migrationBuilder.CreateTable(
                name: "search_nodes",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AppliedTransactionId = table.Column<long>(type: "bigint", nullable: false),
                    AppliedId = table.Column<long>(type: "bigint", nullable: false),
                    HeartbeatAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_search_nodes", x => x.NodeId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_search_outbox_TransactionId_Id",
                table: "search_outbox",
                columns: new[] { "TransactionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_leases");

            migrationBuilder.DropTable(
                name: "search_nodes");

            migrationBuilder.DropIndex(
                name: "IX_search_outbox_TransactionId_Id",
                table: "search_outbox");

            migrationBuilder.DropColumn(
                name: "TransactionId",
                table: "search_outbox");
        }
    }
}
