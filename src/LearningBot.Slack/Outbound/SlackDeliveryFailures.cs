using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;

namespace LearningBot.Slack.Outbound;

/// <summary>
/// Slack's failures in the terms a retrying sender needs: the one place a <see cref="SlackApiException"/> (or an
/// unreachable Slack) becomes a <see cref="ProactiveDeliveryException"/>, for replies and proactive messages alike.
/// </summary>
internal static class SlackDeliveryFailures
{
    public static async Task<T> MapAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            throw new ProactiveDeliveryException(e.Message, e.IsPermanent, e.RetryAfter, e);
        }
        catch (HttpRequestException e)
        {
            throw new ProactiveDeliveryException($"Slack could not be reached: {e.Message}", permanent: false, innerException: e);
        }
    }

    public static Task MapAsync(Func<Task> call) =>
        MapAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });
}
