using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Conversations;

/// <summary>
/// Where the bot can write later: one row per conversation (a person's 1:1 chat, a group chat, a team channel).
/// Refreshed from every inbound activity because serviceUrl can change (teams-protocol.md §1.1, §4.6).
/// </summary>
public sealed class ConversationReferenceRecord
{
    public int Id { get; set; }
    public required ChannelKind Channel { get; set; }
    public required string ConversationId { get; set; }
    /// <summary>personal, groupChat or channel.</summary>
    public required string ConversationType { get; set; }
    public required string ServiceUrl { get; set; }
    public string? TenantId { get; set; }
    public string? BotId { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }
    /// <summary>Set for personal conversations: whose 1:1 chat this is.</summary>
    public Guid? PersonId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When the welcome card went out; set once, so the greeting is sent once.</summary>
    public DateTimeOffset? GreetedAt { get; set; }
    /// <summary>Set when the app is removed; a removed conversation gets nothing proactive.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}

internal sealed class ConversationReferenceConfiguration : IEntityTypeConfiguration<ConversationReferenceRecord>
{
    public void Configure(EntityTypeBuilder<ConversationReferenceRecord> builder)
    {
        builder.ToTable("conversation_references");
        builder.HasIndex(r => new { r.Channel, r.ConversationId }).IsUnique();
        builder.HasIndex(r => r.PersonId);
    }
}
