using LearningBot.Testing;

namespace LearningBot.Slack.Tests;

/// <summary>
/// Requests for other teams are declined with where to go; learning questions the library lacks are gaps, never
/// mistaken for such requests — in a Slack DM, with the repository's lessons and its out-of-scope list.
/// </summary>
public sealed class OutOfScopeTests() : SlackBotTests(
    new Dictionary<string, string?> { ["LearningBot:Knowledge:OutOfScopePath"] = Path.Combine(RepositoryPaths.Content, "out-of-scope.yaml") },
    lessons: true)
{
    private async Task<string> AskAsync(string question)
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage(question)));
        await Bot.ProcessedAsync();
        return Assert.Single(Slack.CallsTo("chat.postMessage")).Body.GetProperty("blocks").GetRawText();
    }

    [Fact]
    public async Task A_request_for_the_it_desk_is_declined_with_where_to_go()
    {
        var answer = await AskAsync("my laptop won't start and IT is closed");

        Assert.Contains("have a lesson on that yet", answer, StringComparison.Ordinal);
        Assert.Contains("the IT service desk", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_learning_question_the_library_lacks_is_not_sent_to_facilities()
    {
        var answer = await AskAsync("mentoring interns in data science");

        Assert.Contains("have a lesson on that yet", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("rather than for a lesson", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("facilities", answer, StringComparison.OrdinalIgnoreCase);
    }
}
