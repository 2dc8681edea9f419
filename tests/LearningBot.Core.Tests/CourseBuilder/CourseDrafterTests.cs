using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.CourseBuilder;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Tests.CourseBuilder;

public sealed class CourseDrafterTests
{
    private static CourseDrafter Drafter(CourseBuilderOptions? options = null, AiOptions? ai = null)
    {
        options ??= new CourseBuilderOptions();
        var settings = Options.Create(options);
        return new CourseDrafter(settings, new CourseBuilderModel(Options.Create(ai ?? new AiOptions()), settings), TimeProvider.System, NullLogger<CourseDrafter>.Instance);
    }

    private static AiOptions Model(FakeChatCompletions fake) =>
        new() { Provider = "OpenAI", Endpoint = fake.Endpoint, ApiKey = "sk-test-secret", Model = "test-model" };

    public static TheoryData<string> Formats => new() { "handbook.md", "handbook.txt", "handbook.html", "handbook.docx", "handbook.pdf" };

    private static byte[] Render(string file) => Path.GetExtension(file) switch
    {
        ".md" => SampleDocuments.Markdown(SampleDocuments.Handbook),
        ".txt" => SampleDocuments.PlainText(SampleDocuments.Handbook),
        ".html" => SampleDocuments.Html(SampleDocuments.Handbook),
        ".docx" => SampleDocuments.Docx(SampleDocuments.Handbook),
        _ => SampleDocuments.Pdf(SampleDocuments.Handbook),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Each_format_splits_by_its_structure_into_3_to_7_minute_lessons(string file)
    {
        var result = await Drafter().DraftAsync(file, Render(file), null, CancellationToken.None);

        Assert.Null(result.Refusal);
        Assert.Empty(result.Dropped);
        Assert.Equal(SampleDocuments.ExpectedTitles, result.Drafts.Select(d => d.Lesson.Title));
        Assert.All(result.Drafts, d => Assert.InRange(d.Lesson.Minutes ?? 0, 3, 7));
        // The travel lesson keeps its sub-sections, and the short note after them joins it.
        var travel = result.Drafts[2];
        Assert.Equal(["Flights", "Hotels", "Short note"], travel.Sections.Select(s => s.Heading));
        Assert.All(result.Drafts.SelectMany(d => d.Sections), s => Assert.NotEmpty(s.Source));
        Assert.Contains("receipt", travel.Lesson.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("var x", string.Concat(result.Drafts.Select(d => d.Markdown)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_the_drafts_are_headings_and_paragraphs_that_import_and_the_reviewer_is_told()
    {
        var result = await Drafter().DraftAsync("handbook.md", Render("handbook.md"), null, CancellationToken.None);

        Assert.False(result.ModelUsed);
        Assert.Equal(CourseDrafter.NoModelNotice, result.Notice);
        Assert.All(result.Drafts, d =>
        {
            Assert.Empty(d.Lesson.Quiz);
            Assert.False(d.ByModel);
            var (lesson, problems) = LessonParser.Parse(d.FileName, d.Markdown);
            Assert.Empty(problems);
            Assert.Equal(d.Lesson.Id, lesson!.Id);
            Assert.Contains("\"document\":\"handbook.md\"", lesson.ExtraFrontMatter!, StringComparison.Ordinal);
        });
        Assert.Equal(result.Drafts.Count, result.Drafts.Select(d => d.Lesson.Id).Distinct().Count());
        Assert.Equal("handbook-submitting-a-claim", result.Drafts[0].Lesson.Id);
        Assert.Equal("lines 5–9", result.Drafts[0].Sections[0].Source);
    }

    [Fact]
    public async Task Progress_is_reported_lesson_by_lesson()
    {
        var seen = new List<DraftProgress>();
        var progress = new SynchronousProgress(seen.Add);

        await Drafter().DraftAsync("handbook.md", Render("handbook.md"), progress, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], seen.Select(p => p.Done));
        Assert.All(seen, p => Assert.Equal(5, p.Total));
    }

    [Fact]
    public async Task A_scanned_pdf_is_refused_honestly()
    {
        var result = await Drafter().DraftAsync("scan.pdf", SampleDocuments.ScannedPdf(), null, CancellationToken.None);

        Assert.Empty(result.Drafts);
        Assert.Contains("no text layer", result.Refusal, StringComparison.Ordinal);
        Assert.Contains("OCR", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_file_or_too_many_pages_gets_a_clear_message()
    {
        var big = await Drafter().DraftAsync("big.txt", new byte[21 * 1024 * 1024], null, CancellationToken.None);
        Assert.Equal("big.txt is 21 MB; the course builder takes documents up to 20 MB. Split it into parts and send them one at a time.", big.Refusal);

        var pages = await Drafter(new CourseBuilderOptions { MaxPages = 2 }).DraftAsync("long.pdf", SampleDocuments.TextPdf(3), null, CancellationToken.None);
        Assert.Equal("long.pdf has 3 pages; the course builder takes up to 2. Split it into parts and send them one at a time.", pages.Refusal);

        var words = await Drafter(new CourseBuilderOptions { MaxWords = 1000 }).DraftAsync("handbook.md", Render("handbook.md"), null, CancellationToken.None);
        Assert.Contains(" words; the course builder takes up to 1,000 (about 200 pages). Split it", words.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slides.pptx", "I can't read slides.pptx: the course builder reads .md, .txt, .docx, .pdf or .html files.")]
    [InlineData("broken.docx", "I couldn't open broken.docx as a Word document; save it again as .docx (or as PDF) and send it again.")]
    [InlineData("broken.pdf", "I couldn't open broken.pdf as a PDF; save it again and send it again.")]
    public async Task Unknown_or_damaged_files_are_refused_with_what_to_do(string file, string message)
    {
        var result = await Drafter().DraftAsync(file, "not really a document"u8.ToArray(), null, CancellationToken.None);

        Assert.Equal(message, result.Refusal);
    }

    [Fact]
    public async Task With_a_model_each_draft_is_structured_output_with_questions_and_source_passages()
    {
        await using var fake = await FakeChatCompletions.StartAsync();
        fake.AnswerEach((_, _) => ValidAnswer());

        var result = await Drafter(ai: Model(fake)).DraftAsync("handbook.md", Render("handbook.md"), null, CancellationToken.None);

        Assert.True(result.ModelUsed);
        Assert.Null(result.Notice);
        Assert.Equal(5, result.Drafts.Count);
        Assert.Empty(result.Dropped);
        Assert.Equal(5 * 120, result.TokensUsed);
        var draft = result.Drafts[0];
        Assert.True(draft.ByModel);
        Assert.Equal("Claims need receipts", draft.Lesson.Title);
        Assert.Equal(["handbook-submitting-a-claim-q1", "handbook-submitting-a-claim-q2"], draft.Lesson.Quiz.Select(q => q.Id));
        Assert.Equal("lines 5–7", draft.Sections[0].Source);
        var (parsed, problems) = LessonParser.Parse(draft.FileName, draft.Markdown);
        Assert.Empty(problems);
        Assert.Equal(2, parsed!.Quiz.Count);

        var request = fake.Requests[0];
        Assert.Equal("json_schema", request["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("microlesson", request["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        Assert.NotNull(request["response_format"]!["json_schema"]!["schema"]!["properties"]!["questions"]);
        Assert.Equal(2000, (request["max_completion_tokens"] ?? request["max_tokens"])!.GetValue<int>());
        var prompt = request["messages"]!.AsArray().Last()!["content"]!.ToString();
        Assert.Contains("[1] Heading: Submitting a claim", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_model_output_is_sent_back_once_with_the_broken_rules_and_the_repair_is_kept()
    {
        await using var fake = await FakeChatCompletions.StartAsync();
        fake.AnswerEach((_, n) => n == 0 ? ValidAnswer(questions: 0) : ValidAnswer());
        var options = new CourseBuilderOptions { MaxLessons = 1 };

        var result = await Drafter(options, Model(fake)).DraftAsync("handbook.md", Render("handbook.md"), null, CancellationToken.None);

        Assert.Single(result.Drafts);
        Assert.Equal(2, fake.Requests.Count);
        var repair = fake.Requests[1]["messages"]!.AsArray();
        Assert.Equal("assistant", repair[^2]!["role"]!.GetValue<string>());
        Assert.Contains("'questions' must have 2 to 3 questions (got 0)", repair[^1]!["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "the answer is not JSON of the schema")]
    [InlineData("""{"title":"T","summary":"S","sections":[{"heading":"","markdown":"Text","passages":[99]}],"questions":[]}""", "'passages' must list the numbers")]
    [InlineData("""{"title":"T","summary":"S","sections":[{"heading":"","markdown":"Text","passages":[1]}],"questions":[{"question":"Q?","choices":["a","a"],"answer":0,"explanation":"E"},{"question":"Q2?","choices":["b","c"],"answer":1,"explanation":"E"}]}""", "two choices are the same")]
    public async Task Model_output_that_stays_invalid_is_dropped_with_the_reason(string answer, string reason)
    {
        await using var fake = await FakeChatCompletions.StartAsync();
        fake.AnswerEach((_, _) => answer);

        var result = await Drafter(new CourseBuilderOptions { MaxLessons = 1 }, Model(fake)).DraftAsync("handbook.md", Render("handbook.md"), null, CancellationToken.None);

        Assert.Empty(result.Drafts);
        Assert.Equal(2, fake.Requests.Count);
        var dropped = Assert.Single(result.Dropped, d => d.Title == "Submitting a claim");
        Assert.StartsWith("the model's draft broke the rules twice: ", dropped.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, dropped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_error_drops_that_lesson_with_a_reason_that_carries_no_key()
    {
        await using var fake = await FakeChatCompletions.StartAsync();
        fake.FailWith(500);

        var result = await Drafter(new CourseBuilderOptions { MaxLessons = 2 }, Model(fake)).DraftAsync("handbook.md", Render("handbook.md"), null, CancellationToken.None);

        Assert.Empty(result.Drafts);
        var failed = result.Dropped.Where(d => !d.Reason.StartsWith("not drafted", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, d => Assert.StartsWith("the model endpoint failed: ", d.Reason, StringComparison.Ordinal));
        Assert.All(result.Dropped, d => Assert.DoesNotContain("sk-test-secret", d.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drafting_stops_at_the_documents_token_budget()
    {
        await using var fake = await FakeChatCompletions.StartAsync();
        fake.AnswerEach((_, _) => ValidAnswer());
        var options = new CourseBuilderOptions { MaxOutputTokensPerLesson = 1000, MaxTokensPerDocument = 3000 };

        var result = await Drafter(options, Model(fake)).DraftAsync("handbook.md", Render("handbook.md"), null, CancellationToken.None);

        Assert.NotEmpty(result.Drafts);
        Assert.True(result.Drafts.Count < 5);
        Assert.Contains(result.Dropped, d => d.Reason == "not drafted: one document may use 3000 model tokens");
        Assert.Equal(result.Drafts.Count, fake.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_ends_drafting()
    {
        await using var fake = await FakeChatCompletions.StartAsync();
        fake.Hang();
        using var cancel = new CancellationTokenSource();
        var drafting = Drafter(ai: Model(fake)).DraftAsync("handbook.md", Render("handbook.md"), null, cancel.Token);
        await fake.RequestArrived.WaitAsync(TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drafting.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Options_are_validated_like_other_options()
    {
        var validator = new CourseBuilderOptionsValidator();
        Assert.True(validator.Validate(null, new CourseBuilderOptions()).Succeeded);
        var broken = validator.Validate(null, new CourseBuilderOptions { MinLessonMinutes = 8, MaxTokensPerDocument = 10 });
        Assert.Contains("LearningBot:CourseBuilder:MinLessonMinutes and MaxLessonMinutes must satisfy 1 <= Min <= Max <= 60.", broken.Failures!);
        Assert.Contains(broken.Failures!, f => f.StartsWith("LearningBot:CourseBuilder:MaxTokensPerDocument", StringComparison.Ordinal));
    }

    private static string ValidAnswer(int questions = 2) => JsonSerializer.Serialize(new
    {
        title = "Claims need receipts",
        summary = "Every claim needs a receipt within thirty days.",
        sections = new object[]
        {
            new { heading = "", markdown = "Every claim needs a **receipt** within thirty days.", passages = new[] { 2, 3 } },
            new { heading = "Why", markdown = "Rule 1.1 says so.", passages = new[] { 2 } },
        },
        questions = Enumerable.Range(1, questions).Select(i => new
        {
            question = $"Question {i}: within how many days is a receipt needed?",
            choices = new[] { "Thirty", "Ten", "Ninety" },
            answer = 0,
            explanation = "Rule 1.1: a receipt within thirty days.",
        }).ToArray(),
    });

    private sealed class SynchronousProgress(Action<DraftProgress> report) : IProgress<DraftProgress>
    {
        public void Report(DraftProgress value) => report(value);
    }
}
