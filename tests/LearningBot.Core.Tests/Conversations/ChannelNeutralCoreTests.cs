using System.Text.RegularExpressions;
using LearningBot.Testing;

namespace LearningBot.Core.Tests.Conversations;

/// <summary>
/// The core never knows which channel it is in: what differs between Teams and Slack comes from the channel
/// (ChannelTraits, flags on the Turn), so no core source may name a channel in a string or test for one.
/// </summary>
public sealed partial class ChannelNeutralCoreTests
{
    [Fact]
    public void No_core_source_names_a_channel_in_a_string_or_branches_on_one()
    {
        var core = Path.Combine(RepositoryPaths.Root, "src", "LearningBot.Core");
        var sources = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(core, f).Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .ToList();

        var leaks = sources
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (File: Path.GetRelativePath(core, file), Line: i + 1, Text: line)))
            .Where(l => ChannelLiteral().IsMatch(l.Text) || ChannelMember().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.NotEmpty(sources);
        Assert.True(leaks.Count == 0, "The core names or tests a channel here; let the channel say it (ChannelTraits, a flag on the Turn):\n" + string.Join("\n", leaks));
    }

    [Theory]
    [InlineData("if (turn.Channel == ChannelKind.Slack)")]
    [InlineData("channel == ChannelKind.Teams || x")]
    [InlineData("case ChannelKind . Teams:")]
    [InlineData("var channel = (ChannelKind)1;")]
    [InlineData("key.StartsWith(\"Slack\", StringComparison.Ordinal)")]
    [InlineData("$\"Teams:{id}\"")]
    public void The_scan_catches_the_usual_ways_of_testing_for_a_channel(string line)
    {
        Assert.True(ChannelLiteral().IsMatch(line) || ChannelMember().IsMatch(line));
    }

    [Theory]
    [InlineData("var messenger = messengers.FirstOrDefault(m => m.Channel == channel);")]
    [InlineData("public enum ChannelKind")]
    [InlineData("/// <summary>Teams or Slack.</summary>")]
    public void Selecting_the_channels_own_implementation_is_not_a_leak(string line)
    {
        Assert.False(ChannelLiteral().IsMatch(line) || ChannelMember().IsMatch(line));
    }

    /// <summary>A string that starts with a channel's name: "Slack", "Teams:…", $"Slack{…}".</summary>
    [GeneratedRegex(@"""(?:Slack|Teams)\b")]
    private static partial Regex ChannelLiteral();

    /// <summary>A channel picked out by its enum member or value: ChannelKind.Slack, (ChannelKind)1.</summary>
    [GeneratedRegex(@"ChannelKind\s*\.\s*(?:Slack|Teams)\b|\(\s*ChannelKind\s*\)\s*\d")]
    private static partial Regex ChannelMember();
}
