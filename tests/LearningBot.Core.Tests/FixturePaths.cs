namespace LearningBot.Core.Tests;

/// <summary>Finds the repository root and the shared fixtures beside the checkout.</summary>
public static class FixturePaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>tests/fixtures: the 40-lesson sample library and the dev question set.</summary>
    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "fixtures");

    /// <summary>The demo library shipped in content/.</summary>
    public static string Content => Path.Combine(RepositoryRoot, "content");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LearningBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("LearningBot.sln not found above the test binaries.");
    }
}
