using System.Diagnostics;
using System.Text.Json;
using LearningBot.Core;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Modules;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Answer-quality benchmark: imports a lesson folder into a fresh SQLite file, asks every question of a JSONL file
// ({"question": "...", "expected": ["lesson-id", ...]}; [] = the library does not answer it: the dev set, or the
// held-out set tests/fixtures/questions.heldout.jsonl that no setting is tuned on) and prints hit@1,
// hit@3, how often out-of-scope questions are declined and in-scope ones wrongly declined, and query latency.
// "redirect": false marks a learning question the library lacks (tests/fixtures/questions.uncovered.jsonl): it must
// be declined as a gap, never sent elsewhere as an out-of-scope request. "Sent elsewhere" counts, for in-scope and
// for such questions, how often the answer names an out-of-scope topic instead.
// With --quiz, the library's own quiz questions are asked too, as in-scope questions about their lesson.
// With --quiz the lessons' own questions are not indexed as views (they would be their own answers).
// The out-of-scope list is content/out-of-scope.yaml (run from the repository root) unless --out-of-scope names another.
// Any KnowledgeOptions setting can be overridden as Name=Value, e.g. AnswerThreshold=0.5 KeywordWeight=0.3.
// With --postgresql "<connection string>", the library goes into that (empty) PostgreSQL database instead.
//   dotnet run -c Release --project bench/AnswerQuality -- <lessons-folder> <questions.jsonl> [--quiz] [Name=Value ...] [--verbose] [--postgresql CS]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <lessons-folder> <questions.jsonl> [--quiz] [Name=Value ...] [--verbose] [--out-of-scope FILE] [--postgresql CS]");
    return 2;
}
var folder = args[0];
var verbose = args.Contains("--verbose");
var withQuiz = args.Contains("--quiz");
var outOfScopeIndex = Array.IndexOf(args, "--out-of-scope");
var settings = new Dictionary<string, string?>
{
    ["Knowledge:OutOfScopePath"] = outOfScopeIndex >= 0 ? args[outOfScopeIndex + 1] : Path.Combine("content", "out-of-scope.yaml"),
    ["Knowledge:QuizQuestionsAsViews"] = withQuiz ? "false" : "true",
};
foreach (var arg in args.Where(a => a.Contains('=', StringComparison.Ordinal) && !a.StartsWith("--", StringComparison.Ordinal)))
{
    settings["Knowledge:" + arg[..arg.IndexOf('=', StringComparison.Ordinal)]] = arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];
}
var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
var database = Path.Combine(Path.GetTempPath(), $"answer-quality-{Guid.NewGuid():N}.db");

var postgresIndex = Array.IndexOf(args, "--postgresql");
var storage = postgresIndex >= 0
    ? new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = args[postgresIndex + 1] }
    : new StorageOptions { ConnectionString = $"Data Source={database}" };
var services = new ServiceCollection()
    .AddLearningBotStorage(storage)
    .AddLearningBotCore(configuration, LearningBotFeatures.Essentials);
services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection("Knowledge"));
await using var provider = services.BuildServiceProvider();
await using var scope = provider.CreateAsyncScope();
await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync();
var report = await scope.ServiceProvider.GetRequiredService<LessonImporter>().ImportAsync(folder, CancellationToken.None);
Console.WriteLine($"library: {report.Added.Count} lessons imported, {report.Rejected.Count} rejected; out-of-scope examples: {scope.ServiceProvider.GetRequiredService<OutOfScopeCatalog>().Count}");

var questions = File.ReadLines(args[1]).Where(l => l.Trim().Length > 0)
    .Select(l => JsonSerializer.Deserialize<LabelledQuestion>(l, JsonSerializerOptions.Web)!).ToList();
if (withQuiz)
{
    foreach (var file in Directory.EnumerateFiles(folder, "*.md"))
    {
        var (lesson, _) = LessonParser.Parse(file, File.ReadAllText(file));
        questions.AddRange(lesson!.Quiz.Select(q => new LabelledQuestion(q.Question, [lesson.Id])));
    }
}

