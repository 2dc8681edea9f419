using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Slack.Installations;

/// <summary>
/// One installation of the Slack app: a workspace (team) or, for an org-wide install, an Enterprise Grid org
/// (slack-protocol.md §8, the node-slack-sdk installation shape). Removed on app_uninstalled / tokens_revoked.
/// </summary>
public sealed class SlackInstallationRecord
{
    public int Id { get; set; }

    /// <summary>"enterprise:team" with empty parts where absent; unique, so one row per team or org.</summary>
    public required string InstallationKey { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }
    public string? EnterpriseId { get; set; }
    public bool IsEnterpriseInstall { get; set; }
    public string? AppId { get; set; }
    public required string BotUserId { get; set; }
    public string? BotId { get; set; }

    /// <summary>The xoxb- bot token protected with ASP.NET Core Data Protection; never stored or logged in clear.</summary>
    public required string ProtectedBotToken { get; set; }
    public string? Scopes { get; set; }
    public string? InstallerUserId { get; set; }
    public DateTimeOffset InstalledAt { get; set; }

    public static string KeyOf(string? enterpriseId, string? teamId) => $"{enterpriseId ?? ""}:{teamId ?? ""}";
}

/// <summary>Maps <see cref="SlackInstallationRecord"/>: one row per installation key.</summary>
public sealed class SlackInstallationConfiguration : IEntityTypeConfiguration<SlackInstallationRecord>
{
    public void Configure(EntityTypeBuilder<SlackInstallationRecord> builder)
    {
        builder.ToTable("slack_installations");
        builder.Property(i => i.InstallationKey).HasMaxLength(100);
        builder.HasIndex(i => i.InstallationKey).IsUnique();
        builder.Property(i => i.TeamId).HasMaxLength(40);
        builder.Property(i => i.EnterpriseId).HasMaxLength(40);
        builder.Property(i => i.BotUserId).HasMaxLength(40);
    }
}
