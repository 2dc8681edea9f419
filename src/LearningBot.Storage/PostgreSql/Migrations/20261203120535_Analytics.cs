using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LearningBot.Storage.PostgreSql.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Answered = table.Column<bool>(type: "boolean", nullable: false),
                    LessonId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asked_questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "content_gap_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuestionKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    LessonId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Redirect = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
