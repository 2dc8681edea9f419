using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Knowledge.Search;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Tests.Debriefs;

public sealed class DebriefTests
{
    private static readonly Dictionary<string, string> CompleteAnswers = new()
    {
        ["went-well"] = "The staged rollout caught the billing bug early.",
        ["went-badly"] = "The rollback plan was written during the incident.",
        ["differently"] = "Write the rollback plan before launch day.",
        ["lesson"] = "Write and rehearse the rollback plan before launch day, not during the incident.",
        ["rating"] = "4",
    };

    private static CardAction Button(Card card, string verb, int index = 0) => card.Actions.Where(a => a.Verb == verb).ElementAt(index);

    private static async Task<(DebriefTestBed Bed, Guid Grace, Guid Ada, Guid Linus, Guid Alan)> StartedAsync(string extra = "", IDictionary<string, string?>? settings = null)
    {
        var bed = await DebriefTestBed.CreateAsync(settings);
        var grace = await bed.PersonAsync("Grace");
        var ada = await bed.PersonAsync("Ada");
        var linus = await bed.PersonAsync("Linus");
        var alan = await bed.PersonAsync("Alan");
        var reply = await bed.SayAsync(grace, $"debrief Apollo launch <at>Ada</at> <at>Linus</at> <at>Alan</at> by 2026-11-12{extra}",
            [DebriefTestBed.Mention("Ada"), DebriefTestBed.Mention("Linus"), DebriefTestBed.Mention("Alan")]);
        Assert.StartsWith("Debrief started: Apollo launch", reply.Messages.Single().Card!.Title, StringComparison.Ordinal);
        return (bed, grace, ada, linus, alan);
    }

