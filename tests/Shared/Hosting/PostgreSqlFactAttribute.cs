using Xunit;

namespace LearningBot.Testing;

/// <summary>
/// A test that needs a PostgreSQL server: it runs when <see cref="TestDatabase.PostgreSqlVariable"/> holds a server's
/// connection string (as in CI's PostgreSQL pass) and is skipped, saying why, otherwise.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgreSqlVariable) is not { Length: > 0 })
        {
            Skip = $"needs PostgreSQL: set {TestDatabase.PostgreSqlVariable} to a server's connection string (e.g. Host=127.0.0.1;Username=postgres)";
        }
    }
}
