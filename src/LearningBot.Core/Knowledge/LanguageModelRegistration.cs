using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LearningBot.Core.Knowledge;

public static class LanguageModelRegistration
{
    /// <summary>
    /// Binds <c>LearningBot:AI</c> and registers an <see cref="IChatClient"/> only when a provider and endpoint are
    /// configured; without one, answers are the retrieved passages.
    /// </summary>
    public static IServiceCollection AddLanguageModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AiOptions.Section);
        services.AddOptions<AiOptions>().Bind(section)
            .Validate(o => !o.IsConfigured || o.Provider is "AzureOpenAI" or "OpenAI", "LearningBot:AI:Provider must be AzureOpenAI or OpenAI.")
            .Validate(o => !o.IsConfigured || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "LearningBot:AI:Endpoint must be an absolute URL.")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.Model), "LearningBot:AI:Model is empty; name the model (or the Azure deployment).")
            .Validate(o => o.TimeoutSeconds is > 0 and <= 120, "LearningBot:AI:TimeoutSeconds must be between 0 and 120.")
            .ValidateOnStart();
        var options = section.Get<AiOptions>() ?? new AiOptions();
        if (options.IsConfigured)
        {
            services.AddSingleton(_ => CreateChatClient(options));
        }
        return services;
    }

    internal static IChatClient CreateChatClient(AiOptions options)
    {
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey);
        // The bot's own timeout decides when to fall back; the SDK's retries would only delay that.
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
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
