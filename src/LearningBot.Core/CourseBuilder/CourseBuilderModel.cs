using LearningBot.Core.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// The language model of <c>LearningBot:AI</c> as the course builder uses it: the same endpoint, key and model, with
/// requests allowed <see cref="CourseBuilderOptions.ModelTimeoutSeconds"/> (a lesson takes longer than an answer).
/// </summary>
public sealed class CourseBuilderModel(IOptions<AiOptions> ai, IOptions<CourseBuilderOptions> options) : IDisposable
{
    private readonly Lazy<IChatClient?> _client = new(() => ai.Value.IsConfigured
        ? LanguageModel.CreateChatClient(ai.Value, TimeSpan.FromSeconds(options.Value.ModelTimeoutSeconds + 5))
        : null);

    public bool IsConfigured => ai.Value.IsConfigured;

    /// <summary>The chat client, or null when no model is configured.</summary>
    public IChatClient? Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value?.Dispose();
        }
    }
}
