using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Storage.PostgreSql.Migrations
{
    /// <summary>
    /// The tables of Quartz's clustered ADO.NET job store (qrtz_*), so instances sharing the database run each
    /// scheduled job once. The script is Quartz's own, embedded beside this file (QuartzJobStore.sql); the EF model is
    /// unchanged. SQLite keeps Quartz in memory and has no such migration.
    /// </summary>
    [DbContext(typeof(PostgreSqlLearningBotDbContext))]
    [Migration("20261203073000_QuartzJobStore")]
    public partial class QuartzJobStore : Migration
    {
        private const string Script = "LearningBot.Storage.PostgreSql.Migrations.QuartzJobStore.sql";

        private static readonly string[] Tables =
        [
            "fired_triggers", "paused_trigger_grps", "scheduler_state", "locks", "simple_triggers", "simprop_triggers",
            "cron_triggers", "blob_triggers", "triggers", "job_details", "calendars", "execution_history",
            "misfire_history", "job_status",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            using var stream = typeof(QuartzJobStore).Assembly.GetManifestResourceStream(Script)
                ?? throw new InvalidOperationException($"The embedded resource {Script} is missing from LearningBot.Storage.");
            using var reader = new StreamReader(stream);
            // Statements are separated by a line reading '--;;', as in Quartz's script.
            foreach (var statement in reader.ReadToEnd().Split("\n--;;\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (statement.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)))
                {
                    migrationBuilder.Sql(statement);
                }
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TABLE IF EXISTS qrtz_{table} CASCADE;");
            }
        }
    }
}
