namespace LearningBot.Core.Storage;

/// <summary>Section <c>LearningBot:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "LearningBot:Storage";

    /// <summary>Which database: <c>Sqlite</c> (the default) or <c>PostgreSQL</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Relative SQLite paths are relative to the working directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/learningbot.db";
}
