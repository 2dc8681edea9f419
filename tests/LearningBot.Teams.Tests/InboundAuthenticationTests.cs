using System.Net;
using LearningBot.Testing.Fakes;

namespace LearningBot.Teams.Tests;

/// <summary>teams-protocol.md §2: every token defect is a 401 with no body, nothing processed, nothing sent.</summary>
public sealed class InboundAuthenticationTests
{
    [Fact]
    public async Task A_valid_Bot_Framework_token_is_accepted_and_the_reply_carries_the_Entra_token()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(bot.Message());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(bot.Connector.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v3/conversations/a:personal-1/activities", sent.Path);
        Assert.Equal($"Bearer {bot.Entra.AccessToken}", sent.Authorization);
        var tokenRequest = Assert.Single(bot.Entra.TokenRequests);
        Assert.Equal("client_credentials", tokenRequest["grant_type"]);
        Assert.Equal(TeamsBotHost.AppId, tokenRequest["client_id"]);
        Assert.Contains("https://api.botframework.com/.default", tokenRequest["scope"], StringComparison.Ordinal);
        Assert.Contains(bot.Entra.Paths, p => p.StartsWith($"/{TeamsBotHost.TenantId}/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task The_other_RSA_algorithms_are_accepted(string algorithm)
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(bot.Message(), bot.ValidToken() with { Algorithm = algorithm });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_api_scheme_audience_is_accepted_too()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(bot.Message(), bot.ValidToken() with { Audience = $"api://{TeamsBotHost.AppId}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_expired_less_than_five_minutes_ago_is_accepted_within_the_clock_skew()
    {
        await using var bot = await ProductionBot.StartAsync();
        var now = bot.Host.Clock.GetUtcNow();

        var response = await bot.PostAsync(bot.Message(), bot.ValidToken() with { NotBefore = now.AddHours(-1), Expires = now.AddMinutes(-4) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_becomes_invalid_when_the_clock_moves_past_expiry_and_skew()
    {
        await using var bot = await ProductionBot.StartAsync();
        var token = bot.ValidToken();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message(id: "1"), token)).StatusCode);

        bot.Host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));
        var response = await bot.PostAsync(bot.Message(id: "2"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, await bot.Host.InboundEventCountAsync());
    }

    public static TheoryData<string> DefectiveTokens() =>
    [
        "forged",
        "expired",
        "not yet valid",
        "wrong audience",
        "wrong issuer",
        "unendorsed key",
        "endorsed for another channel",
        "service url mismatch",
        "no service url claim",
        "HS256",
        "none",
        "unknown kid",
    ];

    [Theory]
    [MemberData(nameof(DefectiveTokens))]
    public async Task A_defective_token_is_refused_with_401_and_nothing_is_processed_or_sent(string defect)
    {
        await using var bot = await ProductionBot.StartAsync();
        var now = bot.Host.Clock.GetUtcNow();
        var valid = bot.ValidToken();
        var request = defect switch
        {
            "forged" => valid with { Key = FakeBotFrameworkIdentity.CreateUnpublishedKey(bot.Identity.DefaultKey.KeyId) },
            "expired" => valid with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-6) },
            "not yet valid" => valid with { NotBefore = now.AddMinutes(6), Expires = now.AddHours(1) },
            "wrong audience" => valid with { Audience = "some-other-bot" },
            "wrong issuer" => valid with { Issuer = "https://sts.windows.net/tenant-1/" },
            "unendorsed key" => valid with { Key = bot.Identity.AddKey("no-endorsements") },
            "endorsed for another channel" => valid with { Key = bot.Identity.AddKey("webchat-only", "webchat") },
            "service url mismatch" => valid with { ServiceUrl = "https://smba.trafficmanager.net/evil/" },
            "no service url claim" => valid with { ServiceUrl = null },
            "HS256" => valid with { Algorithm = "HS256" },
            "none" => valid with { Algorithm = "none" },
            "unknown kid" => valid with { KeyIdOverride = "not-in-jwks" },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var response = await bot.PostAsync(bot.Message(), request);

        await AssertRefusedAsync(bot, response);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a b")]
    public async Task A_missing_or_malformed_Authorization_header_is_refused(string? header)
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.Host.PostAsync(bot.Message(), string.IsNullOrEmpty(header) ? null : header.Contains(' ', StringComparison.Ordinal) ? header : header + " ");

        await AssertRefusedAsync(bot, response);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_in_production_even_from_loopback()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.Host.PostAsync(bot.Message());

        await AssertRefusedAsync(bot, response);
    }

    [Fact]
    public async Task A_key_published_after_start_is_found_by_refreshing_the_keys_once()
    {
        await using var bot = await ProductionBot.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message(id: "1"))).StatusCode);
        var rotated = bot.Identity.AddKey("rotated-key", "msteams");

        var response = await bot.PostAsync(bot.Message(id: "2"), bot.ValidToken() with { Key = rotated });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, bot.Identity.MetadataRequestCount);
    }

    [Fact]
    public async Task Forged_tokens_do_not_make_the_bot_refetch_keys_more_than_once_per_five_minutes()
    {
        await using var bot = await ProductionBot.StartAsync();
        var forged = bot.ValidToken() with { Key = FakeBotFrameworkIdentity.CreateUnpublishedKey("forged") };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(bot.Message(id: $"{i}"), forged)).StatusCode);
        }

        Assert.Equal(2, bot.Identity.MetadataRequestCount);
    }

    private static async Task AssertRefusedAsync(ProductionBot bot, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await bot.Host.InboundEventCountAsync());
        Assert.Equal(0, await bot.Host.ConversationCountAsync());
        Assert.Empty(bot.Connector.Requests);
    }
}
