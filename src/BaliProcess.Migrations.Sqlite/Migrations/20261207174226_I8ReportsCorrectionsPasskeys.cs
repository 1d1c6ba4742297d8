using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BaliProcess.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class I8ReportsCorrectionsPasskeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "meetings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "focal_points",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "focal_points",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "documents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "documents",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "activities",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "actions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "actions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AspNetUserPasskeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "BLOB", maxLength: 1024, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "issued_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerAgency = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SharingGroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsDraft = table.Column<bool>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MeetingTitle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ActionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Snapshot = table.Column<string>(type: "text", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issued_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "record_revisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HistoryOfId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Changes = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByApiKeyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_revisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserPasskeys_UserId",
                table: "AspNetUserPasskeys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_issued_reports_From_To",
                table: "issued_reports",
                columns: new[] { "From", "To" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_issued_reports_IssuedAt",
                table: "issued_reports",
                column: "IssuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_issued_reports_Number",
                table: "issued_reports",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_issued_reports_OwnerMemberId_Scope",
                table: "issued_reports",
                columns: new[] { "OwnerMemberId", "Scope" });

            migrationBuilder.CreateIndex(
                name: "IX_record_revisions_HistoryOfId_At",
                table: "record_revisions",
                columns: new[] { "HistoryOfId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_record_revisions_RecordId",
                table: "record_revisions",
                column: "RecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetUserPasskeys");

            migrationBuilder.DropTable(
                name: "issued_reports");

            migrationBuilder.DropTable(
                name: "record_revisions");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "focal_points");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "focal_points");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "actions");

            migrationBuilder.CreateTable(
                name: "progress_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_reports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_progress_reports_GeneratedAt",
                table: "progress_reports",
                column: "GeneratedAt");
        }
    }
}
