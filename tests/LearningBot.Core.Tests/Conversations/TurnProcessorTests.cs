using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Conversations;

public sealed class TurnProcessorTests
{
    private static readonly ConversationAddress Address = new("https://smba.trafficmanager.net/amer/") { BotId = "28:bot", TenantId = "t1" };

    private static Turn Turn(TurnKind kind, string eventId, string text = "", string conversation = "a:1") => new()
    {
        Channel = ChannelKind.Teams,
        EventId = eventId,
        Kind = kind,
        From = new ChannelUser("29:ada", "Ada Lovelace") { AadObjectId = "aad-1" },
        Conversation = new TurnConversation(conversation, ConversationType.Personal) { TenantId = "t1" },
        Text = text,
        TimeZone = "Europe/London",
    };

    private static Task<Reply?> Process(TestDatabase db, Turn turn) =>
        db.With<TurnProcessor, Reply?>(p => p.ProcessAsync(turn, Address, CancellationToken.None));

    [Fact]
    public async Task The_same_event_delivered_twice_is_processed_once()
    {
        await using var db = await TestDatabase.CreateAsync();

        var first = await Process(db, Turn(TurnKind.Message, "act-1", "help"));
        var second = await Process(db, Turn(TurnKind.Message, "act-1", "help"));

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task Installing_greets_once_even_when_teams_sends_two_install_events()
    {
        await using var db = await TestDatabase.CreateAsync();

        var first = await Process(db, Turn(TurnKind.Installed, "install-1"));
        var second = await Process(db, Turn(TurnKind.Installed, "conversation-update-1"));

        Assert.Contains("LearningBot", Assert.Single(first!.Messages).Card!.Title, StringComparison.Ordinal);
        Assert.Empty(second!.Messages);
    }

    [Fact]
    public async Task A_first_message_creates_the_person_and_their_conversation_reference()
    {
        await using var db = await TestDatabase.CreateAsync();

        await Process(db, Turn(TurnKind.Message, "m1", "help"));

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var person = await context.People.Include(p => p.Accounts).SingleAsync();
        Assert.Equal("Ada Lovelace", person.DisplayName);
        Assert.Equal("Europe/London", person.TimeZone);
        Assert.Equal("aad-1", Assert.Single(person.Accounts).AadObjectId);
        var reference = await context.ConversationReferences.SingleAsync();
        Assert.Equal(("a:1", "https://smba.trafficmanager.net/amer/", person.Id), (reference.ConversationId, reference.ServiceUrl, reference.PersonId!.Value));
    }

    [Fact]
    public async Task Uninstalling_marks_the_conversation_removed()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Process(db, Turn(TurnKind.Installed, "i1"));

        await Process(db, Turn(TurnKind.Uninstalled, "u1"));

        await using var scope = db.Scope();
        var reference = await scope.ServiceProvider.GetRequiredService<ConversationReferenceStore>().FindAsync(ChannelKind.Teams, "a:1", CancellationToken.None);
        Assert.NotNull(reference!.RemovedAt);
    }
}
