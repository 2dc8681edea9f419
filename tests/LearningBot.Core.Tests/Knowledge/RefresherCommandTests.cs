using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;

namespace LearningBot.Core.Tests.Knowledge;

public sealed class RefresherCommandTests
{
    /// <summary>A message from Ada in her 1:1 chat, through the real turn path.</summary>
    private static Task<Reply> Say(TestDatabase db, string text)
    {
        var ada = TestDatabase.TeamsAccount("Ada");
        return db.ProcessAsync(db.Turn(ada, TurnKind.Message, TestDatabase.PersonalChat(ada), text));
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
