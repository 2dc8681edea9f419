using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using LearningBot.Testing;
using LearningBot.Tests.EndToEnd;

namespace LearningBot.Tests.Cli;

/// <summary>The maintainer commands, run as a person runs them: a separate process with its own working directory.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("learningbot-cli-").FullName;

    private async Task<(int ExitCode, string Output, string Error)> Run(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LearningBot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["LearningBot__Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, "cli.db")}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Import_prints_what_it_added_and_rejected_with_file_line_and_rule()
    {
        var lessons = Directory.CreateDirectory(Path.Combine(_folder, "lessons")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.Content, "feedback-peer-conversations.md"), Path.Combine(lessons, "peer.md"));
        await File.WriteAllTextAsync(Path.Combine(lessons, "broken.md"), "---\nid: broken\ntitle: Broken\nsummary: S\nminutes: many\n---\nBody");

        var (exitCode, output, _) = await Run(_folder, null, "import", lessons);

        Assert.Equal(1, exitCode);
        Assert.Contains("Added: 1", output, StringComparison.Ordinal);
        Assert.Contains("peer.md (feedback-peer-conversations)", output, StringComparison.Ordinal);
        Assert.Contains("Rejected: 1", output, StringComparison.Ordinal);
        Assert.Contains("broken.md:5: 'minutes' must be a whole number", output, StringComparison.Ordinal);

        var again = await Run(_folder, null, "import", lessons);
        Assert.Contains("Added: 0", again.Output, StringComparison.Ordinal);
        Assert.Contains("Unchanged: 1", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_a_missing_folder_says_so_and_exits_2()
    {
        var (exitCode, _, error) = await Run(_folder, null, "import", Path.Combine(_folder, "nope"));

        Assert.Equal(2, exitCode);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_people_prints_added_and_each_rejected_row_with_its_line_and_exits_1_when_a_row_is_rejected()
    {
        var file = Path.Combine(_folder, "people.csv");
        await File.WriteAllTextAsync(file, "email,name,manager_email,team,role\ngrace@example.com,Grace Hopper,,Platform,manager\nada@example.com,Ada,nobody@example.com,Platform,\n");

        var (exitCode, output, _) = await Run(_folder, null, "import-people", file);

        Assert.Equal(1, exitCode);
        Assert.Contains("Added: 1", output, StringComparison.Ordinal);
        Assert.Contains("Rejected: 1", output, StringComparison.Ordinal);
        Assert.Contains("people.csv:line 3: The manager nobody@example.com is neither in this file", output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(file, "email,name,manager_email,team,role\nada@example.com,Ada,grace@example.com,Platform,\n");
        var again = await Run(_folder, null, "import-people", file);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Added: 1", again.Output, StringComparison.Ordinal);

        var missing = await Run(_folder, null, "import-people", Path.Combine(_folder, "nope.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_package_writes_the_manifest_with_the_configured_bot_id_and_both_icons()
    {
        var appId = Guid.NewGuid().ToString();
        var zipPath = Path.Combine(_folder, "app.zip");

        var (exitCode, output, error) = await Run(RepositoryPaths.Root, new Dictionary<string, string> { ["LearningBot__Teams__AppId"] = appId }, "teams-package", zipPath);

        Assert.True(exitCode == 0, output + error);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var bot = manifest.RootElement.GetProperty("bots")[0];
        Assert.Equal(appId, bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team", "groupChat"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var commands = bot.GetProperty("commandLists")[0].GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("title").GetString());
        Assert.Equal(["help", "refresher", "quiz", "kudos", "share", "leaderboard", "debrief", "circle", "experts here"], commands);
    }

    [Fact]
    public async Task Teams_package_without_an_app_id_explains_what_to_set()
    {
        var (exitCode, _, error) = await Run(RepositoryPaths.Root, new Dictionary<string, string> { ["LearningBot__Teams__AppId"] = "" }, "teams-package", Path.Combine(_folder, "x.zip"));

        Assert.Equal(2, exitCode);
        Assert.Contains("LearningBot__Teams__AppId", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
