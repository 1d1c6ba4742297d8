using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BaliProcess.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class I9ImportAuditSealerTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_meetings_documents_SourceDocumentId",
                table: "meetings");

            migrationBuilder.DropIndex(
                name: "IX_meetings_SourceDocumentId",
                table: "meetings");

            migrationBuilder.DropPrimaryKey(
                name: "PK_meeting_participants",
                table: "meeting_participants");

            migrationBuilder.AddColumn<Guid>(
                name: "BelongsToBodyId",
                table: "members",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BelongsToMemberId",
                table: "members",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "members",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "members",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "FormerNames",
                table: "members",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsHistorical",
                table: "members",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ParticipatedUntil",
                table: "members",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Website",
                table: "members",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "MemberId",
                table: "meeting_participants",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "Id",
                table: "meeting_participants",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "meeting_participants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "audit_entries",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            // Every existing participant row gets its own id before the id becomes the key.
            migrationBuilder.Sql("UPDATE meeting_participants SET \"Id\" = gen_random_uuid();");

            migrationBuilder.AddPrimaryKey(
                name: "PK_meeting_participants",
                table: "meeting_participants",
                column: "Id");

            migrationBuilder.CreateTable(
                name: "meeting_review_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CurrentValue = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProposedValue = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Resolution = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_review_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_review_items_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_review_items_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_sources",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_sources", x => new { x.MeetingId, x.DocumentId });
                    table.ForeignKey(
                        name: "FK_meeting_sources_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_sources_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each meeting's one source document becomes its first row in meeting_sources before the column goes.
            migrationBuilder.Sql("INSERT INTO meeting_sources (\"MeetingId\", \"DocumentId\", \"AddedAt\") SELECT m.\"Id\", m.\"SourceDocumentId\", d.\"ImportedAt\" FROM meetings m JOIN documents d ON d.\"Id\" = m.\"SourceDocumentId\";");

            migrationBuilder.DropColumn(
                name: "SourceDocumentId",
                table: "meetings");

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Audiences = table.Column<List<string>>(type: "text[]", nullable: false),
                    Level = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Delivery = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Languages = table.Column<List<string>>(type: "text[]", nullable: false),
                    Duration = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CostAndFunding = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Eligibility = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Prerequisites = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    DocumentIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ImportedFrom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SeedKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OwnerMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerAgency = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SharingGroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsDraft = table.Column<bool>(type: "boolean", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_terms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    List = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_terms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MonthOnly = table.Column<bool>(type: "boolean", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    Language = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    NominationDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ImportedFrom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_sessions_training_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "training_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_members_BelongsToBodyId",
                table: "members",
                column: "BelongsToBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_members_BelongsToMemberId",
                table: "members",
                column: "BelongsToMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_participants_MeetingId_MemberId",
                table: "meeting_participants",
                columns: new[] { "MeetingId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_review_items_DocumentId",
                table: "meeting_review_items",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_review_items_MeetingId_ResolvedAt",
                table: "meeting_review_items",
                columns: new[] { "MeetingId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_sources_DocumentId",
                table: "meeting_sources",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_OwnerMemberId_Scope",
                table: "training_courses",
                columns: new[] { "OwnerMemberId", "Scope" });

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_SeedKey",
                table: "training_courses",
                column: "SeedKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_Title",
                table: "training_courses",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_CourseId_StartDate",
                table: "training_sessions",
                columns: new[] { "CourseId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_StartDate",
                table: "training_sessions",
                column: "StartDate");

            migrationBuilder.CreateIndex(
                name: "IX_training_terms_List_Code",
                table: "training_terms",
                columns: new[] { "List", "Code" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_members_bodies_BelongsToBodyId",
                table: "members",
                column: "BelongsToBodyId",
                principalTable: "bodies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_members_members_BelongsToMemberId",
                table: "members",
                column: "BelongsToMemberId",
                principalTable: "members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_members_bodies_BelongsToBodyId",
                table: "members");

            migrationBuilder.DropForeignKey(
                name: "FK_members_members_BelongsToMemberId",
                table: "members");

            migrationBuilder.DropTable(
                name: "meeting_review_items");

            migrationBuilder.DropTable(
                name: "meeting_sources");

            migrationBuilder.DropTable(
                name: "training_sessions");

            migrationBuilder.DropTable(
                name: "training_terms");

            migrationBuilder.DropTable(
                name: "training_courses");

            migrationBuilder.DropIndex(
                name: "IX_members_BelongsToBodyId",
                table: "members");

            migrationBuilder.DropIndex(
                name: "IX_members_BelongsToMemberId",
                table: "members");

            migrationBuilder.DropPrimaryKey(
                name: "PK_meeting_participants",
                table: "meeting_participants");

            migrationBuilder.DropIndex(
                name: "IX_meeting_participants_MeetingId_MemberId",
                table: "meeting_participants");

            migrationBuilder.DropColumn(
                name: "BelongsToBodyId",
                table: "members");

            migrationBuilder.DropColumn(
                name: "BelongsToMemberId",
                table: "members");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "members");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "members");

            migrationBuilder.DropColumn(
                name: "FormerNames",
                table: "members");

            migrationBuilder.DropColumn(
                name: "IsHistorical",
                table: "members");

            migrationBuilder.DropColumn(
                name: "ParticipatedUntil",
                table: "members");

            migrationBuilder.DropColumn(
                name: "Website",
                table: "members");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "meeting_participants");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "meeting_participants");

            migrationBuilder.AddColumn<Guid>(
                name: "SourceDocumentId",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "MemberId",
                table: "meeting_participants",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "audit_entries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_meeting_participants",
                table: "meeting_participants",
                columns: new[] { "MeetingId", "MemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_meetings_SourceDocumentId",
                table: "meetings",
                column: "SourceDocumentId");

            migrationBuilder.AddForeignKey(
                name: "FK_meetings_documents_SourceDocumentId",
                table: "meetings",
                column: "SourceDocumentId",
                principalTable: "documents",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
