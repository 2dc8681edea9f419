using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LearningBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPeopleDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DirectoryUpdatedAt",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "people",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ManagerPersonId",
                table: "people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "people",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Team",
                table: "people",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EmailCheckedAt",
                table: "channel_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_Email",
                table: "people",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_ManagerPersonId",
                table: "people",
                column: "ManagerPersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_people_Email",
                table: "people");

            migrationBuilder.DropIndex(
                name: "IX_people_ManagerPersonId",
                table: "people");

            migrationBuilder.DropColumn(
                name: "DirectoryUpdatedAt",
                table: "people");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "people");

            migrationBuilder.DropColumn(
                name: "ManagerPersonId",
                table: "people");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "people");

            migrationBuilder.DropColumn(
                name: "Team",
                table: "people");

            migrationBuilder.DropColumn(
                name: "EmailCheckedAt",
                table: "channel_accounts");
        }
    }
}
