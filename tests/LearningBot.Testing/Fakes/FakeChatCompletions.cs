using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LearningBot.Testing.Fakes;

/// <summary>
/// An OpenAI-compatible chat-completions server on loopback (POST …/chat/completions, the real wire format), as
/// a local model server or Azure OpenAI would answer. The test chooses the next answer: text, an HTTP error, or
/// a response that never comes.
/// </summary>
public sealed class FakeChatCompletions : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<HttpContext, Task> _next = context => Task.CompletedTask;

    /// <summary>Completes when the first chat request has arrived.</summary>
    public Task RequestArrived => _requestArrived.Task;

    private FakeChatCompletions(WebApplication app) => _app = app;

    /// <summary>The base URL an OpenAI client is pointed at (ends in /v1/).</summary>
    public string Endpoint { get; private init; } = "";

    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public static async Task<FakeChatCompletions> StartAsync()
    {
        FakeChatCompletions? fake = null;
        var (app, baseAddress) = await LoopbackServer.StartAsync(app => app.MapPost("/{**path}", async (HttpContext context) =>
        {
            if (!context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 404;
                return;
            }
            var body = await JsonNode.ParseAsync(context.Request.Body);
            fake!._requests.Enqueue(body!.AsObject());
            fake._requestArrived.TrySetResult();
            await fake._next(context);
        }));
        fake = new FakeChatCompletions(app) { Endpoint = new Uri(baseAddress, "v1/").ToString() };
        return fake;
    }

    /// <summary>The model answers with this text.</summary>
    public void AnswerWith(string content) => AnswerEach((_, _) => content);

    /// <summary>The model answers each request with what <paramref name="answer"/> gives for it (the request's JSON and its number, from 0).</summary>
    public void AnswerEach(Func<JsonObject, int, string> answer)
    {
        var count = 0;
        _next = async context =>
        {
            var request = _requests.Last();
            var content = answer(request, Interlocked.Increment(ref count) - 1);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1767225600,
                model = "test-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
            }));
        };
    }

    /// <summary>The server fails with this status and an OpenAI error body.</summary>
    public void FailWith(int status) => _next = async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"error":{"message":"The server had an error","type":"server_error","code":null}}""");
    };

    /// <summary>The response never comes (until the client gives up).</summary>
    public void Hang() => _next = async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
