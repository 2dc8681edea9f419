using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LearningBot.Data.Migrations.PostgreSql
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    BadgeId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    AwardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_badge_awards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_channels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SetByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_channels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recognition_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdempotencyKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    ReversesEntryId = table.Column<long>(type: "bigint", nullable: true),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    GiverPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PostId = table.Column<long>(type: "bigint", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Value = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    GiverLocalDate = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognition_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recognition_posts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    OutboxMessageId = table.Column<long>(type: "bigint", nullable: false),
                    SubjectPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Value = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognition_posts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recognition_preferences",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderboardOptOut = table.Column<bool>(type: "boolean", nullable: false),
                    NotificationsOff = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
