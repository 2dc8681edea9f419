using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LearningBot.Storage.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "answer_feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<string>(type: "text", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    Helpful = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_answer_feedback", x => x.Id);
                });

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
                name: "circles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Topic = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Cadence = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    LocalTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextMeetingAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RoundsHeld = table.Column<int>(type: "integer", nullable: false),
                    PeerPairs = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "content_gaps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<string>(type: "text", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ClosestLessonId = table.Column<string>(type: "text", nullable: true),
                    RedirectTopic = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_gaps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_references",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Channel = table.Column<string>(type: "text", nullable: false),
                    ConversationId = table.Column<string>(type: "text", nullable: false),
                    ConversationType = table.Column<string>(type: "text", nullable: false),
                    ServiceUrl = table.Column<string>(type: "text", nullable: false),
                    TenantId = table.Column<string>(type: "text", nullable: true),
                    BotId = table.Column<string>(type: "text", nullable: true),
                    TeamId = table.Column<string>(type: "text", nullable: true),
                    TeamName = table.Column<string>(type: "text", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    GreetedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversation_references", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "debriefs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StartEventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Project = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Template = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Open = table.Column<bool>(type: "boolean", nullable: false),
                    ManagerPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HalfTimeRemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DayBeforeRemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debriefs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "expert_channels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Channel = table.Column<string>(type: "text", nullable: false),
                    TeamId = table.Column<string>(type: "text", nullable: false),
                    ConversationId = table.Column<string>(type: "text", nullable: false),
                    SetByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_channels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_events",
                columns: table => new
                {
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_events", x => new { x.Channel, x.EventId });
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
                name: "lessons",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: false),
                    Tags = table.Column<string>(type: "text", nullable: false),
                    Skills = table.Column<string>(type: "text", nullable: false),
                    Audience = table.Column<string>(type: "text", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: true),
                    Updated = table.Column<DateOnly>(type: "date", nullable: true),
                    BodyMarkdown = table.Column<string>(type: "text", nullable: false),
                    ExtraFrontMatter = table.Column<string>(type: "text", nullable: true),
                    Library = table.Column<string>(type: "text", nullable: false),
                    SourceFile = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "text", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lessons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ConversationId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NotBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentMessageId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    TimeZone = table.Column<string>(type: "text", nullable: true),
                    Locale = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    ManagerPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Team = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DirectoryUpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quiz_cards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    LessonId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Stability = table.Column<double>(type: "double precision", nullable: false),
                    Difficulty = table.Column<double>(type: "double precision", nullable: false),
                    Due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ScheduledDays = table.Column<int>(type: "integer", nullable: false),
                    Reps = table.Column<int>(type: "integer", nullable: false),
                    Lapses = table.Column<int>(type: "integer", nullable: false),
                    LastReview = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_cards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quiz_reviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    DeliveryId = table.Column<long>(type: "bigint", nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Choice = table.Column<int>(type: "integer", nullable: false),
                    ElapsedDays = table.Column<int>(type: "integer", nullable: false),
                    StateBefore = table.Column<int>(type: "integer", nullable: false),
                    StabilityBefore = table.Column<double>(type: "double precision", nullable: false),
                    DifficultyBefore = table.Column<double>(type: "double precision", nullable: false),
                    DueBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StateAfter = table.Column<int>(type: "integer", nullable: false),
                    StabilityAfter = table.Column<double>(type: "double precision", nullable: false),
                    DifficultyAfter = table.Column<double>(type: "double precision", nullable: false),
                    ScheduledDaysAfter = table.Column<int>(type: "integer", nullable: false),
                    DueAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quiz_settings",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DeliveryTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    QuestionsPerDay = table.Column<int>(type: "integer", nullable: false),
                    PausedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Stopped = table.Column<bool>(type: "boolean", nullable: false),
                    StoppedForSilence = table.Column<bool>(type: "boolean", nullable: false),
                    ConsecutiveUnanswered = table.Column<int>(type: "integer", nullable: false),
                    Streak = table.Column<int>(type: "integer", nullable: false),
                    LongestStreak = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_settings", x => x.PersonId);
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

            migrationBuilder.CreateTable(
                name: "routed_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<string>(type: "text", nullable: false),
                    AskerPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AskerChannel = table.Column<string>(type: "text", nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    ExpertConversationId = table.Column<string>(type: "text", nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routed_questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "slack_installations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstallationKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TeamName = table.Column<string>(type: "text", nullable: true),
                    EnterpriseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IsEnterpriseInstall = table.Column<bool>(type: "boolean", nullable: false),
                    AppId = table.Column<string>(type: "text", nullable: true),
                    BotUserId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BotId = table.Column<string>(type: "text", nullable: true),
                    ProtectedBotToken = table.Column<string>(type: "text", nullable: false),
                    Scopes = table.Column<string>(type: "text", nullable: true),
                    InstallerUserId = table.Column<string>(type: "text", nullable: true),
                    InstalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slack_installations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "slack_oauth_states",
                columns: table => new
                {
                    StateHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slack_oauth_states", x => x.StateHash);
                });

            migrationBuilder.CreateTable(
                name: "circle_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CircleId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeftAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    SkipsRound = table.Column<int>(type: "integer", nullable: true),
                    TimesFacilitated = table.Column<int>(type: "integer", nullable: false),
                    MissedInARow = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circle_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_circle_members_circles_CircleId",
                        column: x => x.CircleId,
                        principalTable: "circles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "circle_rounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CircleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    MeetingAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CheckInsSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RoundUpSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FacilitatorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Pairs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PairingKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circle_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_circle_rounds_circles_CircleId",
                        column: x => x.CircleId,
                        principalTable: "circles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debrief_lessons",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DebriefId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    LessonId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debrief_lessons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_debrief_lessons_debriefs_DebriefId",
                        column: x => x.DebriefId,
                        principalTable: "debriefs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debrief_participants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DebriefId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Answers = table.Column<string>(type: "text", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debrief_participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_debrief_participants_debriefs_DebriefId",
                        column: x => x.DebriefId,
                        principalTable: "debriefs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lesson_sections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LessonId = table.Column<string>(type: "character varying(100)", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Heading = table.Column<string>(type: "text", nullable: false),
                    Markdown = table.Column<string>(type: "text", nullable: false),
                    PlainText = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lesson_sections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lesson_sections_lessons_LessonId",
                        column: x => x.LessonId,
                        principalTable: "lessons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lesson_views",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LessonId = table.Column<string>(type: "character varying(100)", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Embedding = table.Column<byte[]>(type: "bytea", nullable: false)
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
                name: "quiz_questions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    LessonId = table.Column<string>(type: "character varying(100)", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Question = table.Column<string>(type: "text", nullable: false),
                    Choices = table.Column<string>(type: "text", nullable: false),
                    Answer = table.Column<int>(type: "integer", nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quiz_questions_lessons_LessonId",
                        column: x => x.LessonId,
                        principalTable: "lessons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quiz_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    QuestionIds = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    AnsweredQuestionIds = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OutboxMessageId = table.Column<long>(type: "bigint", nullable: true),
                    CardMessageId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quiz_deliveries_outbox_messages_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "outbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "channel_accounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Channel = table.Column<string>(type: "text", nullable: false),
                    ExternalId = table.Column<string>(type: "text", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AadObjectId = table.Column<string>(type: "text", nullable: true),
                    TenantId = table.Column<string>(type: "text", nullable: true),
                    EmailCheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_channel_accounts_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "circle_check_ins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Learned = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Stuck = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    TryNext = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circle_check_ins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_circle_check_ins_circle_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "circle_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_badge_awards_PersonId_BadgeId",
                table: "badge_awards",
                columns: new[] { "PersonId", "BadgeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_channel_accounts_AadObjectId",
                table: "channel_accounts",
                column: "AadObjectId");

            migrationBuilder.CreateIndex(
                name: "IX_channel_accounts_Channel_ExternalId",
                table: "channel_accounts",
                columns: new[] { "Channel", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_channel_accounts_PersonId",
                table: "channel_accounts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_circle_check_ins_RoundId_PersonId",
                table: "circle_check_ins",
                columns: new[] { "RoundId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_circle_members_CircleId_PersonId",
                table: "circle_members",
                columns: new[] { "CircleId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_circle_rounds_CircleId_Number",
                table: "circle_rounds",
                columns: new[] { "CircleId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_circles_Channel_NameKey",
                table: "circles",
                columns: new[] { "Channel", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_circles_NextMeetingAt",
                table: "circles",
                column: "NextMeetingAt");

            migrationBuilder.CreateIndex(
                name: "IX_content_gaps_EventId",
                table: "content_gaps",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversation_references_Channel_ConversationId",
                table: "conversation_references",
                columns: new[] { "Channel", "ConversationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversation_references_PersonId",
                table: "conversation_references",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_debrief_lessons_DebriefId_Ordinal",
                table: "debrief_lessons",
                columns: new[] { "DebriefId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_debrief_participants_DebriefId_PersonId",
                table: "debrief_participants",
                columns: new[] { "DebriefId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_debriefs_ClosedAt",
                table: "debriefs",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_debriefs_StartEventId",
                table: "debriefs",
                column: "StartEventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_expert_channels_Channel_TeamId",
                table: "expert_channels",
                columns: new[] { "Channel", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_channels_Channel_TeamId",
                table: "learning_channels",
                columns: new[] { "Channel", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lesson_sections_LessonId_Ordinal",
                table: "lesson_sections",
                columns: new[] { "LessonId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lesson_views_LessonId",
                table: "lesson_views",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_lessons_Library",
                table: "lessons",
                column: "Library");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_IdempotencyKey",
                table: "outbox_messages",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Status_NotBefore",
                table: "outbox_messages",
                columns: new[] { "Status", "NotBefore" });

            migrationBuilder.CreateIndex(
                name: "IX_people_Email",
                table: "people",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_ManagerPersonId",
                table: "people",
                column: "ManagerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_cards_PersonId_Due",
                table: "quiz_cards",
                columns: new[] { "PersonId", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_quiz_cards_PersonId_QuestionId",
                table: "quiz_cards",
                columns: new[] { "PersonId", "QuestionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_deliveries_daily",
                table: "quiz_deliveries",
                columns: new[] { "PersonId", "LocalDate" },
                unique: true,
                filter: "\"Kind\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_deliveries_OutboxMessageId",
                table: "quiz_deliveries",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_questions_LessonId",
                table: "quiz_questions",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_reviews_DeliveryId_QuestionId",
                table: "quiz_reviews",
                columns: new[] { "DeliveryId", "QuestionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_reviews_PersonId_ReviewedAt",
                table: "quiz_reviews",
                columns: new[] { "PersonId", "ReviewedAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_routed_questions_EventId",
                table: "routed_questions",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_slack_installations_InstallationKey",
                table: "slack_installations",
                column: "InstallationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_slack_oauth_states_ExpiresAt",
                table: "slack_oauth_states",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answer_feedback");

            migrationBuilder.DropTable(
                name: "badge_awards");

            migrationBuilder.DropTable(
                name: "channel_accounts");

            migrationBuilder.DropTable(
                name: "circle_check_ins");

            migrationBuilder.DropTable(
                name: "circle_members");

            migrationBuilder.DropTable(
                name: "content_gaps");

            migrationBuilder.DropTable(
                name: "conversation_references");

            migrationBuilder.DropTable(
                name: "debrief_lessons");

            migrationBuilder.DropTable(
                name: "debrief_participants");

            migrationBuilder.DropTable(
                name: "expert_channels");

            migrationBuilder.DropTable(
                name: "inbound_events");

            migrationBuilder.DropTable(
                name: "learning_channels");

            migrationBuilder.DropTable(
                name: "lesson_sections");

            migrationBuilder.DropTable(
                name: "lesson_views");

            migrationBuilder.DropTable(
                name: "quiz_cards");

            migrationBuilder.DropTable(
                name: "quiz_deliveries");

            migrationBuilder.DropTable(
                name: "quiz_questions");

            migrationBuilder.DropTable(
                name: "quiz_reviews");

            migrationBuilder.DropTable(
                name: "quiz_settings");

            migrationBuilder.DropTable(
                name: "recognition_entries");

            migrationBuilder.DropTable(
                name: "recognition_posts");

            migrationBuilder.DropTable(
                name: "recognition_preferences");

            migrationBuilder.DropTable(
                name: "routed_questions");

            migrationBuilder.DropTable(
                name: "slack_installations");

            migrationBuilder.DropTable(
                name: "slack_oauth_states");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "circle_rounds");

            migrationBuilder.DropTable(
                name: "debriefs");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "lessons");

            migrationBuilder.DropTable(
                name: "circles");
        }
    }
}
