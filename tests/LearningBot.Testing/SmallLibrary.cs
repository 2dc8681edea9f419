namespace LearningBot.Testing;

/// <summary>
/// Two lessons of the demo library in a folder of their own, quick to import: one for everyone
/// (<see cref="ForEveryone"/>, three quiz questions) and one for managers only (<see cref="ForManagers"/>, three).
/// </summary>
public sealed class SmallLibrary : IDisposable
{
    public const string ForEveryone = "feedback-peer-conversations";
    public const string ForManagers = "coaching-better-one-on-ones";

    public SmallLibrary()
    {
        Path = Directory.CreateTempSubdirectory("learningbot-lessons-").FullName;
        foreach (var id in new[] { ForEveryone, ForManagers })
        {
            File.Copy(System.IO.Path.Combine(RepositoryPaths.Content, id + ".md"), System.IO.Path.Combine(Path, id + ".md"));
        }
    }

    public string Path { get; }

    /// <summary>The host's settings that import this folder.</summary>
    public Dictionary<string, string?> Settings(string? enrollment = null)
    {
        var settings = new Dictionary<string, string?> { ["LearningBot:Content:Path"] = Path };
        if (enrollment is not null)
        {
            settings["LearningBot:Quizzes:Enrollment"] = enrollment;
        }
        return settings;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
