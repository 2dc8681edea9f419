using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text;
using System.Globalization;
using LearningBot.Core.CourseBuilder;
using LearningBot.Core.Knowledge;
using Microsoft.Extensions.Options;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Hosting;

namespace LearningBot.Cli;

/// <summary>
/// Commands for maintainers: `import &lt;folder&gt;`, `import-people &lt;file.csv&gt;`, `ask "question"`, `teams-package [zip]`, `draft-lessons &lt;file&gt; [--out folder]`, `export-lessons --out &lt;folder&gt;`. Each uses the same
/// configuration and database as the running bot and exits non-zero with a helpful message on bad input.
/// </summary>
public static class MaintenanceCommands
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["import"] = ImportAsync,
        ["import-people"] = ImportPeopleAsync,
        ["ask"] = AskAsync,
        ["teams-package"] = TeamsPackageAsync,
        ["draft-lessons"] = DraftLessonsAsync,
        ["export-lessons"] = ExportLessonsAsync,
    };

    public static bool TryGet(string name, [NotNullWhen(true)] out Func<string[], Task<int>>? command) =>
        Commands.TryGetValue(name, out command);

    public static async Task<int> ImportAsync(string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("Usage: import <folder>   (a folder of lesson Markdown files, see CONTENT-FORMAT)").ConfigureAwait(false);
            return 2;
        }
        if (!Directory.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync($"Folder '{args[0]}' does not exist.").ConfigureAwait(false);
            return 2;
        }
        return await WithMigratedDatabaseAsync(async services =>
        {
            var report = await services.GetRequiredService<LessonImporter>().ImportAsync(args[0], CancellationToken.None).ConfigureAwait(false);
            Console.Write(Describe(report));
            return report.Rejected.Count == 0 ? 0 : 1;
        }).ConfigureAwait(false);
    }

    internal static string Describe(ImportReport report)
    {
        var text = new StringBuilder();
        void Section(string title, IReadOnlyCollection<string> items)
        {
            text.Append(title).Append(": ").Append(items.Count).AppendLine();
            foreach (var item in items)
            {
                text.Append("  ").AppendLine(item);
            }
        }
        Section("Added", report.Added);
        Section("Updated", report.Updated);
        Section("Retired", report.Retired);
        text.Append("Unchanged: ").Append(report.Unchanged.Count).AppendLine();
        Section("Rejected", report.Rejected.Select(p => p.ToString()).ToList());
        return text.ToString();
    }

    /// <summary>
    /// `draft-lessons &lt;file&gt; [--out folder]`: drafts microlessons from a document (COURSE-BUILDER.md) and writes them as
    /// lesson files in the content format, each already checked by the importer's parser; nothing is imported.
    /// </summary>
    public static async Task<int> DraftLessonsAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        const string usage = "Usage: draft-lessons <file> [--out folder]   (a .md, .txt, .docx, .pdf or .html document)";
        string? file = null;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length)
            {
                output = args[++i];
            }
            else if (file is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                file = args[i];
            }
            else
            {
                await Console.Error.WriteLineAsync(usage).ConfigureAwait(false);
                return 2;
            }
        }
        if (file is null)
        {
            await Console.Error.WriteLineAsync(usage).ConfigureAwait(false);
            return 2;
        }
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"File '{file}' does not exist.").ConfigureAwait(false);
            return 2;
        }
        output ??= Path.GetFileNameWithoutExtension(file) + "-drafts";
        var app = BuildQuiet();
        await using var appDisposal = app.ConfigureAwait(false);
        var scope = app.Services.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var options = scope.ServiceProvider.GetRequiredService<IOptions<CourseBuilderOptions>>().Value;
        if (new FileInfo(file).Length > options.MaxFileBytes)
        {
            var refused = DocumentReader.Read(file, new byte[options.MaxFileBytes + 1], options);
            await Console.Error.WriteLineAsync(refused.Refusal).ConfigureAwait(false);
            return 1;
        }
        using var cancel = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cancel.Cancel();
        }
        Console.CancelKeyPress += OnCancel;
        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancel.Token).ConfigureAwait(false);
            var progress = new Progress<DraftProgress>(p => Console.Error.WriteLine($"Drafted {p.Done} of {p.Total} lessons…"));
            var result = await scope.ServiceProvider.GetRequiredService<CourseDrafter>().DraftAsync(file, bytes, progress, cancel.Token).ConfigureAwait(false);
            if (result.Refusal is { } refusal)
            {
                await Console.Error.WriteLineAsync(refusal).ConfigureAwait(false);
                return 1;
            }
            Directory.CreateDirectory(output);
            foreach (var draft in result.Drafts)
            {
                await File.WriteAllTextAsync(Path.Combine(output, draft.FileName), draft.Markdown, new UTF8Encoding(false), cancel.Token).ConfigureAwait(false);
            }
            Console.Write(DescribeDrafts(result, output));
            return result.Drafts.Count > 0 ? 0 : 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Cancelled; no lesson files were written.").ConfigureAwait(false);
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    internal static string DescribeDrafts(DraftingResult result, string output)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Drafted {result.Drafts.Count} lessons from {result.Document} into {output}")
            .Append(result.ModelUsed ? $" (with the language model, {result.TokensUsed} tokens)" : "").AppendLine();
        foreach (var draft in result.Drafts)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {draft.FileName}: {draft.Lesson.Title} ({draft.Lesson.Minutes} min, {draft.Lesson.Quiz.Count} questions; from {draft.Source})").AppendLine();
            foreach (var section in draft.Sections.Where(s => s.Heading.Length > 0))
            {
                text.Append(CultureInfo.InvariantCulture, $"      {section.Heading} ← {section.Source}").AppendLine();
            }
        }
        if (result.Dropped.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Dropped: {result.Dropped.Count}").AppendLine();
            foreach (var dropped in result.Dropped)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {dropped.Title} ({dropped.Source}): {dropped.Reason}").AppendLine();
            }
        }
        if (result.Notice is { } notice)
        {
            text.AppendLine(notice);
        }
        text.AppendLine("These are drafts: review them, then import the folder (or move the files into your content folder).");
        return text.ToString();
    }

    public static async Task<int> ImportPeopleAsync(string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("Usage: import-people <file.csv>   (columns: email,name,manager_email,team,role)").ConfigureAwait(false);
            return 2;
        }
        if (!File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync($"File '{args[0]}' does not exist.").ConfigureAwait(false);
            return 2;
        }
        return await WithMigratedDatabaseAsync(async services =>
        {
            using var reader = File.OpenText(args[0]);
            var report = await services.GetRequiredService<PeopleImporter>().ImportAsync(reader, CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"Added: {report.Added}");
            Console.WriteLine($"Updated: {report.Updated}");
            Console.WriteLine($"Unchanged: {report.Unchanged}");
            Console.WriteLine($"Rejected: {report.Errors.Count}");
            foreach (var error in report.Errors)
            {
                Console.WriteLine($"  {args[0]}:{error}");
            }
            return report.Errors.Count == 0 ? 0 : 1;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// `export-lessons --out &lt;folder&gt;`: writes every course-builder draft approved in chat as a lesson file in the
    /// content format (COURSE-BUILDER.md), so the team can keep them in the content folder under version control.
    /// Existing files of the same name are replaced; nothing else in the folder is touched.
    /// </summary>
    public static async Task<int> ExportLessonsAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 2 || args[0] != "--out" || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("Usage: export-lessons --out <folder>   (writes the lessons approved in chat as Markdown files)").ConfigureAwait(false);
            return 2;
        }
        var folder = args[1];
        return await WithMigratedDatabaseAsync(async services =>
        {
            var lessons = await services.GetRequiredService<CourseReview>().ApprovedAsync(CancellationToken.None).ConfigureAwait(false);
            Directory.CreateDirectory(folder);
            foreach (var (fileName, markdown) in lessons)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, fileName), markdown, new UTF8Encoding(false)).ConfigureAwait(false);
                Console.WriteLine($"  {fileName}");
            }
            Console.WriteLine($"Exported {lessons.Count} approved {(lessons.Count == 1 ? "lesson" : "lessons")} into {folder}");
            return 0;
        }).ConfigureAwait(false);
    }

    /// <summary>Runs an import in a scope of the bot's own services, on its database brought up to date first.</summary>
    private static async Task<int> WithMigratedDatabaseAsync(Func<IServiceProvider, Task<int>> import)
    {
        var app = BuildQuiet();
        await using var appDisposal = app.ConfigureAwait(false);
        var scope = app.Services.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync().ConfigureAwait(false);
        return await import(scope.ServiceProvider).ConfigureAwait(false);
    }

    public static async Task<int> AskAsync(string[] args)
    {
        var question = string.Join(' ', args).Trim();
        if (question.Length == 0)
        {
            await Console.Error.WriteLineAsync("Usage: ask \"your question\"").ConfigureAwait(false);
            return 2;
        }
        var app = BuildQuiet();
        await using var appDisposal = app.ConfigureAwait(false);
        await LearningBotHost.PrepareAsync(app).ConfigureAwait(false);
        var scope = app.Services.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var result = await scope.ServiceProvider.GetRequiredService<KnowledgeAnswerer>().AnswerAsync(question, CancellationToken.None).ConfigureAwait(false);
        var answer = result.Search;
        if (result.Generated is { } generated)
        {
            Console.WriteLine(generated.Text);
            Console.WriteLine();
            Console.WriteLine("Sources: " + string.Join(", ", generated.Cited.Select(c => $"{c.Title} [{c.LessonId}]")));
            return 0;
        }
        if (answer is { Answered: true, Best: { } best })
        {
            Console.WriteLine($"{best.Title}  [{best.LessonId}, score {best.Score:0.00}]");
            Console.WriteLine(best.Summary);
            if (best.SectionHeading.Length > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"## {best.SectionHeading}");
            }
            Console.WriteLine(best.SectionMarkdown);
            return 0;
        }
        Console.WriteLine("I don't have a lesson on that yet.");
        if (answer.Redirect is { } redirect)
        {
            Console.WriteLine(redirect.Where is null ? $"({redirect.Topic})" : $"This looks like a question for {redirect.Where} ({redirect.Topic}).");
        }
        foreach (var hit in answer.Hits.Where(_ => answer.Redirect is null))
        {
            Console.WriteLine($"  closest: {hit.Title}  [{hit.LessonId}, score {hit.Score:0.00}]");
        }
        return 0;
    }

    /// <summary>Writes the Teams app package: manifest.json (bot id from configuration) and the two icons at the zip root.</summary>
    public static async Task<int> TeamsPackageAsync(string[] args)
    {
        var output = args.Length > 0 ? args[0] : Path.Combine("artifacts", "learningbot-teams.zip");
        // Only configuration is needed: the bot's other settings (such as its secret) are not checked here.
        using var configuration = new ConfigurationManager();
        LearningBotHost.ConfigureConfiguration(configuration, []);
        var botId = configuration["LearningBot:Teams:AppId"];
        if (string.IsNullOrWhiteSpace(botId) || !Guid.TryParse(botId, out _))
        {
            await Console.Error.WriteLineAsync(
                "Set LearningBot:Teams:AppId in appsettings.json (or LearningBot__Teams__AppId) to your Azure Bot's Microsoft App ID (a GUID), then run this again.").ConfigureAwait(false);
            return 2;
        }
        var folder = Path.Combine("manifest", "teams");
        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            await Console.Error.WriteLineAsync($"'{manifestPath}' not found; run this from the repository root.").ConfigureAwait(false);
            return 2;
        }
        var manifest = (await File.ReadAllTextAsync(manifestPath).ConfigureAwait(false))
            .Replace("${{BOT_ID}}", botId, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.Delete(output);
        var zip = await ZipFile.OpenAsync(output, ZipArchiveMode.Create).ConfigureAwait(false);
        await using (zip.ConfigureAwait(false))
        {
            var entry = zip.CreateEntry("manifest.json");
            var writer = new StreamWriter(await entry.OpenAsync().ConfigureAwait(false), new UTF8Encoding(false));
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync(manifest).ConfigureAwait(false);
            }
            foreach (var icon in new[] { "color.png", "outline.png" })
            {
                await zip.CreateEntryFromFileAsync(Path.Combine(folder, icon), icon).ConfigureAwait(false);
            }
        }
        Console.WriteLine($"Wrote {output} (bot id {botId}). Upload it in Teams: Apps → Manage your apps → Upload an app.");
        return 0;
    }

    private static WebApplication BuildQuiet() => LearningBotHost.Build([], configuration =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            // The commands do not serve /api/messages, so the development-mode warning would only be noise.
            ["Logging:LogLevel:LearningBot.Teams"] = "Error",
        }));
}
