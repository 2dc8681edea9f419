using LearningBot.Core.People;

namespace LearningBot.Core.Conversations;

/// <summary>
/// The path every inbound turn takes, whatever the channel: drop duplicates, resolve the person, remember the
/// conversation, link the person to the people directory, route. Returns null for a duplicate, which the adapter acknowledges without acting.
/// </summary>
public sealed class TurnProcessor(
    InboundEventLog inbound,
    PersonDirectory people,
    ConversationReferenceStore conversations,
    TurnRouter router)
{
    public async Task<Reply?> ProcessAsync(Turn turn, ConversationAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!await inbound.TryRecordAsync(turn.Channel, turn.EventId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        try
        {
            var personId = await people.ResolveAsync(turn.Channel, turn.From, turn.TimeZone, turn.Locale, cancellationToken).ConfigureAwait(false);
            turn = turn with { PersonId = personId };
            var where = await conversations.UpsertAsync(turn, address, cancellationToken).ConfigureAwait(false);
            if (turn.From.Email is null)
            {
                turn = turn with { PersonId = await people.LearnEmailAsync(turn, where, cancellationToken).ConfigureAwait(false) };
            }
            return await router.RouteAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await inbound.ForgetAsync(turn.Channel, turn.EventId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
