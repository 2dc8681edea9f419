using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "asked_questions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Answered = table.Column<bool>(type: "INTEGER", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asked_questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "content_gap_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Redirect = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_gap_decisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_asked_questions_At",
                table: "asked_questions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_asked_questions_EventId",
                table: "asked_questions",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_content_gap_decisions_QuestionKey",
                table: "content_gap_decisions",
                column: "QuestionKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "asked_questions");

            migrationBuilder.DropTable(
                name: "content_gap_decisions");
        }
    }
}
