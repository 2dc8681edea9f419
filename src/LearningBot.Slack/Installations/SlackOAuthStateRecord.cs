using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Slack.Installations;

/// <summary>An OAuth state handed to an installer; valid once, for a few minutes (slack-protocol.md §8 step 2).</summary>
public sealed class SlackOAuthStateRecord
{
    /// <summary>SHA-256 of the state, hex: the state itself only ever lives in the installer's browser.</summary>
    public required string StateHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>Maps <see cref="SlackOAuthStateRecord"/>: keyed by the state's hash, expired states found by <c>ExpiresAt</c>.</summary>
public sealed class SlackOAuthStateConfiguration : IEntityTypeConfiguration<SlackOAuthStateRecord>
{
    public void Configure(EntityTypeBuilder<SlackOAuthStateRecord> builder)
    {
        builder.ToTable("slack_oauth_states");
        builder.HasKey(s => s.StateHash);
        builder.Property(s => s.StateHash).HasMaxLength(64);
        builder.HasIndex(s => s.ExpiresAt);
    }
}
