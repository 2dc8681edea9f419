namespace LearningBot.Core.Conversations;

/// <summary>What a channel needs to write into a conversation later (a conversation reference).</summary>
public sealed record ConversationAddress(string ServiceUrl)
{
    public string? BotId { get; init; }
    public string? TenantId { get; init; }
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
}
