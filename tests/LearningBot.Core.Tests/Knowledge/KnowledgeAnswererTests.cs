using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Knowledge;

/// <summary>The language-model path end to end, against an OpenAI-compatible server on loopback.</summary>
public sealed class KnowledgeAnswererTests
{
    private const string Question = "how do I give feedback to a peer without it getting awkward";

    private static async Task<TestDatabase> WithModel(FakeChatCompletions model, string provider = "OpenAI")
    {
        var settings = new Dictionary<string, string?>
        {
            ["LearningBot:AI:Provider"] = provider,
            ["LearningBot:AI:Endpoint"] = model.Endpoint,
            ["LearningBot:AI:ApiKey"] = "test-key",
            ["LearningBot:AI:Model"] = "test-model",
            ["LearningBot:AI:TimeoutSeconds"] = "10",
        };
        var db = await TestDatabase.CreateAsync(settings: settings);
        await db.With<LessonImporter, ImportReport>(i => i.ImportAsync(RepositoryPaths.Content, CancellationToken.None));
        return db;
    }

    private static Task<KnowledgeResult> Answer(TestDatabase db, string question = Question) =>
        db.With<KnowledgeAnswerer, KnowledgeResult>(a => a.AnswerAsync(question, CancellationToken.None));

    [Fact]
    public async Task The_model_writes_the_answer_from_the_passages_and_cites_them()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.AnswerWith("Ask first, then talk about one specific moment [feedback-peer-conversations]. Agree the next step together [feedback-peer-conversations].");
        await using var db = await WithModel(model);

        var result = await Answer(db);

        Assert.Equal("Ask first, then talk about one specific moment. Agree the next step together.", result.Generated!.Text);
        Assert.Equal("feedback-peer-conversations", Assert.Single(result.Generated.Cited).LessonId);
        var request = Assert.Single(model.Requests);
        var prompt = request["messages"]![1]!["content"]!.ToString();
        Assert.Contains("[feedback-peer-conversations]", prompt, StringComparison.Ordinal);
        Assert.Contains("ONLY the passages", request["messages"]![0]!["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_azure_openai_provider_speaks_the_same_wire_format()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.AnswerWith("Talk about one moment [feedback-peer-conversations].");
        await using var db = await WithModel(model, provider: "AzureOpenAI");

        var result = await Answer(db);

        Assert.Equal("Talk about one moment.", result.Generated!.Text);
    }

    [Fact]
    public async Task Citations_of_lessons_that_were_not_among_the_passages_are_dropped()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.AnswerWith("Use SBI [made-up-lesson]. Ask first [feedback-peer-conversations].");
        await using var db = await WithModel(model);

        var result = await Answer(db);

        Assert.Equal("Use SBI. Ask first.", result.Generated!.Text);
        Assert.Equal(["feedback-peer-conversations"], result.Generated.Cited.Select(c => c.LessonId));
    }

    [Fact]
    public async Task An_answer_citing_nothing_real_falls_back_to_the_passages()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.AnswerWith("Just be nice [made-up-lesson].");
        await using var db = await WithModel(model);

        var result = await Answer(db);

        Assert.Null(result.Generated);
        Assert.True(result.Search.Answered);
        Assert.Equal("feedback-peer-conversations", result.Search.Best!.LessonId);
    }

    [Fact]
    public async Task When_the_model_says_it_does_not_know_the_bot_does_not_answer()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.AnswerWith("I don't know.");
        await using var db = await WithModel(model);

        var result = await Answer(db);

        Assert.Null(result.Generated);
        Assert.False(result.Search.Answered);
    }

    [Fact]
    public async Task A_server_error_falls_back_to_the_passages()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.FailWith(500);
        await using var db = await WithModel(model);

        var result = await Answer(db);

        Assert.Null(result.Generated);
        Assert.Equal("feedback-peer-conversations", result.Search.Best!.LessonId);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task A_slow_model_is_abandoned_at_the_timeout_and_the_passages_answer()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.Hang();
        await using var db = await WithModel(model);

        var answering = Answer(db);
        await model.RequestArrived;
        db.Clock.Advance(TimeSpan.FromSeconds(11));
        var result = await answering;

        Assert.Null(result.Generated);
        Assert.Equal("feedback-peer-conversations", result.Search.Best!.LessonId);
    }

    [Fact]
    public async Task Without_a_model_configured_the_answer_is_the_passages()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.With<LessonImporter, ImportReport>(i => i.ImportAsync(RepositoryPaths.Content, CancellationToken.None));

        var result = await Answer(db);

        Assert.Null(result.Generated);
        Assert.Equal("feedback-peer-conversations", result.Search.Best!.LessonId);
    }

    [Fact]
    public async Task Questions_the_library_does_not_answer_never_reach_the_model()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        model.AnswerWith("Paris [feedback-peer-conversations].");
        await using var db = await WithModel(model);

        var result = await Answer(db, "what's the capital of mongolia");

        Assert.False(result.Search.Answered);
        Assert.Empty(model.Requests);
    }
}
