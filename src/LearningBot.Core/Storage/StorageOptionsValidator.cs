using LearningBot.Core.Modules;

namespace LearningBot.Core.Storage;

/// <summary>The rules for <see cref="StorageOptions"/>, checked before the database is registered.</summary>
public sealed class StorageOptionsValidator : OptionsRules<StorageOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<(bool Holds, string Message)> Rules(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return (!string.IsNullOrWhiteSpace(options.ConnectionString), "LearningBot:Storage:ConnectionString is empty; for SQLite use e.g. 'Data Source=data/learningbot.db'.");
    }
}
