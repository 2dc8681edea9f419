using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Help;

/// <summary>The welcome card for a new conversation and the <c>help</c> command with its button.</summary>
public sealed class HelpFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var services = feature.Services;
        services.AddScoped<IWelcomeHandler, WelcomeHandler>();
        services.AddScoped<HelpCommand>();
        services.AddScoped<ICommandHandler>(sp => sp.GetRequiredService<HelpCommand>());
        services.AddScoped<ICardActionHandler>(sp => sp.GetRequiredService<HelpCommand>());
    }
}
