using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Outbox;

/// <summary>
/// A message that must reach someone later, stored before anything is sent (ARCHITECTURE.md, the outbox). The
/// delivery worker claims a row with a lease, sends it, and marks it sent once.
/// </summary>
public sealed class OutboxMessageRecord
{
    public long Id { get; set; }
    /// <summary>Unique: writing the same message twice (a re-run, a second instance) is refused by the database.</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>Which composer turns the row into a message at send time, e.g. "text" or "quiz".</summary>
    public required string Kind { get; set; }
    /// <summary>What the composer needs; for "text" the text itself.</summary>
    public string Payload { get; set; } = "";
    /// <summary>Teams or Slack.</summary>
    public required ChannelKind Channel { get; set; }
    /// <summary>
    /// Without <see cref="ConversationId"/>: the recipient, whose personal conversation is looked up at send time
    /// (serviceUrl can change meanwhile). With one: the person the message is posted for (a kudos giver, a sharer, an
    /// asker), who is told in their 1:1 chat when it finally cannot be posted; null = nobody to tell (a digest).
    /// </summary>
    public Guid? PersonId { get; set; }
    /// <summary>Or an explicit conversation (a channel post, a digest).</summary>
    public string? ConversationId { get; set; }
    public OutboxMessageStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Not tried before this time (backoff, Retry-After).</summary>
    public DateTimeOffset NotBefore { get; set; }
    /// <summary>Not sent at all after this time (a quiz is for its day only).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Who holds the row right now, and until when; an expired lease (a crashed worker) can be taken over.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The channel's id of the sent message, to update its card in place later.</summary>
    public string? SentMessageId { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Where an outbox message stands: waiting, sent, given up, or expired.</summary>
public enum OutboxMessageStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>Given up: a permanent failure or too many attempts.</summary>
    Failed = 2,
    /// <summary>Its time passed before it could be sent.</summary>
    Expired = 3,
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessageRecord>
{
    public void Configure(EntityTypeBuilder<OutboxMessageRecord> message)
    {
        message.ToTable("outbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.IdempotencyKey).HasMaxLength(200);
        message.HasIndex(m => m.IdempotencyKey).IsUnique();
        message.Property(m => m.Kind).HasMaxLength(40);
        message.Property(m => m.Channel).HasMaxLength(20);
        message.Property(m => m.ConversationId).HasMaxLength(400);
        message.Property(m => m.LeaseOwner).HasMaxLength(100);
        message.Property(m => m.SentMessageId).HasMaxLength(400);
        message.Property(m => m.LastError).HasMaxLength(500);
        // The worker's query: pending rows whose time has come.
        message.HasIndex(m => new { m.Status, m.NotBefore });
    }
}
