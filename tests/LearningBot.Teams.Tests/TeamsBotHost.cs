using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Teams.Tests;

/// <summary>
/// The real host (<see cref="LearningBotTestHost"/>) for the Teams channel's tests: a manual clock, and the test
/// handlers answering questions and card actions, so a test sees what reached the core and what the channel sent.
/// </summary>
public sealed class TeamsBotHost : ChannelBotHost
{
    public const string AppId = "00000000-0000-0000-0000-00000000b07";
    public const string BotId = "28:" + AppId;
    public const string TenantId = "tenant-1";

    private TeamsBotHost(LearningBotTestHost host, FakeTimeProvider clock)
        : base(host, clock)
    {
    }

    /// <summary>
    /// Production mode: tokens from <paramref name="identity"/>, outbound tokens from <paramref name="entra"/>. With
    /// <paramref name="lessons"/> the real knowledge handler answers from the repository's content/ lessons.
    /// </summary>
    public static Task<TeamsBotHost> StartProductionAsync(FakeBotFrameworkIdentity identity, FakeEntraTokenEndpoint entra, bool lessons = false, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LearningBot:Teams:AppId"] = AppId,
            ["LearningBot:Teams:AppPassword"] = "not-a-real-secret",
            ["LearningBot:Teams:TenantId"] = TenantId,
            ["LearningBot:Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
        };
        if (lessons)
        {
            settings["LearningBot:Content:Path"] = RepositoryPaths.Content;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return StartAsync(settings, entra, lessons);
    }

    /// <summary>Local development mode: no app id.</summary>
    public static Task<TeamsBotHost> StartDevelopmentAsync(IDictionary<string, string?>? settings = null) =>
        StartAsync(settings ?? new Dictionary<string, string?>(), null, lessons: false);

    private static async Task<TeamsBotHost> StartAsync(IDictionary<string, string?> settings, FakeEntraTokenEndpoint? entra, bool lessons)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var host = await LearningBotTestHost.StartAsync(settings, services =>
        {
            if (!lessons)
            {
                services.AddScoped<IQuestionHandler, AnswerCardQuestionHandler>();
            }
            services.AddScoped<ICardActionHandler, TestCardActions>();
            if (entra is not null)
            {
                services.AddHttpClient(Auth.BotFrameworkTokenProvider.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(entra.CreateRedirectingHandler);
            }
        }, clock);
        return new TeamsBotHost(host, clock);
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null, string contentType = "application/json") =>
        PostRawAsync(activity.ToJsonString(), token, contentType);

    public Task<HttpResponseMessage> PostRawAsync(string body, string? token = null, string contentType = "application/json") =>
        PostBytesAsync(Encoding.UTF8.GetBytes(body), token, contentType);

    /// <summary>Posts the bytes as they are, valid UTF-8 or not.</summary>
    public async Task<HttpResponseMessage> PostBytesAsync(byte[] body, string? token = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType + "; charset=utf-8");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.Contains(' ', StringComparison.Ordinal) ? token : $"Bearer {token}");
        }
        return await Client.SendAsync(request);
    }

    /// <summary>How many inbound events were recorded (each processed turn records one).</summary>
    public async Task<int> InboundEventCountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().InboundEvents.CountAsync();
    }

    public async Task<int> ConversationCountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().ConversationReferences.CountAsync();
    }

}
