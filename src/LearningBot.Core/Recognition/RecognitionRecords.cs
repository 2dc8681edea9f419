using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Recognition;

/// <summary>
/// One line of the append-only recognition ledger. A give is +1, taking it back is a second line of -1 that points
/// at the first (never an update or a delete), so the ledger is its own history. The idempotency key names the source
/// event (Slack event id + reaction, Teams activity id, command event id) and is unique: a redelivery cannot count twice.
/// </summary>
public sealed class RecognitionEntryRecord
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    /// <summary>+1 a recognition, -1 a reversal.</summary>
    public int Points { get; set; }
    /// <summary>For a reversal: the entry it takes back.</summary>
    public long? ReversesEntryId { get; set; }
    public RecognitionSource Source { get; set; }
    /// <summary>Teams or Slack.</summary>
    public required ChannelKind Channel { get; set; }
    public Guid GiverPersonId { get; set; }
    public Guid RecipientPersonId { get; set; }
    /// <summary>The message recognised (reactions, endorsements); one recognition per giver per message.</summary>
    public string? MessageId { get; set; }
    /// <summary>For endorsements: the bot post (shoutout or learning share) endorsed.</summary>
    public long? PostId { get; set; }
    public string? Reason { get; set; }
    /// <summary>Value tag without '#', lower case, e.g. "teamwork".</summary>
    public string? Value { get; set; }
    /// <summary>Workspace (Slack team) or Teams team the give happened in; "" when unknown (a 1:1 chat).</summary>
    public string TeamId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The giver's local calendar date when they gave: the daily allowance counts per local date.</summary>
    public DateOnly GiverLocalDate { get; set; }
}

/// <summary>The way a recognition was given.</summary>
public enum RecognitionSource
{
    Command = 0,
    Reaction = 1,
    /// <summary>A reaction on the bot's shoutout post.</summary>
    Endorsement = 2,
    /// <summary>A reaction on a learning share.</summary>
    ShareReaction = 3,
    MessageAction = 4,
}

