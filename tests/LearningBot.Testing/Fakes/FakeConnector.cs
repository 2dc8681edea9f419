using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LearningBot.Testing.Fakes;

/// <summary>One call the bot made to the fake Connector.</summary>
public sealed record ConnectorRequest(string Method, string Path, string RawTarget, string? Authorization, JsonElement? Body)
{
    /// <summary>The Adaptive Card of the first attachment, if the body is an activity holding one.</summary>
    public JsonElement? Card =>
        Body is { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
        && attachments.GetArrayLength() > 0 && attachments[0].TryGetProperty("content", out var content)
            ? content
            : null;

    public string? Text =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;
}

/// <summary>
/// The Bot Framework v3 Connector REST API on loopback (teams-protocol.md §3.2): POST/PUT activities and POST
/// conversations, recorded in <see cref="Requests"/> and able to fail the next ones (e.g. 429 with Retry-After); and
/// <c>GET v3/conversations/{id}/members/{memberId}</c>, answered from <see cref="Members"/> (by 29: id, Entra object id
/// or UPN; 404 for anyone else) and recorded in <see cref="MemberLookups"/>.
/// Use <see cref="ServiceUrl"/> as the activities' serviceUrl.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorRequest> _requests = new();
    private readonly ConcurrentQueue<PlannedFailure> _failures = new();
    private readonly ConcurrentQueue<string> _memberLookups = new();
    private int _nextId;

    private FakeConnector(WebApplication app, Uri baseAddress)
    {
        _app = app;
        ServiceUrl = baseAddress.ToString();
    }

    /// <summary>Base URL with a trailing slash, like Teams' serviceUrl.</summary>
    public string ServiceUrl { get; }

    /// <summary>Every message write received (POST/PUT), in order (failed ones too).</summary>
    public IReadOnlyList<ConnectorRequest> Requests => [.. _requests];

    /// <summary>Conversation members the fake knows, as the member lookup returns them.</summary>
    public ConcurrentBag<FakeTeamsMember> Members { get; } = [];

    /// <summary>The member ids looked up, in order.</summary>
    public IReadOnlyList<string> MemberLookups => [.. _memberLookups];

    public static async Task<FakeConnector> StartAsync(CancellationToken cancellationToken = default)
    {
        FakeConnector? connector = null;
        var (app, baseAddress) = await LoopbackServer.StartAsync(
            app => app.Map("/{**path}", (HttpContext context) => connector!.HandleAsync(context)),
            cancellationToken).ConfigureAwait(false);
        connector = new FakeConnector(app, baseAddress);
        return connector;
    }

    /// <summary>The next <paramref name="count"/> calls answer <paramref name="statusCode"/> (with Retry-After in whole seconds and an ErrorResponse code when given).</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null, string? errorCode = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(new PlannedFailure(statusCode, retryAfter, errorCode));
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        JsonElement? body = null;
        using (var reader = new StreamReader(request.Body))
        {
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (text.Length > 0)
            {
                try
                {
                    body = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    body = JsonSerializer.SerializeToElement(text);
                }
            }
        }
        var path = request.Path.Value ?? "";
        if (request.Method == "GET" && path.Contains("/members/", StringComparison.Ordinal))
        {
            var memberId = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
            _memberLookups.Enqueue(memberId);
            if (Members.FirstOrDefault(m => m.Id == memberId || m.AadObjectId == memberId || string.Equals(m.Email, memberId, StringComparison.OrdinalIgnoreCase)) is not { } member)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = "MemberNotFoundInConversation", ["message"] = "The user is not a member of this conversation." } }, context.RequestAborted).ConfigureAwait(false);
                return;
            }
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = member.Id, ["name"] = member.Name, ["aadObjectId"] = member.AadObjectId, ["objectId"] = member.AadObjectId,
                ["email"] = member.Email, ["userPrincipalName"] = member.Email, ["tenantId"] = member.TenantId, ["userRole"] = "user",
            }, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "";
        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        _requests.Enqueue(new ConnectorRequest(request.Method, request.Path.Value ?? "", rawTarget, authorization, body));

        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.StatusCode;
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            await context.Response.WriteAsJsonAsync(
                new JsonObject { ["error"] = new JsonObject { ["code"] = failure.ErrorCode ?? "Failure", ["message"] = "Planned failure of the fake connector." } },
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var isConversations = path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal);
        if (!path.Contains("/v3/conversations", StringComparison.Ordinal) || (request.Method != "POST" && request.Method != "PUT"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        JsonObject answer = isConversations
            ? new JsonObject { ["id"] = $"a:fake-conversation-{id}", ["activityId"] = $"fake-activity-{id}", ["serviceUrl"] = ServiceUrl }
            : new JsonObject { ["id"] = request.Method == "PUT" ? path[(path.LastIndexOf('/') + 1)..] : $"fake-activity-{id}" };
        context.Response.StatusCode = isConversations ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record PlannedFailure(int StatusCode, TimeSpan? RetryAfter, string? ErrorCode);
}

/// <summary>A Teams user the fake Connector's member lookup knows.</summary>
public sealed record FakeTeamsMember(string Id, string Name, string AadObjectId, string? Email, string? TenantId = null);
