namespace LearningBot.Core.Knowledge;

/// <summary>Section <c>LearningBot:AI</c>. Empty Endpoint or Provider = no language model: answers are the best passages.</summary>
public sealed class AiOptions
{
    public const string Section = "LearningBot:AI";

    /// <summary><c>AzureOpenAI</c> or <c>OpenAI</c> (any OpenAI-compatible endpoint, e.g. a local model server).</summary>
    public string Provider { get; set; } = "";

    /// <summary>Azure: https://&lt;resource&gt;.openai.azure.com/; OpenAI-compatible: the base URL ending in /v1/.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>API key (never logged). Some local servers accept any value.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Model name, or the deployment name on Azure.</summary>
    public string Model { get; set; } = "";

    /// <summary>Past this, the bot answers with the passages instead of waiting for the model.</summary>
    public double TimeoutSeconds { get; set; } = 12;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Provider) && !string.IsNullOrWhiteSpace(Endpoint);
}
