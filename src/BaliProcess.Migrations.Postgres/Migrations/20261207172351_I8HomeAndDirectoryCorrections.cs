using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BaliProcess.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class I8HomeAndDirectoryCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "Since",
                table: "body_memberships",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Until",
                table: "body_memberships",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "directory_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Field = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OldValue = table.Column<string>(type: "text", maxLength: 4000, nullable: true),
                    NewValue = table.Column<string>(type: "text", maxLength: 4000, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ChangedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChangedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "home_visits",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CurrentVisitAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PreviousVisitAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_home_visits", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_home_visits_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_directory_changes_SubjectKind_SubjectId_ChangedAt",
                table: "directory_changes",
                columns: new[] { "SubjectKind", "SubjectId", "ChangedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directory_changes");

            migrationBuilder.DropTable(
                name: "home_visits");

            migrationBuilder.DropColumn(
                name: "Since",
                table: "body_memberships");

            migrationBuilder.DropColumn(
                name: "Until",
                table: "body_memberships");
        }
    }
}
