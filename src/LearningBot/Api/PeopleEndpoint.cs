using System.Text;
using System.Text.Json.Serialization;
using LearningBot.Core.People;
using Microsoft.Extensions.Options;

namespace LearningBot.Api;

/// <summary>
/// <c>POST /api/people</c> — the people directory from an HR export: a CSV body (<c>Content-Type: text/csv</c>) with
/// the columns <c>email,name,manager_email,team,role</c> and optionally <c>start_date,buddy_email</c>. Valid rows are imported; each rejected row comes back with
/// its line and what is wrong: <c>{"added", "updated", "unchanged", "errors": [{"line", "message"}]}</c>.
/// </summary>
public static class PeopleEndpoint
{
    public const long MaxBodyBytes = 20 * 1024 * 1024;

    public static void MapPeople(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/people", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<ApiOptions> options, PeopleImporter importer, CancellationToken cancellationToken)
    {
        if (ApiKey.Check(context, options.Value) is { } refused)
        {
            return refused;
        }
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send the people as CSV (email,name,manager_email,team,role) with Content-Type: text/csv.");
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Send at most {MaxBodyBytes / 1024 / 1024} MB per request; split the file.");
        }
        var text = new StringBuilder();
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            var buffer = new char[64 * 1024];
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (text.Length + read > MaxBodyBytes)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                        detail: $"Send at most {MaxBodyBytes / 1024 / 1024} MB per request; split the file.");
                }
                text.Append(buffer, 0, read);
            }
        }
        using var csv = new StringReader(text.ToString());
        var report = await importer.ImportAsync(csv, cancellationToken).ConfigureAwait(false);
        if (report is { Added: 0, Updated: 0, Unchanged: 0, Errors: [{ Line: 1 } header] })
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a people file", detail: header.Message);
        }
        return Results.Ok(new PeopleResponse(report.Added, report.Updated, report.Unchanged,
            [.. report.Errors.Select(e => new RowError(e.Line, e.Message))]));
    }

    private sealed record PeopleResponse(
        [property: JsonPropertyName("added")] int Added,
        [property: JsonPropertyName("updated")] int Updated,
        [property: JsonPropertyName("unchanged")] int Unchanged,
        [property: JsonPropertyName("errors")] IReadOnlyList<RowError> Errors);

    private sealed record RowError(
        [property: JsonPropertyName("line")] int Line,
        [property: JsonPropertyName("message")] string Message);
}
