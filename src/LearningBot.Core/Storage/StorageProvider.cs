namespace LearningBot.Core.Storage;

/// <summary>The databases LearningBot runs on.</summary>
public enum StorageProvider
{
    /// <summary>One embedded file; the default, nothing to install.</summary>
    Sqlite,

    /// <summary>For several instances sharing one database.</summary>
    PostgreSQL,
}
