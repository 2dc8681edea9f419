using Microsoft.Extensions.Options;

namespace LearningBot.Core.Modules;

/// <summary>
/// The one way options are validated: a list of rules, each a check and the message that tells an operator what
/// to set. Every broken rule is reported at start-up, not only the first.
/// </summary>
public abstract class OptionsRules<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Rules(options).Where(rule => !rule.Holds).Select(rule => rule.Message).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The rules: whether each holds for <paramref name="options"/>, and what to do when it does not.</summary>
    protected abstract IEnumerable<(bool Holds, string Message)> Rules(TOptions options);

    /// <summary>An absolute https URL, or http to a loopback host (the tests' fake servers).</summary>
    protected static bool IsHttpsOrLoopbackHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
