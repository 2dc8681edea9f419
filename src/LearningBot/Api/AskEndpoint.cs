using System.Text.Json;
using System.Text.Json.Serialization;
using LearningBot.Core.Knowledge;
using Microsoft.Extensions.Options;

namespace LearningBot.Api;

/// <summary>
/// <c>POST /api/ask</c> — just-in-time answers for an intranet search box and for evaluation:
/// <c>{"question": "..."}</c> → <c>{"answered", "answer", "citations": [{lessonId, title, section, score}]}</c>, best first.
/// </summary>
public static class AskEndpoint
{
    public const int MaxQuestionLength = 1000;

    public static void MapAsk(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/ask", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<ApiOptions> options, KnowledgeAnswerer answerer, CancellationToken cancellationToken)
    {
        if (ApiKey.Check(context, options.Value) is { } refused)
        {
            return refused;
        }
        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send {\"question\": \"...\"} with Content-Type: application/json.");
        }
        AskRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<AskRequest>(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request", detail: $"The body is not valid JSON: {e.Message}");
        }
        var question = request?.Question?.Trim() ?? "";
        if (question.Length is 0 or > MaxQuestionLength)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No usable question",
                detail: $"Send {{\"question\": \"...\"}} with a question of 1 to {MaxQuestionLength} characters.");
        }

        var result = await answerer.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        var hits = result.Generated?.Cited.Concat(result.Search.Hits.Except(result.Generated.Cited)).ToList() ?? [.. result.Search.Hits];
        var answer = result.Generated?.Text
            ?? (result.Search is { Answered: true, Best: { } best } ? $"{best.Summary}\n\n{best.SectionMarkdown}".Trim() : "");
        return Results.Ok(new AskResponse(
            result.Search.Answered,
            answer,
            hits.Select(h => new Citation(h.LessonId, h.Title, h.SectionHeading, h.Score)).ToList()));
    }

    private sealed record AskRequest(string? Question);

    private sealed record AskResponse(
        [property: JsonPropertyName("answered")] bool Answered,
        [property: JsonPropertyName("answer")] string Answer,
        [property: JsonPropertyName("citations")] IReadOnlyList<Citation> Citations);

    private sealed record Citation(
        [property: JsonPropertyName("lessonId")] string LessonId,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("section")] string Section,
        [property: JsonPropertyName("score")] double Score);
}
