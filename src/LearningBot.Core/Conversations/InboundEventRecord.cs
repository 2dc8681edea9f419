using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Conversations;

/// <summary>An inbound event already handled (Teams activity id, Slack event id): the unique key makes every event idempotent.</summary>
public sealed class InboundEventRecord
{
    public required ChannelKind Channel { get; set; }
    public required string EventId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEventRecord>
{
    public void Configure(EntityTypeBuilder<InboundEventRecord> builder)
    {
        builder.ToTable("inbound_events");
        builder.HasKey(e => new { e.Channel, e.EventId });
        builder.Property(e => e.Channel).HasMaxLength(20);
        builder.Property(e => e.EventId).HasMaxLength(200);
    }
}
