using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LearningBot.Storage.PostgreSql.Migrations
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartDate",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "growth_buddy_volunteers",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteeredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_buddy_volunteers", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "growth_check_ins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Progress = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    Hard = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Helped = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_check_ins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "growth_development_check_ins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ManagerPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SnoozedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Snoozes = table.Column<int>(type: "integer", nullable: false),
                    AgreedGoal = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AgreedGoalId = table.Column<long>(type: "bigint", nullable: true),
                    AgreedGoalAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_development_check_ins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "growth_goals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Progress = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OpenKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_goals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "growth_journeys",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneSteps = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BuddyPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    BuddyRound = table.Column<int>(type: "integer", nullable: false),
                    PassedBuddies = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    GoalsSetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Stopped = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_journeys", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "growth_preferences",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShareLearningWithManager = table.Column<bool>(type: "boolean", nullable: false),
                    NoMonthlyCheckIns = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "IX_growth_development_check_ins_ManagerPersonId_ReportPersonId~",
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
