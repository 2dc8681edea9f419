using LearningBot.Api;
using LearningBot.Core;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Slack;
using LearningBot.Teams;
using Microsoft.Extensions.Options;

namespace LearningBot.Hosting;

/// <summary>Builds the web host: one configuration file, options validated at start, storage, core, channels, endpoints.</summary>
public static partial class LearningBotHost
{
    /// <param name="args">Command-line arguments (override configuration).</param>
    /// <param name="configure">Extra configuration sources, applied last (tests, CLI verbs).</param>
    /// <param name="services">Service overrides applied after the defaults (tests point HTTP clients at fakes).</param>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        ConfigureConfiguration(builder.Configuration, args);
        configure?.Invoke(builder.Configuration);

        var storage = BindStorage(builder.Configuration);
        builder.Services.AddLearningBotStorage(storage);
        builder.Services.AddLearningBotCore(builder.Configuration);
        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddSlackChannel(builder.Configuration);
        builder.Services.AddScheduler(storage, builder.Configuration);
        builder.Services.AddOptions<ContentOptions>().Bind(builder.Configuration.GetSection(ContentOptions.Section));
        builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section));
        builder.Services.AddProblemDetails();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        MapEndpoints(app);
        return app;
    }

    /// <summary>
    /// The one configuration file is appsettings.json in the working directory (the repository root for
    /// `dotnet run --project src/LearningBot`); environment variables (LearningBot__Section__Key) and the
    /// command line override it. No per-environment files, so what a maintainer reads is what runs.
    /// </summary>
    internal static void ConfigureConfiguration(ConfigurationManager configuration, string[] args)
    {
        configuration.Sources.Clear();
        configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }

    internal static StorageOptions BindStorage(IConfiguration configuration)
    {
        var storage = new StorageOptions();
        try
        {
            configuration.GetSection(StorageOptions.Section).Bind(storage);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                [$"LearningBot:Storage:Provider must be Sqlite or PostgreSQL ({ex.Message})"]);
        }
        if (new StorageOptionsValidator().Validate(null, storage) is { Failed: true } result)
        {
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), result.Failures);
        }
        return storage;
    }

    /// <summary>Migrates the database and imports new or changed lessons from the content folder.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LearningBot.Startup");
        var scope = app.Services.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        await db.MigrateAsync(cancellationToken).ConfigureAwait(false);

        var content = scope.ServiceProvider.GetRequiredService<IOptions<ContentOptions>>().Value.Path;
        if (string.IsNullOrWhiteSpace(content) || !Directory.Exists(content))
        {
            Log.ContentFolderMissing(logger, content);
            return;
        }
        var report = await scope.ServiceProvider.GetRequiredService<LessonImporter>().ImportAsync(content, cancellationToken).ConfigureAwait(false);
        Log.ContentImported(logger, content, report.Added.Count, report.Updated.Count, report.Retired.Count, report.Unchanged.Count, report.Rejected.Count);
        foreach (var problem in report.Rejected)
        {
            Log.LessonRejected(logger, problem.ToString());
        }
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapTeamsMessages();
        app.MapSlackEndpoints();
        app.MapAsk();
        app.MapPeople();
        app.MapAnalytics();
        app.MapDashboard();
        app.MapGet("/", () => Results.Text("LearningBot is running. Teams: POST /api/messages. Slack: POST /slack/events, /slack/commands, /slack/interactions.\n"));
        app.MapGet("/health", async (LessonCatalog catalog, CancellationToken ct) =>
            Results.Ok(new { status = "ok", lessons = await catalog.CountAsync(ct).ConfigureAwait(false) }));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Lesson folder '{Folder}' not found; starting with the lessons already stored")]
        public static partial void ContentFolderMissing(ILogger logger, string folder);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Lessons from '{Folder}': {Added} added, {Updated} updated, {Retired} retired, {Unchanged} unchanged, {Rejected} rejected")]
        public static partial void ContentImported(ILogger logger, string folder, int added, int updated, int retired, int unchanged, int rejected);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Lesson rejected: {Problem}")]
        public static partial void LessonRejected(ILogger logger, string problem);
    }
}
