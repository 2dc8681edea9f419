using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace LearningBot.Core.Knowledge;

/// <summary>
/// The language model configured under <c>LearningBot:AI</c>, if any. Without one, answers are the retrieved
/// passages and debrief summaries are built from the answers alone.
/// </summary>
public sealed class LanguageModel(IOptions<AiOptions> options)
{
    private readonly Lazy<IChatClient?> _client = new(() => options.Value.IsConfigured ? CreateChatClient(options.Value) : null);

    /// <summary>The chat client, or null when no model is configured.</summary>
    public IChatClient? Client => _client.Value;

    private static IChatClient CreateChatClient(AiOptions options) => CreateChatClient(options, TimeSpan.FromSeconds(options.TimeoutSeconds + 5));

    /// <summary>A chat client for <paramref name="options"/> whose requests give up after <paramref name="timeout"/> (work slower than an answer, such as drafting lessons).</summary>
    internal static IChatClient CreateChatClient(AiOptions options, TimeSpan timeout)
    {
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey);
        // The bot's own timeout decides when to fall back; the SDK's retries would only delay that.
        if (options.Provider == "AzureOpenAI")
        {
            var azure = new AzureOpenAIClient(new Uri(options.Endpoint), key,
                new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = timeout });
            return azure.GetChatClient(options.Model).AsIChatClient();
        }
        var openAi = new OpenAIClient(key, new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint), RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = timeout });
        return openAi.GetChatClient(options.Model).AsIChatClient();
    }
}
