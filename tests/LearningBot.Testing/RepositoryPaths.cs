namespace LearningBot.Testing;

/// <summary>Where the repository is when the tests run: its root (found by LearningBot.sln), the demo library and the fixtures.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>tests/fixtures: the 40-lesson sample library, the question sets and the FSRS vectors.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    /// <summary>The demo library shipped in content/.</summary>
    public static string Content => Path.Combine(Root, "content");

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