var search = scope.ServiceProvider.GetRequiredService<IKnowledgeSearch>();
var embedder = scope.ServiceProvider.GetRequiredService<ISentenceEmbedder>();
var outOfScopeList = scope.ServiceProvider.GetRequiredService<OutOfScopeCatalog>();
await search.SearchAsync("warm up", CancellationToken.None);
int inScope = 0, hit1 = 0, hit3 = 0, wronglyDeclined = 0, outOfScope = 0, declined = 0, redirected = 0, mustNotRedirect = 0, wronglyRedirected = 0;
var inScores = new List<double>();
var outScores = new List<double>();
var latencies = new List<double>();
foreach (var q in questions)
{
    var watch = Stopwatch.StartNew();
    var answer = await search.SearchAsync(q.Question, CancellationToken.None);
    latencies.Add(watch.Elapsed.TotalMilliseconds);
    var top = answer.Best?.Score ?? 0;
    if (args.Contains("--trace"))
    {
        var closest = outOfScopeList.Closest(embedder.EmbedQuery(q.Question, CancellationToken.None));
        Console.WriteLine($"  {(q.Expected.Count > 0 ? "in " : q.Redirect == false ? "gap" : "out")} {(answer.Answered ? "answered" : "declined")} top {top:0.00} out-of-scope {closest?.Topic.Topic} {closest?.Similarity:0.00} → {answer.Redirect?.Topic ?? "-"}: {q.Question}");
    }
    if (answer.Redirect is { } redirect && (q.Expected.Count > 0 || q.Redirect == false))
    {
        wronglyRedirected++;
        if (verbose) Console.WriteLine($"  sent elsewhere: {q.Question} → {redirect.Topic} (best lesson {answer.Best?.LessonId} {top:0.00})");
    }
    if (q.Expected.Count > 0 || q.Redirect == false)
    {
        mustNotRedirect++;
    }
    if (q.Expected.Count == 0)
    {
        redirected += answer.Redirect is null ? 0 : 1;
        outOfScope++;
        outScores.Add(top);
        declined += answer.Answered ? 0 : 1;
        if (verbose && answer.Answered) Console.WriteLine($"  answered out-of-scope: {q.Question} → {answer.Best!.LessonId} {top:0.0}");
        continue;
    }
    inScope++;
    inScores.Add(top);
    var ranked = answer.Hits.Select(h => h.LessonId).ToList();
    if (ranked.Take(1).Any(q.Expected.Contains)) hit1++;
    if (ranked.Take(3).Any(q.Expected.Contains)) hit3++;
    if (!answer.Answered) wronglyDeclined++;
    if (verbose && !ranked.Take(1).Any(q.Expected.Contains)) Console.WriteLine($"  miss: {q.Question} → {(ranked.FirstOrDefault() ?? "-")} {top:0.0} (want {string.Join(",", q.Expected)})");
}
var knowledge = scope.ServiceProvider.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
Console.WriteLine($"questions: {inScope} in scope, {outOfScope} out of scope; AnswerThreshold {knowledge.AnswerThreshold} KeywordWeight {knowledge.KeywordWeight} KeywordSaturation {knowledge.KeywordSaturation} OutOfScopeMargin {knowledge.OutOfScopeMargin}");
Console.WriteLine($"hit@1 {Pct(hit1, inScope)}  hit@3 {Pct(hit3, inScope)}  in-scope wrongly declined {Pct(wronglyDeclined, inScope)}  out-of-scope declined {Pct(declined, outOfScope)} (sent elsewhere {redirected} of {outOfScope})");
Console.WriteLine($"wrongly sent elsewhere (in-scope or a learning gap): {wronglyRedirected} of {mustNotRedirect}");
Console.WriteLine($"top score  in-scope p10 {P(inScores, 0.10):0.000} p25 {P(inScores, 0.25):0.000} p50 {P(inScores, 0.5):0.000}   out-of-scope p50 {P(outScores, 0.5):0.000} p90 {P(outScores, 0.9):0.000} max {P(outScores, 1):0.000}");
Console.WriteLine($"latency per question: p50 {P(latencies, 0.5):0.0} ms  p95 {P(latencies, 0.95):0.0} ms");
File.Delete(database);
return 0;

static string Pct(int n, int of) => of == 0 ? "n/a" : $"{100.0 * n / of:0.0}%";
static double P(List<double> values, double p)
{
    if (values.Count == 0) return 0;
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * (sorted.Count - 1) + 0.5))];
}

internal sealed record LabelledQuestion(string Question, List<string> Expected, bool? Redirect = null);
