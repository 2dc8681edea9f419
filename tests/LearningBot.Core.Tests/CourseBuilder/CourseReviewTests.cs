using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.CourseBuilder;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Tests.Debriefs;
using LearningBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.CourseBuilder;

public sealed class CourseReviewTests
{
    /// <summary>Serves the bytes it was given for any shared file; null content means "too large" at any limit.</summary>
    private sealed class FakeDownloader(Dictionary<string, byte[]> files) : ISharedFileDownloader
    {
        public ChannelKind Channel => ChannelKind.Teams;

        public Task<SharedFileDownload> DownloadAsync(SharedFile file, long maxBytes, CancellationToken cancellationToken) =>
            Task.FromResult(files.TryGetValue(file.DownloadUrl, out var bytes)
                ? bytes.LongLength > maxBytes ? SharedFileDownload.Oversized() : SharedFileDownload.Of(bytes)
                : SharedFileDownload.Failed("the link has expired"));
    }

    private static async Task<DebriefTestBed> BedAsync(Dictionary<string, byte[]> files, IDictionary<string, string?>? settings = null) =>
        await DebriefTestBed.CreateAsync(settings, [new CourseBuilderFeature()], services => services.AddSingleton<ISharedFileDownloader>(new FakeDownloader(files)));

    private static Turn Share(DebriefTestBed bed, Guid person, string name, string url, string text = "") =>
        bed.Database.Message(person, text) with { Files = [new SharedFile(name, url)] };

    private static CardAction Button(Card card, string verb) => card.Actions.Single(a => a.Verb == verb);

    private static async Task<List<Delivered>> DraftAsync(DebriefTestBed bed, Guid person, string name, string url)
    {
        var offer = await bed.Database.ProcessAsync(Share(bed, person, name, url));
        var card = offer.Messages.Single().Card!;
        Assert.Equal("Build lessons from this document?", card.Title);
        var drafting = await bed.PressAsync(person, Button(card, CourseBuilderVerbs.Build));
        Assert.StartsWith("Drafting lessons from", drafting.UpdatedCard!.Title, StringComparison.Ordinal);
        var id = Guid.Parse(card.Actions[0].Data[CourseBuilderCards.DocumentKey]);
        await bed.With<CourseDrafting, bool>(async d => { await d.RunAsync(id, CancellationToken.None); return true; });
        return await bed.DeliverAsync();
    }