/// <summary>A message the bot posted whose reactions mean something: a shoutout or a learning share.</summary>
public sealed class RecognitionPostRecord
{
    public long Id { get; set; }
    public RecognitionPostKind Kind { get; set; }
    public required ChannelKind Channel { get; set; }
    public required string ConversationId { get; set; }
    public string TeamId { get; set; } = "";
    /// <summary>The channel's message id, known once the outbox has sent it.</summary>
    public string? MessageId { get; set; }
    public long OutboxMessageId { get; set; }
    /// <summary>Who the post celebrates: the recipient of a shoutout, the author of a share.</summary>
    public Guid SubjectPersonId { get; set; }
    public string SubjectName { get; set; } = "";
    public Guid? AuthorPersonId { get; set; }
    public string AuthorName { get; set; } = "";
    /// <summary>The shoutout's ledger entry.</summary>
    public long? EntryId { get; set; }
    public string Text { get; set; } = "";
    public string? Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What the bot posted to a learning channel: a shoutout or a learning share.</summary>
public enum RecognitionPostKind
{
    Shoutout = 0,
    LearningShare = 1,
}

/// <summary>The conversation where a team's shoutouts, learning shares and digests go ("learning channel here").</summary>
public sealed class LearningChannelRecord
{
    public int Id { get; set; }
    public required ChannelKind Channel { get; set; }
    /// <summary>Teams team or Slack workspace; "" = organisation-wide fallback.</summary>
    public string TeamId { get; set; } = "";
    public required string ConversationId { get; set; }
    /// <summary>IANA zone the digest is scheduled in (the time zone of whoever set the channel up, else the configured default).</summary>
    public string? TimeZone { get; set; }
    public Guid SetByPersonId { get; set; }
    public DateTimeOffset SetAt { get; set; }
}

/// <summary>A person's recognition preferences. No row = the defaults (on the leaderboard, notified).</summary>
public sealed class RecognitionPreferenceRecord
{
    public Guid PersonId { get; set; }
    public bool LeaderboardOptOut { get; set; }
    public bool NotificationsOff { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A badge a person earned; each badge once per person.</summary>
public sealed class BadgeAwardRecord
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public required string BadgeId { get; set; }
    public DateTimeOffset AwardedAt { get; set; }
}

internal sealed class RecognitionEntryConfiguration : IEntityTypeConfiguration<RecognitionEntryRecord>
{
    public void Configure(EntityTypeBuilder<RecognitionEntryRecord> entry)
    {
        entry.ToTable("recognition_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.IdempotencyKey).HasMaxLength(300);
        entry.HasIndex(e => e.IdempotencyKey).IsUnique();
        entry.Property(e => e.Channel).HasMaxLength(20);
        entry.Property(e => e.MessageId).HasMaxLength(400);
        entry.Property(e => e.Reason).HasMaxLength(500);
        entry.Property(e => e.Value).HasMaxLength(50);
        entry.Property(e => e.TeamId).HasMaxLength(100);
        entry.HasIndex(e => new { e.GiverPersonId, e.GiverLocalDate });
        entry.HasIndex(e => new { e.Channel, e.MessageId, e.GiverPersonId });
        entry.HasIndex(e => e.RecipientPersonId);
        entry.HasIndex(e => e.CreatedAt);
        // One reversal per entry at most.
        entry.HasIndex(e => e.ReversesEntryId).IsUnique();
    }
}

internal sealed class RecognitionPostConfiguration : IEntityTypeConfiguration<RecognitionPostRecord>
{
    public void Configure(EntityTypeBuilder<RecognitionPostRecord> post)
    {
        post.ToTable("recognition_posts");
        post.HasKey(p => p.Id);
        post.Property(p => p.Channel).HasMaxLength(20);
        post.Property(p => p.ConversationId).HasMaxLength(400);
        post.Property(p => p.TeamId).HasMaxLength(100);
        post.Property(p => p.MessageId).HasMaxLength(400);
        post.Property(p => p.SubjectName).HasMaxLength(200);
        post.Property(p => p.AuthorName).HasMaxLength(200);
        post.Property(p => p.Text).HasMaxLength(2000);
        post.Property(p => p.Value).HasMaxLength(50);
        post.HasIndex(p => new { p.Channel, p.MessageId });
        post.HasIndex(p => p.OutboxMessageId).IsUnique();
    }
}

internal sealed class LearningChannelConfiguration : IEntityTypeConfiguration<LearningChannelRecord>
{
    public void Configure(EntityTypeBuilder<LearningChannelRecord> channel)
    {
        channel.ToTable("learning_channels");
        channel.HasKey(c => c.Id);
        channel.Property(c => c.Channel).HasMaxLength(20);
        channel.Property(c => c.TeamId).HasMaxLength(100);
        channel.Property(c => c.ConversationId).HasMaxLength(400);
        channel.Property(c => c.TimeZone).HasMaxLength(100);
        channel.HasIndex(c => new { c.Channel, c.TeamId }).IsUnique();
    }
}

internal sealed class RecognitionPreferenceConfiguration : IEntityTypeConfiguration<RecognitionPreferenceRecord>
{
    public void Configure(EntityTypeBuilder<RecognitionPreferenceRecord> preference)
    {
        preference.ToTable("recognition_preferences");
        preference.HasKey(p => p.PersonId);
    }
}

internal sealed class BadgeAwardConfiguration : IEntityTypeConfiguration<BadgeAwardRecord>
{
    public void Configure(EntityTypeBuilder<BadgeAwardRecord> badge)
    {
        badge.ToTable("badge_awards");
        badge.HasKey(b => b.Id);
        badge.Property(b => b.BadgeId).HasMaxLength(60);
        badge.HasIndex(b => new { b.PersonId, b.BadgeId }).IsUnique();
    }
}
