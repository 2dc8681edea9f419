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

    [Fact]
    public void The_manifest_requests_the_scopes_the_install_flow_asks_for() =>
        Assert.All(new SlackOptions().BotScopes, scope => Assert.Contains($"- {scope}\n", Manifest, StringComparison.Ordinal));
}
