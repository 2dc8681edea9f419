using System.Text;
using System.Text.Json.Serialization;
using LearningBot.Core.Analytics;
using Microsoft.Extensions.Options;

namespace LearningBot.Api;

/// <summary>
/// <c>GET /api/analytics/overview?from=YYYY-MM-DD&amp;to=YYYY-MM-DD[&amp;team=…]</c> and
/// <c>GET /api/analytics/{dataset}.csv</c> (content-gaps, lessons, retention, recognition) for Power BI and Excel,
/// with the X-Api-Key header as <c>/api/ask</c>; and the content-gap inbox's actions under
/// <c>POST /api/analytics/content-gaps/…</c>. Every figure goes through the group-size rule.
/// </summary>
public static class AnalyticsEndpoint
{
    /// <summary>The datasets served as CSV.</summary>
    public static IReadOnlyList<string> Datasets { get; } = ["content-gaps", "lessons", "retention", "recognition"];

    /// <summary>Maps the analytics endpoints.</summary>
    public static void MapAnalytics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/analytics/overview", OverviewAsync);
        endpoints.MapGet("/api/analytics/{file}", CsvAsync);
        endpoints.MapPost("/api/analytics/content-gaps/link", LinkAsync);
        endpoints.MapPost("/api/analytics/content-gaps/out-of-scope", OutOfScopeAsync);
        endpoints.MapPost("/api/analytics/content-gaps/draft", DraftAsync);
    }

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    private static AnalyticsPeriod? Period(HttpContext context, AnalyticsOptions options, TimeProvider clock, out IResult? problem)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var period = AnalyticsPeriod.TryParse(context.Request.Query["from"], context.Request.Query["to"], today, options.MaxPeriodDays, out var message);
        problem = period is null ? BadRequest("Bad period", message!) : null;
        return period;
    }

    private static async Task<IResult> OverviewAsync(HttpContext context, IOptions<ApiOptions> api, IOptions<AnalyticsOptions> options,
        AnalyticsService analytics, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ApiKey.Check(context, api.Value) is { } refused)
        {
            return refused;
        }
        if (Period(context, options.Value, clock, out var bad) is not { } period)
        {
            return bad!;
        }
        var team = context.Request.Query["team"].ToString();
        if (await analytics.ScopeAsync(team, cancellationToken).ConfigureAwait(false) is not { } scope)
        {
            var known = (await analytics.GroupsAsync(cancellationToken).ConfigureAwait(false)).Select(g => g.Name);
            return BadRequest("Unknown team", $"No team is named '{team}'. Teams with figures: {string.Join(", ", known)}.");
        }
        var o = await analytics.OverviewAsync(period, scope, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new OverviewResponse(
            o.Period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            o.Period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            o.Scope, o.MinGroupSize, o.Hidden,
            o.Hidden ? $"Fewer than {o.MinGroupSize} people: no figures are shown for this group." : null,
            o.ActiveLearners,
            o.Questions is { } q ? new QuestionsJson(q.Asked, q.Answered, q.Declined, q.Helpful, q.NotHelpful) : null,
            o.Quizzes is { } z ? new QuizzesJson(z.Sent, z.Answered, z.Reviews, z.Correct) : null,
            o.Recognitions is { } r ? new RecognitionsJson(r.Given, r.Received, r.PeopleRecognised) : null,
            o.Circles is { } c ? new CirclesJson(c.CheckIns) : null,
            o.Debriefs is { } d ? new DebriefsJson(d.Submitted, d.LessonsPublished) : null));
    }

    private static async Task<IResult> CsvAsync(string file, HttpContext context, IOptions<ApiOptions> api, IOptions<AnalyticsOptions> options,
        AnalyticsService analytics, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ApiKey.Check(context, api.Value) is { } refused)
        {
            return refused;
        }
        var dataset = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? file[..^4].ToLowerInvariant() : null;
        if (dataset is null || !Datasets.Contains(dataset))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dataset",
                detail: $"The datasets are {string.Join(", ", Datasets.Select(d => $"/api/analytics/{d}.csv"))}, and /api/analytics/overview.");
        }
        if (Period(context, options.Value, clock, out var bad) is not { } period)
        {
            return bad!;
        }
        var csv = dataset switch
        {
            "content-gaps" => Csv.Write(["question", "asked", "last_asked", "closest_lesson", "redirect_topic"],
                (await analytics.ContentGapsAsync(period, cancellationToken).ConfigureAwait(false))
                    .Select(r => (IReadOnlyList<object?>)[r.Question, r.Asked, r.LastAsked, r.ClosestLessonId, r.RedirectTopic])),
            "lessons" => Csv.Write(["lesson_id", "title", "tags", "answered", "helpful", "not_helpful"],
                (await analytics.LessonsAsync(period, cancellationToken).ConfigureAwait(false))
                    .Select(r => (IReadOnlyList<object?>)[r.LessonId, r.Title, r.Tags, r.Answered, r.Helpful, r.NotHelpful])),
            "retention" => Csv.Write(["topic", "team", "learners", "predicted_recall", "at_risk"],
                (await analytics.RetentionAsync(cancellationToken).ConfigureAwait(false))
                    .Select(r => (IReadOnlyList<object?>)[r.Topic, r.Team, r.Learners, r.PredictedRecall, r.AtRisk])),
            _ => Csv.Write(["team", "people", "given", "received", "people_recognised"],
                (await analytics.RecognitionAsync(period, cancellationToken).ConfigureAwait(false))
                    .Select(r => (IReadOnlyList<object?>)[r.Team, r.People, r.Given, r.Received, r.PeopleRecognised])),
        };
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{dataset}.csv\"";
        return Results.Text(csv, "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> LinkAsync(HttpContext context, IOptions<ApiOptions> api, ContentGapInbox inbox, CancellationToken cancellationToken)
    {
        if (ApiKey.Check(context, api.Value) is { } refused)
        {
            return refused;
        }
        if (await ReadAsync(context, cancellationToken).ConfigureAwait(false) is not { } request || string.IsNullOrWhiteSpace(request.Question) || string.IsNullOrWhiteSpace(request.LessonId))
        {
            return BadRequest("No usable request", "Send {\"question\": \"...\", \"lessonId\": \"...\"} as JSON.");
        }
        return Done(await inbox.LinkAsync(request.Question, request.LessonId.Trim(), "api", cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> OutOfScopeAsync(HttpContext context, IOptions<ApiOptions> api, ContentGapInbox inbox, CancellationToken cancellationToken)
    {
        if (ApiKey.Check(context, api.Value) is { } refused)
        {
            return refused;
        }
        if (await ReadAsync(context, cancellationToken).ConfigureAwait(false) is not { } request || string.IsNullOrWhiteSpace(request.Question))
        {
            return BadRequest("No usable request", "Send {\"question\": \"...\", \"redirect\": \"where to go instead\"} as JSON.");
        }
        return Done(await inbox.OutOfScopeAsync(request.Question, request.Redirect ?? "", "api", cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> DraftAsync(HttpContext context, IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        if (ApiKey.Check(context, api.Value) is { } refused)
        {
            return refused;
        }
        if (await ReadAsync(context, cancellationToken).ConfigureAwait(false) is not { } request || string.IsNullOrWhiteSpace(request.Question))
        {
            return BadRequest("No usable request", "Send {\"question\": \"...\", \"lessonId\": \"new-lesson-id\"} as JSON.");
        }
        var id = string.IsNullOrWhiteSpace(request.LessonId) ? "new-lesson" : request.LessonId.Trim();
        return Results.Text(ContentGapInbox.DraftLesson(id, request.Question.Trim(), [request.Question]), "text/markdown; charset=utf-8", Encoding.UTF8);
    }

    private static IResult Done(ContentGapOutcome outcome) =>
        outcome.Done ? Results.Ok(new { done = true, message = outcome.Message })
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not done", detail: outcome.Message);

    private static async Task<GapRequest?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return null;
        }
        try
        {
            return await context.Request.ReadFromJsonAsync<GapRequest>(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record GapRequest(string? Question, string? LessonId, string? Redirect);

    private sealed record OverviewResponse(
        [property: JsonPropertyName("from")] string From,
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("scope")] string Scope,
        [property: JsonPropertyName("minGroupSize")] int MinGroupSize,
        [property: JsonPropertyName("hidden")] bool Hidden,
        [property: JsonPropertyName("note"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
        [property: JsonPropertyName("activeLearners")] int? ActiveLearners,
        [property: JsonPropertyName("questions")] QuestionsJson? Questions,
        [property: JsonPropertyName("quizzes")] QuizzesJson? Quizzes,
        [property: JsonPropertyName("recognitions")] RecognitionsJson? Recognitions,
        [property: JsonPropertyName("circles")] CirclesJson? Circles,
        [property: JsonPropertyName("debriefs")] DebriefsJson? Debriefs);

    private sealed record QuestionsJson(
        [property: JsonPropertyName("asked")] int Asked, [property: JsonPropertyName("answered")] int Answered,
        [property: JsonPropertyName("declined")] int Declined, [property: JsonPropertyName("helpful")] int Helpful,
        [property: JsonPropertyName("notHelpful")] int NotHelpful);

    private sealed record QuizzesJson(
        [property: JsonPropertyName("sent")] int Sent, [property: JsonPropertyName("answered")] int Answered,
        [property: JsonPropertyName("reviews")] int Reviews, [property: JsonPropertyName("correct")] int Correct);

    private sealed record RecognitionsJson(
        [property: JsonPropertyName("given")] int Given, [property: JsonPropertyName("received")] int Received,
        [property: JsonPropertyName("peopleRecognised")] int PeopleRecognised);

    private sealed record CirclesJson([property: JsonPropertyName("checkIns")] int CheckIns);

    private sealed record DebriefsJson(
        [property: JsonPropertyName("submitted")] int Submitted, [property: JsonPropertyName("lessonsPublished")] int LessonsPublished);
}
