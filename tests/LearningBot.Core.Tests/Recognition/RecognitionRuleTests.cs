using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Recognition;

namespace LearningBot.Core.Tests.Recognition;

public sealed class RecognitionRuleTests
{
    private static string Text(Reply reply) => string.Join("\n", reply.Messages.Select(m => m.Text ?? m.Card?.Title));

    [Fact]
    public async Task Kudos_with_a_reason_lands_once_in_the_ledger_the_recipient_is_told_and_a_shoutout_is_posted()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");
        await bed.SetLearningChannelAsync(ada);

        var reply = await bed.SayAsync(ada, "kudos <at>Sam</at> for the clear demo #Teamwork", sam.Account);

        Assert.Contains("Kudos to **Sam** recorded", Text(reply), StringComparison.Ordinal);
        var entry = Assert.Single(await bed.LedgerAsync());
        Assert.Equal((ada.Id, sam.Id, 1, "the clear demo", "teamwork", RecognitionSource.Command), (entry.GiverPersonId, entry.RecipientPersonId, entry.Points, entry.Reason, entry.Value, entry.Source));
        var note = Assert.Single(await bed.DirectMessagesAsync(sam));
        Assert.Contains("**Ada** recognised you: “the clear demo” #teamwork", note, StringComparison.Ordinal);
        var post = Assert.Single(await bed.SendPostsAsync());
        Assert.Equal((RecognitionPostKind.Shoutout, RecognitionTestBed.LearningChannel, sam.Id, entry.Id), (post.Kind, post.ConversationId, post.SubjectPersonId, post.EntryId));
    }

    [Fact]
    public async Task The_same_command_event_delivered_twice_counts_once()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");
        var turn = bed.Turn(ada, TurnKind.Message, "kudos <at>Sam</at> for the demo", RecognitionTestBed.Personal(ada)) with { Mentions = [sam.Account] };

        await bed.RouteAsync(turn);
        var again = await bed.RouteAsync(turn);

        Assert.Empty(again.Messages);
        Assert.Single(await bed.LedgerAsync());
        Assert.Single(await bed.DirectMessagesAsync(sam));
    }

    [Fact]
    public async Task Recognising_yourself_is_refused_and_you_are_told_why()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");

        var reply = await bed.SayAsync(ada, "kudos <at>Ada</at> for my great work", ada.Account);

        Assert.Contains("can't recognise yourself", Text(reply), StringComparison.Ordinal);
        Assert.Empty(await bed.LedgerAsync());
    }

    [Fact]
    public async Task A_bot_can_neither_receive_nor_give_recognition()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");

        var toBot = await bed.SayAsync(ada, "kudos <at>Build bot</at> for the green build", new ChannelUser("28:build-bot", "Build bot") { IsBot = true });
        var fromBot = await bed.RouteAsync(bed.Turn(ada with { Account = new ChannelUser("28:other-bot", "Other bot") { IsBot = true } }, TurnKind.Message,
            "kudos <at>Sam</at> for the demo", RecognitionTestBed.Personal(ada)) with { Mentions = [sam.Account] });

        Assert.Contains("Bots can't give or receive", Text(toBot), StringComparison.Ordinal);
        Assert.Contains("Bots can't give or receive", Text(fromBot), StringComparison.Ordinal);
        Assert.Empty(await bed.LedgerAsync());
    }

    [Fact]
    public async Task Kudos_without_a_reason_or_a_value_is_refused_but_a_value_alone_is_enough()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");

        var bare = await bed.SayAsync(ada, "kudos <at>Sam</at>", sam.Account);
        var tagged = await bed.SayAsync(ada, "kudos <at>Sam</at> #curiosity", sam.Account);

        Assert.Contains("Say what it's for", Text(bare), StringComparison.Ordinal);
        Assert.Equal("curiosity", Assert.Single(await bed.LedgerAsync()).Value);
        Assert.Contains("recorded", Text(tagged), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kudos_without_a_mention_asks_who()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");

        var reply = await bed.SayAsync(ada, "kudos for the demo");

        Assert.Contains("Who would you like to recognise?", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_allowance_runs_out_and_comes_back_at_the_givers_local_midnight()
    {
        await using var bed = await RecognitionTestBed.CreateAsync(new Dictionary<string, string?> { ["LearningBot:Recognition:DailyAllowance"] = "3" });
        var ada = await bed.PersonAsync("Ada", "America/New_York");
        var sam = await bed.PersonAsync("Sam");
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 4, 0, 0, TimeSpan.Zero)); // Monday 23:00 in New York, already Tuesday in UTC

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("recorded", Text(await bed.SayAsync(ada, $"kudos <at>Sam</at> for help {i}", sam.Account)), StringComparison.Ordinal);
        }
        var fourth = await bed.SayAsync(ada, "kudos <at>Sam</at> for more help", sam.Account);
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 4, 59, 0, TimeSpan.Zero)); // 23:59 in New York
        var stillMonday = await bed.SayAsync(ada, "kudos <at>Sam</at> for more help", sam.Account);
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 5, 0, 0, TimeSpan.Zero)); // midnight in New York
        var tuesday = await bed.SayAsync(ada, "kudos <at>Sam</at> for more help", sam.Account);

        Assert.Contains("all 3 recognitions for today", Text(fourth), StringComparison.Ordinal);
        Assert.Contains("all 3 recognitions for today", Text(stillMonday), StringComparison.Ordinal);
        Assert.Contains("recorded", Text(tuesday), StringComparison.Ordinal);
        var ledger = await bed.LedgerAsync();
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)], ledger.Select(e => e.GiverLocalDate));
    }

    [Fact]
    public async Task A_reaction_on_a_colleagues_message_recognises_its_author_once_per_giver_and_removing_it_reverses_with_a_new_entry()
    {
        await using var bed = await RecognitionTestBed.CreateAsync(new Dictionary<string, string?> { ["LearningBot:Recognition:DailyAllowance"] = "1" });
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");

        await bed.ReactAsync(ada, "1700000000.000100", "mortar_board", author: sam.Account);
        var second = await bed.ReactAsync(ada, "1700000000.000100", "mortar_board", author: sam.Account);
        await bed.ReactAsync(ada, "1700000000.000100", "mortar_board", added: false, author: sam.Account);
        var afterReversal = await bed.ReactAsync(ada, "1700000000.000200", "mortar_board", author: sam.Account);

        Assert.Empty(second.Messages); // a second counted reaction is not worth a note
        var ledger = await bed.LedgerAsync();
        Assert.Equal([1, -1, 1], ledger.Select(e => e.Points));
        Assert.Equal(ledger[0].Id, ledger[1].ReversesEntryId);
        Assert.All(ledger, e => Assert.Equal(RecognitionSource.Reaction, e.Source));
        Assert.Empty(afterReversal.Messages); // the reversal gave the day's only recognition back
    }

    [Fact]
    public async Task A_reaction_that_is_not_a_recognition_emoji_on_a_colleagues_message_does_nothing()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");

        await bed.ReactAsync(ada, "1700000000.000100", "thumbsup", author: sam.Account);

        Assert.Empty(await bed.LedgerAsync());
    }

    [Fact]
    public async Task Reacting_to_your_own_message_gives_no_recognition_and_says_why()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");

        await bed.ReactAsync(ada, "1700000000.000100", "mortar_board", author: ada.Account);

        Assert.Empty(await bed.LedgerAsync());
        Assert.Contains(await bed.DirectMessagesAsync(ada), m => m.Contains("can't recognise yourself", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reaction_on_a_bot_shoutout_endorses_it_and_one_on_an_unknown_message_does_nothing()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");
        var lin = await bed.PersonAsync("Lin");
        await bed.SetLearningChannelAsync(ada);
        await bed.SayAsync(ada, "kudos <at>Sam</at> for the clear demo", sam.Account);
        var shoutout = Assert.Single(await bed.SendPostsAsync());

        await bed.ReactAsync(lin, "some-other-message", "like");
        await bed.ReactAsync(lin, shoutout.MessageId!, "like");
        await bed.ReactAsync(ada, shoutout.MessageId!, "heart"); // the giver's own recognition is already counted

        var ledger = await bed.LedgerAsync();
        Assert.Equal(2, ledger.Count);
        var endorsement = ledger[1];
        Assert.Equal((lin.Id, sam.Id, RecognitionSource.Endorsement, shoutout.Id), (endorsement.GiverPersonId, endorsement.RecipientPersonId, endorsement.Source, endorsement.PostId));
        Assert.Contains(await bed.DirectMessagesAsync(sam), m => m.Contains("**Lin** added their thanks to your shoutout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shared_learning_is_posted_to_the_learning_channel_and_reactions_on_it_recognise_the_sharer()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");
        await bed.SetLearningChannelAsync(ada);

        var reply = await bed.SayAsync(sam, "share read the tests before the code in a review");
        var share = Assert.Single(await bed.SendPostsAsync());
        await bed.ReactAsync(ada, share.MessageId!, "like");
        await bed.ReactAsync(sam, share.MessageId!, "like"); // liking your own share: silently nothing

        Assert.Contains("Posting it in your team's learning channel", Text(reply), StringComparison.Ordinal);
        Assert.Equal((RecognitionPostKind.LearningShare, "read the tests before the code in a review", sam.Id), (share.Kind, share.Text, share.SubjectPersonId));
        var entry = Assert.Single(await bed.LedgerAsync());
        Assert.Equal((ada.Id, sam.Id, RecognitionSource.ShareReaction), (entry.GiverPersonId, entry.RecipientPersonId, entry.Source));
        Assert.DoesNotContain(await bed.DirectMessagesAsync(sam), m => m.Contains("yourself", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sharing_without_a_learning_channel_says_how_to_set_one_up()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var sam = await bed.PersonAsync("Sam");

        var reply = await bed.SayAsync(sam, "share something useful");

        Assert.Contains("learning channel here", Text(reply), StringComparison.Ordinal);
        Assert.Empty(await bed.OutboxAsync());
    }

    [Fact]
    public async Task A_recipient_who_turned_notifications_off_is_not_messaged()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");

        await bed.SayAsync(sam, "kudos notifications off");
        await bed.SayAsync(ada, "kudos <at>Sam</at> for the demo", sam.Account);

        Assert.Single(await bed.LedgerAsync());
        Assert.Empty(await bed.DirectMessagesAsync(sam));
    }

    [Fact]
    public async Task The_first_recognition_given_earns_a_badge_announced_to_the_giver_once()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");

        await bed.SayAsync(ada, "kudos <at>Sam</at> for the demo", sam.Account);
        await bed.SayAsync(ada, "kudos <at>Sam</at> for the notes", sam.Account);

        var badge = Assert.Single(await bed.QueryAsync(db => Task.FromResult(db.Set<BadgeAwardRecord>().ToList())));
        Assert.Equal((ada.Id, "first-given"), (badge.PersonId, badge.BadgeId));
        Assert.Single(await bed.DirectMessagesAsync(ada), m => m.Contains("**First thanks** badge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Badges_follow_the_configured_rules()
    {
        await using var bed = await RecognitionTestBed.CreateAsync(new Dictionary<string, string?>
        {
            ["LearningBot:Recognition:Badges:0:Id"] = "two-received",
            ["LearningBot:Recognition:Badges:0:Name"] = "Double thanks",
            ["LearningBot:Recognition:Badges:0:Description"] = "was recognised twice",
            ["LearningBot:Recognition:Badges:0:Measure"] = "RecognitionsReceived",
            ["LearningBot:Recognition:Badges:0:Threshold"] = "2",
        });
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");

        await bed.SayAsync(ada, "kudos <at>Sam</at> for the demo", sam.Account);
        var afterOne = await bed.QueryAsync(db => Task.FromResult(db.Set<BadgeAwardRecord>().Count()));
        await bed.SayAsync(ada, "kudos <at>Sam</at> for the notes", sam.Account);

        Assert.Equal(0, afterOne);
        var badge = Assert.Single(await bed.QueryAsync(db => Task.FromResult(db.Set<BadgeAwardRecord>().ToList())));
        Assert.Equal((sam.Id, "two-received"), (badge.PersonId, badge.BadgeId));
    }

    [Fact]
    public async Task The_leaderboard_ranks_receivers_and_givers_and_leaves_out_people_who_opted_out()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");
        var lin = await bed.PersonAsync("Lin");
        await bed.SayAsync(ada, "kudos <at>Sam</at> for the demo", sam.Account);
        await bed.SayAsync(lin, "kudos <at>Sam</at> for the notes", sam.Account);
        await bed.SayAsync(sam, "kudos <at>Lin</at> for pairing", lin.Account);

        var before = await bed.SayAsync(ada, "leaderboard");
        var optOut = await bed.SayAsync(sam, "leaderboard opt-out");
        var after = await bed.SayAsync(ada, "leaderboard all");

        Assert.Equal(["1. Sam", "2. Lin"], Facts(before, 0));
        Assert.Contains("won't appear on the leaderboard", Text(optOut), StringComparison.Ordinal);
        Assert.Equal(["1. Lin"], Facts(after, 0));
        Assert.DoesNotContain("1. Sam", Facts(after, 1));
        Assert.DoesNotContain("2. Sam", Facts(after, 1));
        Assert.Equal(2, Facts(after, 1).Count);
    }

    private static List<string> Facts(Reply reply, int index) =>
        [.. Assert.Single(reply.Messages).Card!.Body.OfType<FactsElement>().ElementAt(index).Facts.Select(f => f.Label)];

    [Theory]
    [InlineData("<at>Sam</at> for the clear demo", "the clear demo", null)]
    [InlineData("<@U123|sam> for the clear demo #TeamWork", "the clear demo", "teamwork")]
    [InlineData("<@U123> #curiosity", null, "curiosity")]
    [InlineData("@Sam thanks for the help", "thanks for the help", null)]
    [InlineData("<at>Sam</at>", null, null)]
    public void Kudos_reasons_and_values_are_read_from_the_command(string arguments, string? reason, string? value) =>
        Assert.Equal((reason, value), KudosCommand.ParseReason(arguments));
}
