using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddHybridAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "answer_feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    Helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_answer_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "content_gaps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ClosestLessonId = table.Column<string>(type: "TEXT", nullable: true),
                    RedirectTopic = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_gaps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "expert_channels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", nullable: false),
                    SetByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_channels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lesson_views",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Embedding = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lesson_views", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lesson_views_lessons_LessonId",
                        column: x => x.LessonId,
                        principalTable: "lessons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routed_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", nullable: false),
                    AskerPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AskerChannel = table.Column<string>(type: "TEXT", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExpertConversationId = table.Column<string>(type: "TEXT", nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routed_questions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_answer_feedback_EventId",
                table: "answer_feedback",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_answer_feedback_LessonId",
                table: "answer_feedback",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_content_gaps_EventId",
                table: "content_gaps",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_expert_channels_Channel_TeamId",
                table: "expert_channels",
                columns: new[] { "Channel", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lesson_views_LessonId",
                table: "lesson_views",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_routed_questions_EventId",
                table: "routed_questions",
                column: "EventId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answer_feedback");

            migrationBuilder.DropTable(
                name: "content_gaps");

            migrationBuilder.DropTable(
                name: "expert_channels");

            migrationBuilder.DropTable(
                name: "lesson_views");

            migrationBuilder.DropTable(
                name: "routed_questions");
        }
    }
}