    [Fact]
    public async Task A_debrief_runs_from_start_to_a_published_lesson_the_answer_search_finds()
    {
        var (bed, grace, ada, linus, alan) = await StartedAsync();
        await using var _ = bed;

        var cards = await bed.DeliverAsync();
        Assert.Equal(new[] { ada, linus, alan }.Order(), cards.Select(c => c.PersonId).Order());
        var adaCard = cards.Single(c => c.PersonId == ada).Card!;
        Assert.Contains(adaCard.Body.OfType<TextInputElement>(), i => i.Id == "rating");

        // Ada answers in two sittings: one field saved today, the rest submitted later.
        var saved = await bed.PressAsync(ada, Button(adaCard, DebriefVerbs.Save), new Dictionary<string, string> { ["went-well"] = "The staged rollout caught the billing bug early." });
        Assert.Equal("The staged rollout caught the billing bug early.", saved.UpdatedCard!.Body.OfType<TextInputElement>().Single(i => i.Id == "went-well").Value);
        bed.Clock.Advance(TimeSpan.FromDays(1));
        var rest = new Dictionary<string, string>(CompleteAnswers);
        rest.Remove("went-well");
        var submitted = await bed.PressAsync(ada, Button(saved.UpdatedCard, DebriefVerbs.Submit), rest);
        Assert.Equal("Debrief: Apollo launch", submitted.UpdatedCard!.Title);
        Assert.Contains("your answers are in", ((TextElement)submitted.UpdatedCard.Body[0]).Text, StringComparison.Ordinal);

        await bed.PressAsync(linus, Button(cards.Single(c => c.PersonId == linus).Card!, DebriefVerbs.Submit), new Dictionary<string, string>(CompleteAnswers)
        {
            ["lesson"] = "Agree who owns the go/no-go call before the launch meeting.",
            ["rating"] = "3",
        });

        // Half-time (7 Nov, 16:00 UTC): only Alan, who has not answered, is reminded — once, however often the check runs.
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 8, 12, 0, 0, TimeSpan.Zero));
        var check = await bed.With<DebriefScheduler, DebriefCheckReport>(s => s.CheckAsync(CancellationToken.None));
        await bed.With<DebriefScheduler, DebriefCheckReport>(s => s.CheckAsync(CancellationToken.None));
        Assert.Equal(1, check.Reminded);
        var reminders = await bed.DeliverAsync();
        Assert.Equal(alan, reminders.Single().PersonId);
        Assert.Contains("A reminder", ((TextElement)reminders.Single().Card!.Body[0]).Text, StringComparison.Ordinal);

        // The day before the deadline, again only Alan.
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero));
        await bed.With<DebriefScheduler, DebriefCheckReport>(s => s.CheckAsync(CancellationToken.None));
        Assert.Equal(alan, (await bed.DeliverAsync()).Single().PersonId);

        // The deadline (end of 12 Nov in Berlin) passes: the summary goes to Grace only.
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 13, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await bed.With<DebriefScheduler, DebriefCheckReport>(s => s.CheckAsync(CancellationToken.None))).Closed);
        var summary = (await bed.DeliverAsync()).Single();
        Assert.Equal(grace, summary.PersonId);
        var facts = summary.Card!.Body.OfType<FactsElement>().First().Facts;
        Assert.Equal("2 of 3", facts.Single(f => f.Label == "Answered").Value);
        Assert.Equal("Alan", facts.Single(f => f.Label == "Not answered").Value);
        Assert.Equal("3.5 / 5", facts.Single(f => f.Label == "Average rating").Value);
        Assert.Contains(summary.Card.Body.OfType<TextElement>(), t => t.Text.Contains("**rollback**", StringComparison.Ordinal));

        var publish = Button(summary.Card, DebriefVerbs.Publish, 0);
        var published = await bed.PressAsync(grace, publish);
        Assert.Contains("Published", published.Messages.Single().Text, StringComparison.Ordinal);
        Assert.DoesNotContain(published.UpdatedCard!.Actions, a => a.Title == "Publish 1");
        await bed.PressAsync(grace, Button(summary.Card, DebriefVerbs.Skip, 1));

        var answer = await bed.With<IKnowledgeSearch, KnowledgeAnswer>(s => s.SearchAsync("when should we write the rollback plan for a launch?", CancellationToken.None));
        Assert.Equal("debrief-apollo-launch-1", answer.Best?.LessonId);
        var skipped = await bed.QueryAsync(db => db.Lessons.AnyAsync(l => l.Id == "debrief-apollo-launch-2"));
        Assert.False(skipped);
    }

    [Fact]
    public async Task A_double_clicked_submit_is_recorded_once()
    {
        var (bed, _, ada, _, _) = await StartedAsync();
        await using var _bed = bed;
        var card = (await bed.DeliverAsync()).Single(c => c.PersonId == ada).Card!;

        await bed.PressAsync(ada, Button(card, DebriefVerbs.Submit), CompleteAnswers);
        var firstAt = await bed.QueryAsync(db => db.Set<DebriefParticipantRecord>().Where(p => p.PersonId == ada).Select(p => p.SubmittedAt).SingleAsync());
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = await bed.PressAsync(ada, Button(card, DebriefVerbs.Submit), new Dictionary<string, string>(CompleteAnswers) { ["lesson"] = "Something else" });

        Assert.Contains("your answers are in", ((TextElement)again.UpdatedCard!.Body[0]).Text, StringComparison.Ordinal);
        Assert.Equal(firstAt, await bed.QueryAsync(db => db.Set<DebriefParticipantRecord>().Where(p => p.PersonId == ada).Select(p => p.SubmittedAt).SingleAsync()));
        Assert.Equal(["Write and rehearse the rollback plan before launch day, not during the incident."],
            await bed.QueryAsync(db => db.Set<DebriefLessonRecord>().Select(l => l.Text).ToListAsync()));
    }

    [Fact]
    public async Task A_double_clicked_publish_imports_the_lesson_once()
    {
        var (bed, grace, ada, linus, alan) = await StartedAsync();
        await using var _bed = bed;
        var cards = await bed.DeliverAsync();
        foreach (var person in new[] { ada, linus, alan })
        {
            await bed.PressAsync(person, Button(cards.Single(c => c.PersonId == person).Card!, DebriefVerbs.Submit), CompleteAnswers);
        }
        var summary = (await bed.DeliverAsync()).Single(d => d.PersonId == grace).Card!;

        await bed.PressAsync(grace, Button(summary, DebriefVerbs.Publish));
        var second = await bed.PressAsync(grace, Button(summary, DebriefVerbs.Publish));

        Assert.Empty(second.Messages);
        Assert.Equal(1, await bed.QueryAsync(db => db.Lessons.CountAsync(l => l.Library == DebriefService.Library)));
    }

    [Fact]
    public async Task Answers_stay_between_the_author_and_the_manager_unless_the_template_is_open()
    {
        var (bed, grace, ada, linus, alan) = await StartedAsync();
        await using var _bed = bed;
        var cards = await bed.DeliverAsync();

        var someoneElses = await bed.PressAsync(linus, Button(cards.Single(c => c.PersonId == ada).Card!, DebriefVerbs.Save), new Dictionary<string, string> { ["went-well"] = "x" });
        Assert.Contains("belongs to someone else", someoneElses.Messages.Single().Text, StringComparison.Ordinal);

        foreach (var person in new[] { ada, linus, alan })
        {
            await bed.PressAsync(person, Button(cards.Single(c => c.PersonId == person).Card!, DebriefVerbs.Submit), CompleteAnswers);
        }
        var delivered = await bed.DeliverAsync();
        Assert.Equal([grace], delivered.Select(d => d.PersonId).ToList());

        var notTheManager = await bed.PressAsync(ada, Button(delivered.Single().Card!, DebriefVerbs.Publish));
        Assert.Contains("Only the manager", notTheManager.Messages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_template_shares_the_summary_with_participants_without_the_publish_buttons()
    {
        var (bed, grace, ada, linus, alan) = await StartedAsync(" template incident");
        await using var _bed = bed;
        var cards = await bed.DeliverAsync();
        var answers = new Dictionary<string, string>
        {
            ["what-happened"] = "Billing stopped for an hour.", ["helped"] = "Alerts.", ["system"] = "No canary.", ["lesson"] = "Add a canary.", ["rating"] = "4",
        };
        foreach (var person in new[] { ada, linus, alan })
        {
            await bed.PressAsync(person, Button(cards.Single(c => c.PersonId == person).Card!, DebriefVerbs.Submit), answers);
        }

        var delivered = await bed.DeliverAsync();

        Assert.Equal(4, delivered.Count);
        Assert.NotEmpty(delivered.Single(d => d.PersonId == grace).Card!.Actions);
        Assert.All(delivered.Where(d => d.PersonId != grace), d => Assert.Empty(d.Card!.Actions));
    }

    [Fact]
    public async Task An_invalid_rating_and_an_empty_answer_get_an_error_under_their_field_and_nothing_is_submitted()
    {
        var (bed, _, ada, _, _) = await StartedAsync();
        await using var _bed = bed;
        var card = (await bed.DeliverAsync()).Single(c => c.PersonId == ada).Card!;

        var reply = await bed.PressAsync(ada, Button(card, DebriefVerbs.Submit), new Dictionary<string, string>(CompleteAnswers) { ["rating"] = "7", ["lesson"] = " " });

        var body = reply.UpdatedCard!.Body;
        var ratingAt = body.ToList().FindIndex(e => e is TextInputElement { Id: "rating" });
        Assert.Contains("isn't a rating", ((TextElement)body[ratingAt + 1]).Text, StringComparison.Ordinal);
        var lessonAt = body.ToList().FindIndex(e => e is TextInputElement { Id: "lesson" });
        Assert.Contains("one lesson", ((TextElement)body[lessonAt + 1]).Text, StringComparison.Ordinal);
        Assert.Null(await bed.QueryAsync(db => db.Set<DebriefParticipantRecord>().Where(p => p.PersonId == ada).Select(p => p.SubmittedAt).SingleAsync()));
    }

    [Fact]
    public async Task With_a_people_directory_only_managers_start_debriefs_and_others_are_told_who_can()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        var grace = await bed.PersonAsync("Grace");
        var ada = await bed.PersonAsync("Ada");
        var alan = await bed.PersonAsync("Alan");
        var report = await bed.ImportPeopleAsync(
            "grace@example.com,Grace Hopper,,Platform,",
            "ada@example.com,Ada Lovelace,grace@example.com,Platform,engineer",
            "alan@example.com,Alan Turing,,Research,Manager");
        Assert.Empty(report.Errors);

        var refused = await bed.SayAsync(ada, "debrief Apollo <at>Grace</at>", [DebriefTestBed.Mention("Grace")]);
        Assert.Contains("Ask **Grace Hopper**, your manager", refused.Messages.Single().Text, StringComparison.Ordinal);
        Assert.False(await bed.QueryAsync(db => db.Set<DebriefRecord>().AnyAsync()));

        // Grace has a direct report; Alan has the manager role and no reports.
        Assert.StartsWith("Debrief started", (await bed.SayAsync(grace, "debrief Apollo <at>Ada</at>", [DebriefTestBed.Mention("Ada")])).Messages.Single().Card!.Title, StringComparison.Ordinal);
        Assert.StartsWith("Debrief started", (await bed.SayAsync(alan, "debrief Enigma <at>Ada</at>", [DebriefTestBed.Mention("Ada")])).Messages.Single().Card!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_in_a_team_channel_goes_to_the_person_privately_and_nothing_is_said_in_the_channel()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        await bed.PersonAsync("Grace");
        var ada = await bed.PersonAsync("Ada");
        await bed.ImportPeopleAsync("grace@example.com,Grace Hopper,,,", "ada@example.com,Ada Lovelace,grace@example.com,,");
        var channel = new TurnConversation("19:platform@thread.tacv2", ConversationType.Channel) { TeamId = "team-1" };

        var reply = await bed.SayAsync(ada, "debrief Apollo <at>Grace</at>", [DebriefTestBed.Mention("Grace")], channel);

        Assert.Empty(reply.Messages);
        var note = Assert.Single(await bed.DeliverAsync());
        Assert.Equal(ada, note.PersonId);
        Assert.Contains("Grace Hopper", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debrief_on_its_own_shows_the_start_form_whose_start_button_follows_the_same_rules_with_errors_under_each_field()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        var grace = await bed.PersonAsync("Grace");
        var ada = await bed.PersonAsync("Ada");
        var alan = await bed.PersonAsync("Alan");

        var form = (await bed.SayAsync(grace, "debrief")).Messages.Single().Card!;
        Assert.Equal(["project", "people", "due", "template"], form.Body.OfType<InputElement>().Select(i => i.Id));
        Assert.False(form.Body.OfType<PeopleInputElement>().Single().ConversationMembersOnly); // a 1:1 chat: the whole organisation
        Assert.Equal("2026-11-09", form.Body.OfType<DateInputElement>().Single().Value);
        var start = form.Actions.Single();

        var invalid = (await bed.PressAsync(grace, start, new Dictionary<string, string> { ["project"] = "", ["people"] = "", ["due"] = "2026-10-01", ["template"] = "standard" })).UpdatedCard!;
        var errors = invalid.Body.OfType<TextElement>().Where(t => t.Text.StartsWith('⚠')).Select(t => t.Text).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("Name the project", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Pick who took part", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("has to be in the future", StringComparison.Ordinal));
        Assert.False(await bed.QueryAsync(db => db.Set<DebriefRecord>().AnyAsync()));

        var inputs = new Dictionary<string, string> { ["project"] = "Apollo", ["people"] = "29:ada,29:alan", ["due"] = "2026-11-20", ["template"] = "incident" };
        var started = await bed.PressAsync(grace, invalid.Actions.Single(), inputs);
        var again = await bed.PressAsync(grace, invalid.Actions.Single(), inputs); // a double click

        Assert.StartsWith("Debrief started: Apollo", started.UpdatedCard!.Title, StringComparison.Ordinal);
        Assert.Null(again.UpdatedCard);
        var debrief = await bed.QueryAsync(db => db.Set<DebriefRecord>().Include(d => d.Participants).SingleAsync());
        Assert.Equal("incident", debrief.Template);
        Assert.Equal(new[] { ada, alan }.Order(), debrief.Participants.Select(p => p.PersonId).Order());
        Assert.Equal(2, (await bed.DeliverAsync()).Count(d => d.Kind == DebriefService.CardKind));
    }

    [Fact]
    public async Task The_start_form_in_a_channel_offers_the_channels_members()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        var grace = await bed.PersonAsync("Grace");
        var channel = new TurnConversation("19:platform@thread.tacv2", ConversationType.Channel) { TeamId = "team-1" };

        var form = (await bed.SayAsync(grace, "debrief", conversation: channel)).Messages.Single().Card!;

        Assert.True(form.Body.OfType<PeopleInputElement>().Single().ConversationMembersOnly);
    }

    [Fact]
    public async Task A_debrief_without_people_explains_how_to_mention_them()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        var grace = await bed.PersonAsync("Grace");

        var reply = await bed.SayAsync(grace, "debrief Apollo");

        Assert.Contains("mention who took part", reply.Messages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mentioning_someone_the_bot_knows_keeps_their_name_and_someone_new_is_added_under_the_mentioned_name()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        var grace = await bed.PersonAsync("Grace");
        var ada = await bed.PersonAsync("Ada Lovelace");

        await bed.SayAsync(grace, "debrief Apollo <at>ada</at> <at>Barbara</at>",
            [new LearningBot.Core.Conversations.ChannelUser(DebriefTestBed.AccountOf("Ada Lovelace"), "ada"), new LearningBot.Core.Conversations.ChannelUser("29:barbara", "Barbara Liskov")]);

        Assert.Equal(["Ada Lovelace", "Barbara Liskov"], await bed.QueryAsync(db => db.Set<DebriefParticipantRecord>().OrderBy(p => p.Id).Select(p => p.Name).ToListAsync()));
        Assert.Equal("Ada Lovelace", await bed.QueryAsync(db => db.People.Where(p => p.Id == ada).Select(p => p.DisplayName).SingleAsync()));
    }
}
