using System.Globalization;
using System.Text;
using LearningBot.Core.Conversations;

namespace LearningBot.Core.Analytics;

/// <summary>"progress": my learning — the asker's own figures, never anyone else's, answered privately to them.</summary>
public sealed class ProgressCommand(AnalyticsService analytics, PrivateReplies privately) : ICommandHandler
{
    /// <inheritdoc />
    public string Name => "progress";

    /// <inheritdoc />
    public string Description => "your own learning: streak, lessons, what you remember, what is due";

    /// <inheritdoc />
    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var mine = await analytics.MyLearningAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
        // In a channel only the asker sees it (a private note to their 1:1 chat, or Slack's ephemeral reply).
        return await privately.ToSenderAsync(turn, Render(mine), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text of "my learning".</summary>
    public static string Render(MyLearning mine)
    {
        ArgumentNullException.ThrowIfNull(mine);
        var text = new StringBuilder("**My learning**\n\n");
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"- Quiz streak: {mine.Streak} (longest {mine.LongestStreak})\n");
        text.Append(c, $"- Lessons learned: {mine.LessonsLearned}\n");
        text.Append(c, $"- Questions due for review: {mine.Due}\n");
        text.Append(c, $"- Kudos received: {mine.KudosReceived}\n");
        text.Append(c, $"- Debrief lessons written: {mine.DebriefLessonsWritten} ({mine.DebriefLessonsPublished} published)\n");
        if (mine.Topics.Count == 0)
        {
            text.Append("\nNo quiz answers yet: type **quiz** to start, and your predicted recall per topic shows here.");
        }
        else
        {
            text.Append("\nWhat you are likely to remember today:\n");
            foreach (var topic in mine.Topics)
            {
                text.Append(c, $"- {topic.Topic}: {Math.Round(topic.PredictedRecall * 100):0}%{(topic.AtRisk ? " — due for a refresher" : "")}\n");
            }
        }
        return text.ToString().TrimEnd();
    }
}
