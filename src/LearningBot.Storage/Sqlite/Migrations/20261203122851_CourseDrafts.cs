using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CourseDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "course_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    DownloadUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Workspace = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LessonsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    LessonsTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    ModelUsed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_course_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "course_drafts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Markdown = table.Column<string>(type: "TEXT", nullable: false),
                    ByModel = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EditedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_course_drafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_course_drafts_course_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "course_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_course_documents_AuthorPersonId_CreatedAt",
                table: "course_documents",
                columns: new[] { "AuthorPersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_course_documents_EventId",
                table: "course_documents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_course_documents_Status",
                table: "course_documents",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_course_drafts_DocumentId_Ordinal",
                table: "course_drafts",
                columns: new[] { "DocumentId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_course_drafts_LessonId",
                table: "course_drafts",
                column: "LessonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_course_drafts_Status",
                table: "course_drafts",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "course_drafts");

            migrationBuilder.DropTable(
                name: "course_documents");
        }
    }
}
