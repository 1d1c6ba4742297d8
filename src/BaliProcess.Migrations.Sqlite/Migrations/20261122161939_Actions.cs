using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BaliProcess.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Actions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_themes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Strategy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_themes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "progress_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerAgency = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SharingGroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsDraft = table.Column<bool>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    OriginOutcomeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OriginDocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WhoText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_actions_action_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "action_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_actions_documents_OriginDocumentId",
                        column: x => x.OriginDocumentId,
                        principalTable: "documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_actions_meeting_outcomes_OriginOutcomeId",
                        column: x => x.OriginOutcomeId,
                        principalTable: "meeting_outcomes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "action_indicators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_indicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_indicators_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_parties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_parties_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_action_parties_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_action_parties_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "action_status_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Narrative = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AuthorMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SourceDocumentId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_status_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_status_updates_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_action_status_updates_documents_SourceDocumentId",
                        column: x => x.SourceDocumentId,
                        principalTable: "documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "action_indicator_values",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SourceUpdateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_indicator_values", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_indicator_values_action_indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "action_indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_indicator_values_IndicatorId_AsOf",
                table: "action_indicator_values",
                columns: new[] { "IndicatorId", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_action_indicators_ActionId",
                table: "action_indicators",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_action_parties_ActionId",
                table: "action_parties",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_action_parties_BodyId",
                table: "action_parties",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_action_parties_MemberId",
                table: "action_parties",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_action_status_updates_ActionId_AsOf",
                table: "action_status_updates",
                columns: new[] { "ActionId", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_action_status_updates_RecordedAt",
                table: "action_status_updates",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_action_status_updates_SourceDocumentId",
                table: "action_status_updates",
                column: "SourceDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_action_themes_Strategy_Number",
                table: "action_themes",
                columns: new[] { "Strategy", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_actions_OriginDocumentId",
                table: "actions",
                column: "OriginDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_actions_OriginOutcomeId",
                table: "actions",
                column: "OriginOutcomeId");

            migrationBuilder.CreateIndex(
                name: "IX_actions_OwnerMemberId_Scope",
                table: "actions",
                columns: new[] { "OwnerMemberId", "Scope" });

            migrationBuilder.CreateIndex(
                name: "IX_actions_Status",
                table: "actions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_actions_ThemeId_Number",
                table: "actions",
                columns: new[] { "ThemeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_progress_reports_GeneratedAt",
                table: "progress_reports",
                column: "GeneratedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_indicator_values");

            migrationBuilder.DropTable(
                name: "action_parties");

            migrationBuilder.DropTable(
                name: "action_status_updates");

            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.DropTable(
                name: "action_indicators");

            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropTable(
                name: "action_themes");
        }
    }
}
