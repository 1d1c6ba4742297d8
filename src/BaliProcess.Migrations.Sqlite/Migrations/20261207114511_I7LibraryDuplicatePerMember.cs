using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BaliProcess.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class I7LibraryDuplicatePerMember : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_documents_ContentHash",
                table: "documents");

            migrationBuilder.CreateIndex(
                name: "IX_documents_ContentHash",
                table: "documents",
                column: "ContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_documents_OwnerMemberId_ContentHash",
                table: "documents",
                columns: new[] { "OwnerMemberId", "ContentHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_documents_ContentHash",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "IX_documents_OwnerMemberId_ContentHash",
                table: "documents");

            migrationBuilder.CreateIndex(
                name: "IX_documents_ContentHash",
                table: "documents",
                column: "ContentHash",
                unique: true);
        }
    }
}
