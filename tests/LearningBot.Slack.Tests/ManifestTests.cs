using LearningBot.Core.Conversations;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Slack.Tests;

/// <summary>manifest/slack/manifest.yaml stays in step with the endpoints, the core's commands and the events the bot handles.</summary>
public sealed class ManifestTests
{
    private static readonly string Manifest = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "manifest", "slack", "manifest.yaml"));

    [Theory]
    [InlineData("request_url: https://HOST/slack/events")]
    [InlineData("request_url: https://HOST/slack/interactions")]
    [InlineData("url: https://HOST/slack/commands")]
    [InlineData("- https://HOST/slack/oauth/callback")]
    [InlineData("- message.im")]
    [InlineData("- app_mention")]
    [InlineData("- app_home_opened")]
    [InlineData("- app_uninstalled")]
    [InlineData("- tokens_revoked")]
    [InlineData("command: /learn")]
    public void The_manifest_declares(string line) => Assert.Contains(line, Manifest, StringComparison.Ordinal);

    [Fact]
    public async Task Every_core_command_except_help_is_a_slash_command()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack);
        await using var scope = bot.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<TurnRouter>().Commands.Select(c => c.Name).Where(n => n != "help");
        Assert.All(commands, name => Assert.Contains($"command: /{name}\n", Manifest, StringComparison.Ordinal));
    }

    /// <summary>oauth_config.scopes.bot of the manifest, in its order.</summary>
    public static IReadOnlyList<string> ManifestBotScopes()
    {
        var lines = Manifest.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "    bot:");
        Assert.True(start > 0, "the manifest has oauth_config.scopes.bot");
        return [.. lines.Skip(start + 1).TakeWhile(l => l.StartsWith("      - ", StringComparison.Ordinal)).Select(l => l.Trim()[2..].Trim())];
    }

    [Fact]
    public void The_install_flow_asks_for_exactly_the_manifests_scopes_both_ways()
    {
        var manifest = ManifestBotScopes();
        var requested = new SlackOptions().BotScopes;
        Assert.Empty(manifest.Except(requested, StringComparer.Ordinal)); // nothing the manifest grants is left out of an OAuth install
        Assert.Empty(requested.Except(manifest, StringComparer.Ordinal)); // nothing is asked for that the app does not declare
        Assert.Equal(manifest.Count, requested.Count);
        Assert.Contains("users:read.email", requested);
        Assert.Contains("channels:join", requested);
        Assert.DoesNotContain("reactions:write", manifest); // the bot adds no reactions
    }
}
