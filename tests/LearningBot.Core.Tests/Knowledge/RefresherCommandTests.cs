using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Knowledge;

public sealed class RefresherCommandTests
{
    private static async Task<Reply> Say(TestDatabase db, string text)
    {
        await using var scope = db.Scope();
        var turn = new Turn
        {
            Channel = ChannelKind.Teams,
            EventId = Guid.NewGuid().ToString(),
            Kind = TurnKind.Message,
            From = new ChannelUser("29:1", "Ada"),
            Conversation = new TurnConversation("a:1", ConversationType.Personal),
            Text = text,
        };
        return await scope.ServiceProvider.GetRequiredService<TurnRouter>().RouteAsync(turn, CancellationToken.None);
    }

    [Fact]
    public async Task A_one_word_topic_gets_the_refresher_card_of_its_lesson()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.With<LessonImporter, ImportReport>(i => i.ImportAsync(RepositoryPaths.Content, CancellationToken.None));

        var card = Assert.Single((await Say(db, "refresher phishing")).Messages).Card!;

        Assert.Equal("Refresher: Spotting suspicious links, and what to do if you clicked one", card.Title);
        Assert.Contains(card.Body, e => e is HeadingElement { Text: "Key points" });
        Assert.Contains(card.Body, e => e is HeadingElement { Text: "Check yourself" });
    }

    [Fact]
    public async Task A_topic_the_library_does_not_cover_says_so()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.With<LessonImporter, ImportReport>(i => i.ImportAsync(RepositoryPaths.Content, CancellationToken.None));

        var card = Assert.Single((await Say(db, "refresher cooking recipes")).Messages).Card!;

        Assert.Equal("I don't have a lesson on that yet", card.Title);
    }

    [Fact]
    public async Task Refresher_without_a_topic_asks_for_one()
    {
        await using var db = await TestDatabase.CreateAsync();

        var text = Assert.Single((await Say(db, "refresher")).Messages).Text;

        Assert.Contains("Which topic?", text, StringComparison.Ordinal);
    }
}
