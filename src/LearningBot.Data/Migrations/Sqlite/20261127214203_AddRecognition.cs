using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecognition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "badge_awards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BadgeId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    AwardedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_badge_awards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_channels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SetByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_channels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recognition_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    ReversesEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GiverPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PostId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Value = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GiverLocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognition_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recognition_posts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognition_posts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recognition_preferences",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeaderboardOptOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotificationsOff = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognition_preferences", x => x.PersonId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_badge_awards_PersonId_BadgeId",
                table: "badge_awards",
                columns: new[] { "PersonId", "BadgeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_channels_Channel_TeamId",
                table: "learning_channels",
                columns: new[] { "Channel", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recognition_entries_Channel_MessageId_GiverPersonId",
                table: "recognition_entries",
                columns: new[] { "Channel", "MessageId", "GiverPersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_recognition_entries_CreatedAt",
                table: "recognition_entries",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_recognition_entries_GiverPersonId_GiverLocalDate",
                table: "recognition_entries",
                columns: new[] { "GiverPersonId", "GiverLocalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_recognition_entries_IdempotencyKey",
                table: "recognition_entries",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recognition_entries_RecipientPersonId",
                table: "recognition_entries",
                column: "RecipientPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_recognition_entries_ReversesEntryId",
                table: "recognition_entries",
                column: "ReversesEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recognition_posts_Channel_MessageId",
                table: "recognition_posts",
                columns: new[] { "Channel", "MessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_recognition_posts_OutboxMessageId",
                table: "recognition_posts",
                column: "OutboxMessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "badge_awards");

            migrationBuilder.DropTable(
                name: "learning_channels");

            migrationBuilder.DropTable(
                name: "recognition_entries");

            migrationBuilder.DropTable(
                name: "recognition_posts");

            migrationBuilder.DropTable(
                name: "recognition_preferences");
        }
    }
}