    [Fact]
    public async Task A_draft_is_invisible_to_search_and_quizzes_until_approved_and_found_afterwards()
    {
        await using var bed = await BedAsync(new() { ["https://files/handbook"] = SampleDocuments.Markdown(SampleDocuments.Handbook) });
        var ada = await bed.PersonAsync("Ada");

        var delivered = await DraftAsync(bed, ada, "handbook.md", "https://files/handbook");

        // Half way through the five lessons, progress; then without a model: a summary with the note, then one review card per draft, no questions.
        Assert.Equal("Drafted 3 of 5 lessons from handbook.md…", delivered[0].Text);
        delivered.RemoveAt(0);
        Assert.Contains("Drafted 5 lessons from handbook.md", delivered[0].Text, StringComparison.Ordinal);
        Assert.Contains("No language model is configured", delivered[0].Text, StringComparison.Ordinal);
        var cards = delivered.Skip(1).Select(d => d.Card!).ToList();
        Assert.Equal(SampleDocuments.ExpectedTitles, cards.Select(c => c.Title));
        Assert.All(cards, c => Assert.Contains(c.Body.OfType<TextElement>(), t => t.Text.Contains("without questions", StringComparison.Ordinal)));
        Assert.Contains(cards[0].Body.OfType<TextElement>(), t => t.Text.StartsWith("From handbook.md, line", StringComparison.Ordinal));
        // The download link is gone, the text was not kept.
        var document = await bed.QueryAsync(db => db.Set<CourseDocumentRecord>().SingleAsync());
        Assert.Null(document.DownloadUrl);
        Assert.Null(document.Text);
        Assert.Equal(CourseDocumentStatus.Drafted, document.Status);

        const string question = "When does every claim need a receipt?";
        var before = await bed.With<IKnowledgeSearch, KnowledgeAnswer>(s => s.SearchAsync(question, CancellationToken.None));
        Assert.DoesNotContain(before.Hits, h => h.LessonId.StartsWith("handbook-", StringComparison.Ordinal));
        Assert.False(await bed.QueryAsync(db => db.Lessons.AnyAsync(l => l.Library == CourseReview.Library)));

        // Edit: a new title and a question, checked by the content format.
        var claim = cards[0];
        var form = (await bed.PressAsync(ada, Button(claim, CourseBuilderVerbs.Edit))).UpdatedCard!;
        Assert.True(form.HasInputs);
        var inputs = form.Body.OfType<TextInputElement>().ToDictionary(i => i.Id, i => i.Value ?? "");
        inputs[CourseBuilderCards.TitleInput] = "Submitting an expense claim";
        var q1 = CourseBuilderCards.QuestionInputs(0);
        inputs[q1.Question] = "Within how many days does a claim need a receipt?";
        inputs[q1.Answer] = "Thirty days";
        inputs[q1.Others] = "Seven days\nNinety days";
        inputs[q1.Explanation] = "Every claim needs a receipt within thirty days.";
        var saved = (await bed.PressAsync(ada, Button(form, CourseBuilderVerbs.Save), inputs)).UpdatedCard!;
        Assert.Equal("Submitting an expense claim", saved.Title);
        Assert.Contains("1 questions", saved.Subtitle, StringComparison.Ordinal);
        Assert.False(await bed.QueryAsync(db => db.QuizQuestions.AnyAsync()));

        // Someone else cannot decide; the author approves, twice: once in the library.
        var grace = await bed.PersonAsync("Grace");
        Assert.Contains("Only the person who shared", (await bed.PressAsync(grace, Button(saved, CourseBuilderVerbs.Approve))).Messages.Single().Text, StringComparison.Ordinal);
        var approved = await bed.PressAsync(ada, Button(saved, CourseBuilderVerbs.Approve));
        Assert.StartsWith("Approved:", approved.UpdatedCard!.Title, StringComparison.Ordinal);
        var again = await bed.PressAsync(ada, Button(claim, CourseBuilderVerbs.Approve));
        Assert.StartsWith("Approved:", again.UpdatedCard!.Title, StringComparison.Ordinal);
        Assert.Empty(again.UpdatedCard.Actions);
        var lesson = await bed.QueryAsync(db => db.Lessons.SingleAsync(l => l.Library == CourseReview.Library));
        Assert.Equal("handbook-submitting-a-claim", lesson.Id);
        Assert.Contains("\"author\":\"Ada\"", lesson.ExtraFrontMatter, StringComparison.Ordinal);
        Assert.Contains("\"document\":\"handbook.md\"", lesson.ExtraFrontMatter, StringComparison.Ordinal);
        Assert.Equal(1, await bed.QueryAsync(db => db.QuizQuestions.CountAsync(q => q.LessonId == lesson.Id)));
        var after = await bed.With<IKnowledgeSearch, KnowledgeAnswer>(s => s.SearchAsync(question, CancellationToken.None));
        Assert.Contains(after.Hits, h => h.LessonId == lesson.Id);
        // Edit or Discard after approval change nothing.
        Assert.StartsWith("Approved:", (await bed.PressAsync(ada, Button(claim, CourseBuilderVerbs.Discard))).UpdatedCard!.Title, StringComparison.Ordinal);
        Assert.StartsWith("Approved:", (await bed.PressAsync(ada, Button(claim, CourseBuilderVerbs.Edit))).UpdatedCard!.Title, StringComparison.Ordinal);

        // Discard, twice: never in the library.
        var discard = Button(cards[1], CourseBuilderVerbs.Discard);
        Assert.StartsWith("Discarded:", (await bed.PressAsync(ada, discard)).UpdatedCard!.Title, StringComparison.Ordinal);
        Assert.StartsWith("Discarded:", (await bed.PressAsync(ada, discard)).UpdatedCard!.Title, StringComparison.Ordinal);
        Assert.StartsWith("Discarded:", (await bed.PressAsync(ada, Button(cards[1], CourseBuilderVerbs.Approve))).UpdatedCard!.Title, StringComparison.Ordinal);
        Assert.Equal(1, await bed.QueryAsync(db => db.Lessons.CountAsync(l => l.Library == CourseReview.Library)));

        // Export: the approved lesson as a file in the content format.
        var exported = await bed.With<CourseReview, IReadOnlyList<(string FileName, string Markdown)>>(r => r.ApprovedAsync(CancellationToken.None));
        Assert.Equal("handbook-submitting-a-claim.md", exported.Single().FileName);
        Assert.NotNull(LearningBot.Core.Knowledge.Library.LessonParser.Parse(exported[0].FileName, exported[0].Markdown).Lesson);

        // The same document again gets fresh lesson ids, never overwriting the approved lesson.
        await DraftAsync(bed, ada, "handbook.md", "https://files/handbook");
        Assert.True(await bed.QueryAsync(db => db.Set<CourseDraftRecord>().AnyAsync(d => d.LessonId == "handbook-submitting-a-claim-2")));
    }

