using System.Globalization;
using System.Text.Json;
using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Testing;

namespace LearningBot.Core.Tests.Quizzes;

/// <summary>
/// Replays every case of every vector file (tests/fixtures/fsrs, or FSRS_VECTORS_DIR when set) through
/// <see cref="FsrsScheduler"/>: stability and difficulty within 1e-6 relative, everything else exact.
/// Run alone with <c>dotnet test --filter FullyQualifiedName~FsrsConformance</c>.
/// </summary>
public sealed class FsrsConformanceTests
{
    private const double RelativeTolerance = 1e-6;

    public static string VectorsFolder =>
        Environment.GetEnvironmentVariable("FSRS_VECTORS_DIR") is { Length: > 0 } folder
            ? folder
            : Path.Combine(RepositoryPaths.Fixtures, "fsrs");

    public static TheoryData<string> VectorFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(VectorsFolder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void FsrsConformance_vector_folder_holds_at_least_one_file()
    {
        Assert.NotEmpty(Directory.EnumerateFiles(VectorsFolder, "*.json"));
    }

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void FsrsConformance_every_review_of_every_case_agrees_with_the_reference(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(VectorsFolder, file)));
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.False(parameters.TryGetProperty("enableShortTerm", out var shortTerm) && shortTerm.GetBoolean(), "These vectors use short-term mode, which LearningBot does not run.");
        var scheduler = new FsrsScheduler(new FsrsParameters
        {
            Weights = [.. parameters.GetProperty("w").EnumerateArray().Select(w => w.GetDouble())],
            DesiredRetention = parameters.GetProperty("desiredRetention").GetDouble(),
            MaximumInterval = parameters.GetProperty("maximumInterval").GetInt32(),
            EnableFuzz = false,
        });
        var zone = parameters.TryGetProperty("timeZone", out var tz) ? TimeZoneInfo.FindSystemTimeZoneById(tz.GetString()!) : TimeZoneInfo.Utc;

        var failures = new List<string>();
        var reviews = 0;
        var cases = 0;
        foreach (var @case in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            cases++;
            var id = @case.GetProperty("id").GetString();
            FsrsCard? card = null;
            var step = 0;
            foreach (var review in @case.GetProperty("reviews").EnumerateArray())
            {
                reviews++;
                var at = DateTimeOffset.Parse(review.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
                card ??= FsrsCard.New(at);
                card = scheduler.Review(card, at, (Rating)review.GetProperty("rating").GetInt32(), zone).After;
                var expected = review.GetProperty("expected");
                var where = $"{file} {id} review {step++}";
                Check(failures, where, "state", expected.GetProperty("state").GetString(), card.State.ToString());
                Check(failures, where, "reps", expected.GetProperty("reps").GetInt32(), card.Reps);
                Check(failures, where, "lapses", expected.GetProperty("lapses").GetInt32(), card.Lapses);
                Check(failures, where, "scheduledDays", expected.GetProperty("scheduledDays").GetInt32(), card.ScheduledDays);
                Check(failures, where, "due", DateTimeOffset.Parse(expected.GetProperty("due").GetString()!, CultureInfo.InvariantCulture), card.Due);
                CheckClose(failures, where, "stability", expected.GetProperty("stability").GetDouble(), card.Stability);
                CheckClose(failures, where, "difficulty", expected.GetProperty("difficulty").GetDouble(), card.Difficulty);
            }
        }

        Assert.True(cases > 0, $"{file} has no cases.");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches in {reviews} reviews of {cases} cases; first ones:\n" + string.Join("\n", failures.Take(20)));
    }

    private static void Check<T>(List<string> failures, string where, string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            failures.Add($"{where}: {field} expected {expected}, got {actual}");
        }
    }

    private static void CheckClose(List<string> failures, string where, string field, double expected, double actual)
    {
        if (Math.Abs(expected - actual) > RelativeTolerance * Math.Max(Math.Abs(expected), 1e-12))
        {
            failures.Add($"{where}: {field} expected {expected:R}, got {actual:R}");
        }
    }
}
