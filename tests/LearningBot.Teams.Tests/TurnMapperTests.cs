using System.Text.Json;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Inbound;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Tests;

public sealed class TurnMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Activity Parse(string json) => JsonSerializer.Deserialize(json, TeamsJsonContext.Default.Activity)!;

    private static Turn Single(string json) => Assert.Single(TeamsTurnMapper.ToTurns(Parse(json), System.Text.Encoding.UTF8.GetBytes(json), Now));

    [Theory]
    [InlineData("<at>LearningBot</at> refresher phishing", "refresher phishing")]
    [InlineData("refresher <AT>learningbot</AT> phishing", "refresher  phishing")]
    [InlineData("<at>Grace</at> <at>LearningBot</at> help", "<at>Grace</at>  help")]
    public void Only_mentions_of_the_bot_are_removed_from_the_text(string text, string expected)
    {
        var turn = Single($$"""
        {"type":"message","id":"1","text":"{{text}}","recipient":{"id":"28:bot"},"from":{"id":"29:u"},"conversation":{"id":"19:c","conversationType":"channel"},
         "entities":[{"type":"mention","mentioned":{"id":"28:bot","name":"LearningBot"},"text":"<at>LearningBot</at>"},
                     {"type":"mention","mentioned":{"id":"29:grace","name":"Grace"},"text":"<at>Grace</at>"}]}
        """);

        Assert.Equal(TurnKind.Message, turn.Kind);
        Assert.Equal(expected, turn.Text);
    }

    [Fact]
    public void People_mentioned_other_than_the_bot_are_listed_once_each()
    {
        var turn = Single("""
        {"type":"message","id":"1","text":"<at>LearningBot</at> debrief Apollo <at>Grace</at> <at>Ada</at> <at>Grace</at>","recipient":{"id":"28:bot"},"from":{"id":"29:u"},
         "conversation":{"id":"19:c","conversationType":"channel"},"channelData":{"tenant":{"id":"t-9"}},
         "entities":[{"type":"mention","mentioned":{"id":"28:bot","name":"LearningBot"},"text":"<at>LearningBot</at>"},
                     {"type":"mention","mentioned":{"id":"29:grace","name":"Grace"},"text":"<at>Grace</at>"},
                     {"type":"mention","mentioned":{"id":"29:ada","name":"Ada"},"text":"<at>Ada</at>"},
                     {"type":"mention","mentioned":{"id":"29:grace","name":"Grace"},"text":"<at>Grace</at>"}]}
        """);

        Assert.Equal([new ChannelUser("29:grace", "Grace") { TenantId = "t-9" }, new ChannelUser("29:ada", "Ada") { TenantId = "t-9" }], turn.Mentions);
    }

    [Fact]
    public void A_mention_without_text_is_removed_by_the_bot_name()
    {
        var turn = Single("""
        {"type":"message","id":"1","text":"<at>LearningBot</at> help ","recipient":{"id":"28:bot"},"conversation":{"id":"a:1"},
         "entities":[{"type":"mention","mentioned":{"id":"28:bot","name":"LearningBot"}}]}
        """);

        Assert.Equal("help", turn.Text);
    }

    [Fact]
    public void Who_where_and_when_come_from_the_activity_and_a_thread_counts_as_its_channel()
    {
        var turn = Single("""
        {"type":"message","id":"m1","timestamp":"2026-03-01T08:00:00Z","locale":"de-DE","text":"hi",
         "from":{"id":"29:u","name":"Ada","aadObjectId":"aad-1"},"recipient":{"id":"28:bot"},
         "conversation":{"id":"19:c;messageid=5","conversationType":"channel"},
         "channelData":{"tenant":{"id":"t-9"},"team":{"id":"19:team","name":"Security"}},
         "entities":[{"type":"clientInfo","timezone":"Asia/Tokyo","locale":"de-DE"},{"type":"mention","mentioned":{"id":"28:bot"},"text":"<at>Bot</at>"}]}
        """);

        Assert.Equal("m1", turn.EventId);
        Assert.Equal(ChannelKind.Teams, turn.Channel);
        Assert.Equal(new ChannelUser("29:u", "Ada") { AadObjectId = "aad-1", TenantId = "t-9" }, turn.From);
        Assert.Equal(new TurnConversation("19:c", ConversationType.Channel) { TeamId = "19:team", TenantId = "t-9" }, turn.Conversation);
        Assert.Equal("Asia/Tokyo", turn.TimeZone);
        Assert.Equal("de-DE", turn.Locale);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), turn.Timestamp);
    }

    [Fact]
    public void The_activity_local_time_zone_wins_over_client_info_and_conversation_tenant_over_channel_data()
    {
        var turn = Single("""
        {"type":"message","id":"m1","localTimezone":"Europe/Berlin","text":"hi","from":{"id":"29:u"},"recipient":{"id":"28:bot"},
         "conversation":{"id":"19:g","conversationType":"groupChat","tenantId":"t-conv"},"channelData":{"tenant":{"id":"t-old"}},
         "entities":[{"type":"clientInfo","timezone":"Asia/Tokyo"},{"type":"mention","mentioned":{"id":"28:bot"},"text":"<at>Bot</at>"}]}
        """);

        Assert.Equal("Europe/Berlin", turn.TimeZone);
        Assert.Equal("t-conv", turn.Conversation.TenantId);
        Assert.Equal(ConversationType.GroupChat, turn.Conversation.Type);
    }

    [Fact]
    public void An_activity_without_an_id_gets_an_event_id_from_the_hash_of_its_body()
    {
        const string json = """{"type":"message","text":"hi","from":{"id":"29:u"},"recipient":{"id":"28:bot"},"conversation":{"id":"a:1"}}""";

        var first = Single(json);
        var again = Single(json);
        var other = Single(json.Replace("hi", "ho", StringComparison.Ordinal));

        Assert.StartsWith("sha256:", first.EventId, StringComparison.Ordinal);
        Assert.Equal(first.EventId, again.EventId);
        Assert.NotEqual(first.EventId, other.EventId);
    }

    [Fact]
    public void Reactions_become_one_turn_each_with_skin_tones_removed_and_distinct_event_ids()
    {
        const string json = """
        {"type":"messageReaction","id":"r1","replyToId":"bot-msg","from":{"id":"29:u"},"recipient":{"id":"28:bot"},"conversation":{"id":"a:1"},
         "reactionsAdded":[{"type":"like-tone3"},{"type":"1f440_eyes"}],"reactionsRemoved":[{"type":"like"}]}
        """;

        var turns = TeamsTurnMapper.ToTurns(Parse(json), System.Text.Encoding.UTF8.GetBytes(json), Now);

        Assert.Equal(
            [("r1:like:added", "like", true), ("r1:1f440_eyes:added", "1f440_eyes", true), ("r1:like:removed", "like", false)],
            turns.Select(t => (t.EventId, t.Reaction!.Reaction, t.Reaction.Added)));
        Assert.All(turns, t => Assert.Equal("bot-msg", t.Reaction!.MessageId));
        Assert.All(turns, t => Assert.Equal(TurnKind.Reaction, t.Kind));
    }

    [Fact]
    public void Mentioned_people_other_than_the_bot_are_carried_on_the_turn_once_each_and_bots_are_marked()
    {
        var turn = Single("""
        {"type":"message","id":"m1","text":"<at>LearningBot</at> kudos <at>Sam</at> and <at>Build</at> <at>Sam</at>","from":{"id":"29:ada","name":"Ada"},
         "recipient":{"id":"28:bot"},"conversation":{"id":"19:c","conversationType":"channel"},
         "entities":[{"type":"mention","text":"<at>LearningBot</at>","mentioned":{"id":"28:bot","name":"LearningBot"}},
                     {"type":"mention","text":"<at>Sam</at>","mentioned":{"id":"29:sam","name":"Sam"}},
                     {"type":"mention","text":"<at>Build</at>","mentioned":{"id":"28:build","name":"Build"}},
                     {"type":"mention","text":"<at>Sam</at>","mentioned":{"id":"29:sam","name":"Sam"}}]}
        """);

        Assert.Equal([("29:sam", "Sam", false), ("28:build", "Build", true)], turn.Mentions.Select(m => (m.Id, m.Name, m.IsBot)));
        Assert.Equal("kudos <at>Sam</at> and <at>Build</at> <at>Sam</at>", turn.Text);
        Assert.False(turn.From.IsBot);
    }

    [Theory]
    [InlineData("add", TurnKind.Installed)]
    [InlineData("add-upgrade", TurnKind.Installed)]
    [InlineData("remove", TurnKind.Uninstalled)]
    public void Installation_updates_become_install_and_uninstall_turns(string action, TurnKind kind)
    {
        var turn = Single($$$"""{"type":"installationUpdate","id":"i1","action":"{{{action}}}","from":{"id":"29:u"},"recipient":{"id":"28:bot"},"conversation":{"id":"a:1"}}""");

        Assert.Equal(kind, turn.Kind);
    }

    [Theory]
    [InlineData("membersAdded", "28:bot", TurnKind.Installed)]
    [InlineData("membersRemoved", "28:bot", TurnKind.Uninstalled)]
    public void The_bot_added_or_removed_in_a_conversation_update_becomes_an_install_or_uninstall_turn(string field, string member, TurnKind kind)
    {
        var turn = Single($$$"""{"type":"conversationUpdate","id":"c1","{{{field}}}":[{"id":"{{{member}}}"}],"from":{"id":"29:u"},"recipient":{"id":"28:bot"},"conversation":{"id":"19:x@thread.tacv2","conversationType":"channel"}}""");

        Assert.Equal(kind, turn.Kind);
    }

    [Fact]
    public void Other_people_joining_or_leaving_is_not_an_install_event()
    {
        const string json = """{"type":"conversationUpdate","id":"c1","membersAdded":[{"id":"29:new"}],"membersRemoved":[{"id":"29:old"}],"recipient":{"id":"28:bot"},"conversation":{"id":"19:x@thread.tacv2"}}""";

        Assert.Empty(TeamsTurnMapper.ToTurns(Parse(json), [], Now));
    }

    [Fact]
    public void A_remove_upgrade_is_not_an_uninstall()
    {
        const string json = """{"type":"installationUpdate","id":"i1","action":"remove-upgrade","recipient":{"id":"28:bot"},"conversation":{"id":"a:1"}}""";

        Assert.Empty(TeamsTurnMapper.ToTurns(Parse(json), [], Now));
    }

    [Fact]
    public void A_card_action_invoke_carries_verb_data_with_inputs_and_the_card_message_id()
    {
        var activity = Parse("""
        {"type":"invoke","name":"adaptiveCard/action","id":"inv1","replyToId":"card-9","from":{"id":"29:u"},"recipient":{"id":"28:bot"},"conversation":{"id":"a:1"},
         "value":{"action":{"type":"Action.Execute","verb":"quiz.answer","data":{"verb":"quiz.answer","question":"q1","answer":"b","count":2,"flag":true}}}}
        """);

        var (turn, error) = TeamsTurnMapper.ToCardActionTurn(activity, [], Now);

        Assert.Null(error);
        Assert.Equal(TurnKind.CardAction, turn!.Kind);
        Assert.Equal("inv1", turn.EventId);
        Assert.Equal("quiz.answer", turn.Action!.Verb);
        Assert.Equal("card-9", turn.Action.CardMessageId);
        Assert.Equal(
            new Dictionary<string, string> { ["question"] = "q1", ["answer"] = "b", ["count"] = "2", ["flag"] = "true" },
            turn.Action.Data);
    }

    [Fact]
    public void The_address_names_service_url_bot_tenant_and_team()
    {
        var activity = Parse("""
        {"type":"message","serviceUrl":"https://smba.trafficmanager.net/emea/","recipient":{"id":"28:bot"},"conversation":{"id":"19:c"},
         "channelData":{"tenant":{"id":"t-1"},"team":{"id":"19:team","name":"Security"}}}
        """);

        var address = TeamsTurnMapper.Address(activity);

        Assert.Equal(new LearningBot.Core.Conversations.ConversationAddress("https://smba.trafficmanager.net/emea/")
        {
            BotId = "28:bot",
            TenantId = "t-1",
            TeamId = "19:team",
            TeamName = "Security",
        }, address);
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        var activity = Parse("""{"type":"message","futureField":{"a":1},"conversation":{"id":"a:1","newThing":2}}""");

        var json = JsonSerializer.Serialize(activity, TeamsJsonContext.Default.Activity);

        Assert.Contains("\"futureField\":{\"a\":1}", json, StringComparison.Ordinal);
        Assert.Contains("\"newThing\":2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }
}
