using LearningBot.Core.Modules;

namespace LearningBot.Core.Knowledge;

/// <summary>The rules for <see cref="AiOptions"/>: only checked when a model is configured, except the timeout.</summary>
internal sealed class AiOptionsValidator : OptionsRules<AiOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(AiOptions options)
    {
        yield return (!options.IsConfigured || options.Provider is "AzureOpenAI" or "OpenAI", "LearningBot:AI:Provider must be AzureOpenAI or OpenAI.");
        yield return (!options.IsConfigured || Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _), "LearningBot:AI:Endpoint must be an absolute URL.");
        yield return (!options.IsConfigured || !string.IsNullOrWhiteSpace(options.Model), "LearningBot:AI:Model is empty; name the model (or the Azure deployment).");
        yield return (options.TimeoutSeconds is > 0 and <= 120, "LearningBot:AI:TimeoutSeconds must be between 0 and 120.");
    }
}
