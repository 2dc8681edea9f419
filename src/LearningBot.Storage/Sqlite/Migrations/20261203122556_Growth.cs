using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Growth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BuddyPersonId",
                table: "people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartDate",
                table: "people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "growth_buddy_volunteers",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VolunteeredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_buddy_volunteers", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "growth_check_ins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: false),
                    Hard = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Helped = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_check_ins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "growth_development_check_ins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ManagerPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HeldAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SnoozedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Snoozes = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreedGoal = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AgreedGoalId = table.Column<long>(type: "INTEGER", nullable: true),
                    AgreedGoalAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_development_check_ins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "growth_goals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OpenKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_goals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "growth_journeys",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneSteps = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BuddyPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BuddyRound = table.Column<int>(type: "INTEGER", nullable: false),
                    PassedBuddies = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GoalsSetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Stopped = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_journeys", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "growth_preferences",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShareLearningWithManager = table.Column<bool>(type: "INTEGER", nullable: false),
                    NoMonthlyCheckIns = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_preferences", x => x.PersonId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_people_StartDate",
                table: "people",
                column: "StartDate");

            migrationBuilder.CreateIndex(
                name: "IX_growth_check_ins_PersonId_Day",
                table: "growth_check_ins",
                columns: new[] { "PersonId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_growth_development_check_ins_ManagerPersonId_ReportPersonId_Period",
                table: "growth_development_check_ins",
                columns: new[] { "ManagerPersonId", "ReportPersonId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_growth_development_check_ins_SnoozedUntil",
                table: "growth_development_check_ins",
                column: "SnoozedUntil");

            migrationBuilder.CreateIndex(
                name: "IX_growth_goals_PersonId_OpenKey",
                table: "growth_goals",
                columns: new[] { "PersonId", "OpenKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_growth_journeys_BuddyPersonId",
                table: "growth_journeys",
                column: "BuddyPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_growth_journeys_FinishedAt",
                table: "growth_journeys",
                column: "FinishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "growth_buddy_volunteers");

            migrationBuilder.DropTable(
                name: "growth_check_ins");

            migrationBuilder.DropTable(
                name: "growth_development_check_ins");

            migrationBuilder.DropTable(
                name: "growth_goals");

            migrationBuilder.DropTable(
                name: "growth_journeys");

            migrationBuilder.DropTable(
                name: "growth_preferences");

            migrationBuilder.DropIndex(
                name: "IX_people_StartDate",
                table: "people");

            migrationBuilder.DropColumn(
                name: "BuddyPersonId",
                table: "people");

            migrationBuilder.DropColumn(
                name: "StartDate",
                table: "people");
        }
    }
}
