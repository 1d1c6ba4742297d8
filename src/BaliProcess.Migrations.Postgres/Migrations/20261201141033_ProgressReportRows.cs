using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BaliProcess.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProgressReportRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "progress_report_rows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    ThemeNumber = table.Column<int>(type: "integer", nullable: false),
                    ThemeTitle = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ActionNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ActionText = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    Who = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    Leads = table.Column<List<string>>(type: "text[]", nullable: false),
                    Funders = table.Column<List<string>>(type: "text[]", nullable: false),
                    Details = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_report_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_progress_report_rows_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_progress_report_rows_DocumentId_Sequence",
                table: "progress_report_rows",
                columns: new[] { "DocumentId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "progress_report_rows");
        }
    }
}
