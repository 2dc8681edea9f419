namespace LearningBot.Data.Inbound;

/// <summary>An inbound event already handled (Teams activity id, Slack event id): the unique key makes every event idempotent.</summary>
public sealed class InboundEventRecord
{
    public required string Channel { get; set; }
    public required string EventId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
