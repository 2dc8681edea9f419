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
    public async Task Draft_lessons_writes_lesson_files_that_import_and_says_no_model_wrote_them()
    {
        var text = new System.Text.StringBuilder("# Onboarding guide\n\n");
        foreach (var topic in new[] { "Your first week", "Tools and access", "Who to ask" })
        {
            text.Append("## ").Append(topic).Append("\n\n");
            for (var p = 0; p < 3; p++)
            {
                text.Append(string.Concat(Enumerable.Repeat($"In {topic.ToLowerInvariant()} step {p} a new starter meets the team and reads the guide. ", 25))).Append("\n\n");
            }
        }
        var document = Path.Combine(_folder, "onboarding.md");
        await File.WriteAllTextAsync(document, text.ToString());
        var output = Path.Combine(_folder, "drafts");

        var (exit, stdout, stderr) = await Run(_folder, null, "draft-lessons", document, "--out", output).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, stderr);
        Assert.Contains("Drafted 3 lessons from onboarding.md", stdout, StringComparison.Ordinal);
        Assert.Contains("No language model is configured", stdout, StringComparison.Ordinal);
        Assert.Contains("Drafted 3 of 3 lessons", stderr, StringComparison.Ordinal);
        Assert.Equal(["onboarding-tools-and-access.md", "onboarding-who-to-ask.md", "onboarding-your-first-week.md"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var (importExit, importOut, _) = await Run(_folder, null, "import", output).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(0, importExit);
        Assert.Contains("Added: 3", importOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_lessons_refuses_a_damaged_or_unknown_file_with_what_to_do()
    {
        var pdf = Path.Combine(_folder, "scan.pdf");
        await File.WriteAllTextAsync(pdf, "not a pdf");

        var (exit, _, stderr) = await Run(_folder, null, "draft-lessons", pdf).WaitAsync(TimeSpan.FromMinutes(3));
        var (usage, _, usageError) = await Run(_folder, null, "draft-lessons").WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(1, exit);
        Assert.Contains("I couldn't open scan.pdf as a PDF", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "scan-drafts")));
        Assert.Equal(2, usage);
        Assert.Contains("Usage: draft-lessons <file> [--out folder]", usageError, StringComparison.Ordinal);
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
        Assert.Equal(["help", "refresher", "quiz", "progress", "goals", "kudos", "share", "leaderboard", "debrief", "circle"], commands);
        // Teams shows at most ten commands per list: the team and group chat list has the channel commands instead.
        var shared = bot.GetProperty("commandLists")[1];
        Assert.Equal(["team", "groupChat"], shared.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("experts here", shared.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.All(bot.GetProperty("commandLists").EnumerateArray(), l => Assert.InRange(l.GetProperty("commands").GetArrayLength(), 1, 10));
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
