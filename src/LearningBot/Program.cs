using LearningBot.Cli;
using LearningBot.Hosting;

// `dotnet run --project src/LearningBot` runs the bot; a first argument naming a command runs that command instead.
if (args.Length > 0 && MaintenanceCommands.TryGet(args[0], out var command))
{
    return await command(args[1..]).ConfigureAwait(false);
}

var app = LearningBotHost.Build(args);
await LearningBotHost.PrepareAsync(app).ConfigureAwait(false);
await app.RunAsync().ConfigureAwait(false);
return 0;
