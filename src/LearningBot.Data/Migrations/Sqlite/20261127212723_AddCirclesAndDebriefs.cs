using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCirclesAndDebriefs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "circles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Cadence = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    LocalTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextMeetingAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RoundsHeld = table.Column<int>(type: "INTEGER", nullable: false),
                    PeerPairs = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "debriefs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartEventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Project = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Template = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    ManagerPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    HalfTimeRemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DayBeforeRemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debriefs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "circle_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CircleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeftAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    SkipsRound = table.Column<int>(type: "INTEGER", nullable: true),
                    TimesFacilitated = table.Column<int>(type: "INTEGER", nullable: false),
                    MissedInARow = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CircleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckInsSentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RoundUpSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FacilitatorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Pairs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PairingKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DebriefId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DebriefId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Answers = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "circle_check_ins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Learned = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Stuck = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TryNext = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "circle_check_ins");

            migrationBuilder.DropTable(
                name: "circle_members");

            migrationBuilder.DropTable(
                name: "debrief_lessons");

            migrationBuilder.DropTable(
                name: "debrief_participants");

            migrationBuilder.DropTable(
                name: "circle_rounds");

            migrationBuilder.DropTable(
                name: "debriefs");

            migrationBuilder.DropTable(
                name: "circles");
        }
    }
}
