using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Knowledge;

/// <summary>Where a team's "ask the experts" questions go: a channel (or chat) where the bot is installed.</summary>
public sealed class ExpertChannelRecord
{
    public int Id { get; set; }
    public required ChannelKind Channel { get; set; }
    /// <summary>The team it serves; "" = questions from anywhere without a team of their own (1:1 chats).</summary>
    public required string TeamId { get; set; }
    public required string ConversationId { get; set; }
    public Guid SetByPersonId { get; set; }
    public DateTimeOffset SetAt { get; set; }
}

/// <summary>A question the library could not answer, passed on to the experts; the asker is told when one answers.</summary>
public sealed class RoutedQuestionRecord
{
    public Guid Id { get; set; }
    /// <summary>Idempotency key: the click that routed it.</summary>
    public required string EventId { get; set; }
    public Guid AskerPersonId { get; set; }
    public required ChannelKind AskerChannel { get; set; }
    public required string Question { get; set; }
    public bool Anonymous { get; set; }
    public required string ExpertConversationId { get; set; }
    public DateTimeOffset AskedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
}

internal sealed class ExpertChannelConfiguration : IEntityTypeConfiguration<ExpertChannelRecord>
{
    public void Configure(EntityTypeBuilder<ExpertChannelRecord> builder)
    {
        builder.ToTable("expert_channels");
        builder.HasIndex(e => new { e.Channel, e.TeamId }).IsUnique();
    }
}

internal sealed class RoutedQuestionConfiguration : IEntityTypeConfiguration<RoutedQuestionRecord>
{
    public void Configure(EntityTypeBuilder<RoutedQuestionRecord> builder)
    {
        builder.ToTable("routed_questions");
        builder.HasIndex(r => r.EventId).IsUnique();
        builder.Property(r => r.Question).HasMaxLength(1000);
        builder.Property(r => r.Answer).HasMaxLength(4000);
    }
}
