using LearningBot.Core.Cards;

namespace LearningBot.Testing;

/// <summary>An outbox message the delivery worker sent, as the recipient would see it.</summary>
public sealed record Delivered(Guid PersonId, string? ConversationId, string Kind, Card? Card, string? Text);
