using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Modules;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Core.Tests;

/// <summary>A real SQLite file, migrated, with the core registered and a clock the test moves.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("learningbot-core-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; }

    private TestDatabase(Action<IServiceCollection>? configure, IDictionary<string, string?>? settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddLearningBotStorage(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False" })
            .AddLearningBotCore(configuration, LearningBotFeatures.Essentials);
        services.Configure<KnowledgeOptions>(o => o.OutOfScopePath = Path.Combine(RepositoryPaths.Content, "out-of-scope.yaml"));
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <param name="configure">Extra registrations and overrides (e.g. a language model pointed at a fake server).</param>
    /// <param name="settings">Configuration, as appsettings.json would give it.</param>
    public static async Task<TestDatabase> CreateAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var database = new TestDatabase(configure, settings);
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync();
        return database;
    }

    /// <summary>A new scope, as one request would have.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope.</summary>
    public async Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platform; it lives in the temp folder.
        }
    }
}

/// <summary>A lesson folder written by the test, file by file.</summary>
public sealed class LessonFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("learningbot-lessons-").FullName;

    public LessonFolder Write(string fileName, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);
        return this;
    }

    public LessonFolder Delete(string fileName)
    {
        File.Delete(System.IO.Path.Combine(Path, fileName));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>A valid lesson; the arguments change what tests care about.</summary>
    public static string Lesson(string id, string title = "Giving feedback with SBI", string summary = "Describe the situation, the behavior and its impact.",
        string body = "Intro paragraph about feedback.\n\n## Situation\n\nSay when and where it happened.\n\n## Impact\n\nSay how the behavior affected you.",
        string quiz = "") => $"""
        ---
        id: {id}
        title: {title}
        summary: {summary}
        tags: [feedback, communication]
        minutes: 3
        {quiz}
        ---
        # {title}

        {body}
        """;

    public static string Quiz(params string[] ids) => "quiz:\n" + string.Concat(ids.Select(id => $"""
          - id: {id}
            question: What comes after the situation?
            choices: [The behavior, The judgement, The fix]
            answer: 0
            explanation: Describe the behavior next.

        """));
}
