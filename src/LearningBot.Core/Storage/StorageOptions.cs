using System.ComponentModel.DataAnnotations;

namespace LearningBot.Core.Storage;

/// <summary>Section <c>LearningBot:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "LearningBot:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    [Required(ErrorMessage = "LearningBot:Storage:ConnectionString is empty; set it, e.g. 'Data Source=data/learningbot.db' for SQLite.")]
    public string ConnectionString { get; set; } = "Data Source=data/learningbot.db";
}