    [Fact]
    public async Task An_oversized_or_scanned_file_gets_a_clear_message_and_no_drafts()
    {
        await using var bed = await BedAsync(new()
        {
            ["https://files/big"] = new byte[2048],
            ["https://files/scan"] = SampleDocuments.ScannedPdf(),
        }, new Dictionary<string, string?> { ["LearningBot:CourseBuilder:MaxFileBytes"] = "1024" });
        var ada = await bed.PersonAsync("Ada");

        // Typed with the file: drafting starts without the offer.
        var started = await bed.Database.ProcessAsync(Share(bed, ada, "big.md", "https://files/big", "build lessons"));
        var id = Guid.Parse(started.Messages.Single().Card!.Actions.Single().Data[CourseBuilderCards.DocumentKey]);
        await bed.With<CourseDrafting, bool>(async d => { await d.RunAsync(id, CancellationToken.None); return true; });
        var big = (await bed.DeliverAsync()).Single();
        Assert.Equal("big.md is larger than 1 KB, the most the course builder takes. Split it into parts and send them one at a time.", big.Text?.Replace("0 MB", "1 KB", StringComparison.Ordinal));

        var scan = await DraftAsync(bed, ada, "scan.pdf", "https://files/scan");
        Assert.Contains("looks like a scan", scan.Single().Text, StringComparison.Ordinal);
        Assert.False(await bed.QueryAsync(db => db.Set<CourseDraftRecord>().AnyAsync()));

        // A size the channel reports is refused before anything is downloaded; an unknown kind too.
        var reported = await bed.Database.ProcessAsync(bed.Database.Message(ada, "") with { Files = [new SharedFile("huge.pdf", "https://files/none") { Size = 5 * 1024 * 1024 }] });
        Assert.Contains("huge.pdf is 5 MB", reported.Messages.Single().Text, StringComparison.Ordinal);
        var slides = await bed.Database.ProcessAsync(Share(bed, ada, "deck.pptx", "https://files/none"));
        Assert.Contains(DocumentReader.Accepted, slides.Messages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_keeps_nothing_and_build_lessons_needs_a_shared_document()
    {
        await using var bed = await BedAsync(new() { ["https://files/handbook"] = SampleDocuments.Markdown(SampleDocuments.Handbook) });
        var ada = await bed.PersonAsync("Ada");
        Assert.Contains("Share a document with me", (await bed.SayAsync(ada, "build lessons")).Messages.Single().Text, StringComparison.Ordinal);

        await bed.Database.ProcessAsync(Share(bed, ada, "handbook.md", "https://files/handbook"));
        var drafting = (await bed.SayAsync(ada, "build lessons")).Messages.Single().Card!;
        var cancel = Button(drafting, CourseBuilderVerbs.Cancel);
        Assert.Contains("Cancelled", ((TextElement)(await bed.PressAsync(ada, cancel)).UpdatedCard!.Body[0]).Text, StringComparison.Ordinal);
        Assert.Contains("Cancelled", ((TextElement)(await bed.PressAsync(ada, cancel)).UpdatedCard!.Body[0]).Text, StringComparison.Ordinal);
        var id = Guid.Parse(cancel.Data[CourseBuilderCards.DocumentKey]);
        await bed.With<CourseDrafting, bool>(async d => { await d.RunAsync(id, CancellationToken.None); return true; });
        Assert.Empty(await bed.DeliverAsync());
        Assert.False(await bed.QueryAsync(db => db.Set<CourseDraftRecord>().AnyAsync()));
    }
}
