using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSlack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "slack_installations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstallationKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TeamName = table.Column<string>(type: "TEXT", nullable: true),
                    EnterpriseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    IsEnterpriseInstall = table.Column<bool>(type: "INTEGER", nullable: false),
                    AppId = table.Column<string>(type: "TEXT", nullable: true),
                    BotUserId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BotId = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedBotToken = table.Column<string>(type: "TEXT", nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", nullable: true),
                    InstallerUserId = table.Column<string>(type: "TEXT", nullable: true),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slack_installations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "slack_oauth_states",
                columns: table => new
                {
                    StateHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slack_oauth_states", x => x.StateHash);
                });

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
                name: "slack_installations");

            migrationBuilder.DropTable(
                name: "slack_oauth_states");
        }
    }
}
