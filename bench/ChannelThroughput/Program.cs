using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

// Channel throughput, side by side: LearningBot (the Release build of src/LearningBot, run as its own process) and,
// for comparison, a botbuilder-js echo bot and a Bolt echo bot (installed from npm into a temporary folder), all
// answering the same fast fake Bot Connector / fake Slack Web API on loopback. Each is driven at saturation by a closed
// loop of N connections: Teams `help` turns (the reply is sent before the 200) and Slack `help` message events, each in
// its own DM (timed from the signed POST to the bot's chat.postMessage at the fake API). Prints turns/s, p50/p99, peak
// RSS and cold start (process start to first HTTP 200) for each, and the ratios.
//   dotnet build -c Release src/LearningBot && dotnet run -c Release --project bench/ChannelThroughput -- [seconds] [connections]
// Needs node and npm (the registry is used once, into a temporary folder).
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var repo = FindRepository();
var botDll = Path.Combine(repo, "src/LearningBot/bin/Release/net10.0/LearningBot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"Build LearningBot first: dotnet build -c Release src/LearningBot ({botDll} missing)");
    return 2;
}
const string SigningSecret = "bench-signing-secret";

var fakes = await Fakes.StartAsync();
var peers = Environment.GetEnvironmentVariable("BENCH_NODE_MODULES") ?? InstallPeers();
var results = new List<(string Bot, string Load, Figures Figures)>();

var work = Directory.CreateTempSubdirectory("channel-throughput-").FullName;
var content = Directory.CreateDirectory(Path.Combine(work, "content")).FullName;
using (var bot = await Bot.StartAsync("LearningBot", "dotnet", [botDll], work, new()
{
    ["LearningBot__Storage__ConnectionString"] = $"Data Source={Path.Combine(work, "bot.db")}",
    ["LearningBot__Content__Path"] = content,
    ["LearningBot__Slack__SigningSecret"] = SigningSecret,
    ["LearningBot__Slack__BotToken"] = "xoxb-bench",
    ["LearningBot__Slack__ApiBaseUrl"] = fakes.SlackApiUrl,
    ["Logging__LogLevel__Default"] = "Warning",
}, "/health"))
{
    results.Add(("LearningBot", "Teams help", await Load.TeamsAsync(bot.Address, fakes, seconds, connections, "help")));
    results.Add(("LearningBot", "Slack DM help", await Load.SlackAsync(bot.Address, fakes, seconds, connections, SigningSecret, "help")));
    results.Add(("LearningBot", "(process)", bot.Finish()));
}
using (var bot = await Bot.StartAsync("botbuilder-js echo", "node", [Path.Combine(AppContext.BaseDirectory, "echo-botbuilder.js")], peers, new(), "/"))
{
    results.Add(("botbuilder-js echo", "Teams help", await Load.TeamsAsync(bot.Address, fakes, seconds, connections, "help")));
    results.Add(("botbuilder-js echo", "(process)", bot.Finish()));
}
using (var bot = await Bot.StartAsync("Bolt echo", "node", [Path.Combine(AppContext.BaseDirectory, "echo-bolt.js")], peers, new()
{
    ["SIGNING_SECRET"] = SigningSecret,
    ["SLACK_API_URL"] = fakes.SlackApiUrl,
}, "/"))
{
    results.Add(("Bolt echo", "Slack DM help", await Load.SlackAsync(bot.Address, fakes, seconds, connections, SigningSecret, "help")));
    results.Add(("Bolt echo", "(process)", bot.Finish()));
}

Console.WriteLine();
Console.WriteLine($"{connections} connections, {seconds} s per load, {Environment.ProcessorCount} cores");
Console.WriteLine("| bot | load | turns/s | p50 ms | p99 ms | failed | peak RSS MB | start to first 200 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var (botName, load, f) in results)
{
    Console.WriteLine(load == "(process)"
        ? $"| {botName} | whole run | | | | | {f.PeakRssMb:F0} | {f.StartMs:F0} |"
        : $"| {botName} | {load} | {f.PerSecond:F0} | {f.P50:F1} | {f.P99:F1} | {f.Failed} | | |");
}
double Rate(string botName, string load) => results.First(r => r.Bot == botName && r.Load == load).Figures.PerSecond;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio Teams help, LearningBot / botbuilder-js echo: {Rate("LearningBot", "Teams help") / Rate("botbuilder-js echo", "Teams help"):F2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio Slack DM help, LearningBot / Bolt echo: {Rate("LearningBot", "Slack DM help") / Rate("Bolt echo", "Slack DM help"):F2}"));
await fakes.DisposeAsync();
return 0;

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LearningBot.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("LearningBot.sln not found above the benchmark");
}

static string InstallPeers()
{
    var folder = Path.Combine(Path.GetTempPath(), "channel-throughput-peers");
    Directory.CreateDirectory(folder);
    if (!Directory.Exists(Path.Combine(folder, "node_modules", "@slack", "bolt")) || !Directory.Exists(Path.Combine(folder, "node_modules", "botbuilder")))
    {
        Console.WriteLine($"npm install botbuilder@4 @slack/bolt into {folder} ...");
        using var npm = Process.Start(new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "botbuilder@4", "@slack/bolt"]) { WorkingDirectory = folder })!;
        npm.WaitForExit();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException("npm install failed");
        }
    }
    return folder;
}

internal sealed record Figures(double PerSecond, double P50, double P99, int Failed, double PeakRssMb = 0, double StartMs = 0);

/// <summary>A bot under test in its own process, on a free loopback port.</summary>
internal sealed class Bot : IDisposable
{
    private readonly Process _process;
    private readonly double _startMs;

    private Bot(Process process, Uri address, double startMs)
    {
        _process = process;
        Address = address;
        _startMs = startMs;
    }

    public Uri Address { get; }

    public static async Task<Bot> StartAsync(string name, string file, string[] arguments, string workingDirectory, Dictionary<string, string> environment, string readyPath)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["NODE_PATH"] = Path.Combine(workingDirectory, "node_modules");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine($"[{name}] {line}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"{name} did not start");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(address, readyPath));
                if (response.StatusCode == HttpStatusCode.OK || readyPath == "/")
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(10);
        }
        var startMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{name}: first 200 after {startMs:F0} ms");
        return new Bot(process, address, startMs);
    }

    public Figures Finish() => new(0, 0, 0, 0, PeakRssMb(), _startMs);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private double PeakRssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The fake Bot Connector and fake Slack Web API: answer at once, and tell waiting senders a reply arrived.</summary>
internal sealed class Fakes : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _ts;

    private Fakes(WebApplication app, string address)
    {
        _app = app;
        ServiceUrl = address;
        SlackApiUrl = address + "api/";
    }

    public string ServiceUrl { get; }
    public string SlackApiUrl { get; }

    /// <summary>Slack channel id → the sender waiting for the bot's post there.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> WaitingSlack { get; } = new(StringComparer.Ordinal);

    public long ConnectorReplies;

    public static async Task<Fakes> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        Fakes? fakes = null;
        app.MapPost("/v3/conversations/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync();
            Interlocked.Increment(ref fakes!.ConnectorReplies);
            return Results.Json(new { id = "reply-1" });
        });
        app.MapPost("/api/{method}", async (HttpContext context, string method) =>
        {
            string? channel = null;
            string? user = null;
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync();
                channel = form["channel"].ToString();
                user = form["user"].ToString();
            }
            else
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body);
                channel = document.RootElement.TryGetProperty("channel", out var c) ? c.GetString() : null;
                user = document.RootElement.TryGetProperty("user", out var u) ? u.GetString() : null;
            }
            var ts = $"1700000000.{Interlocked.Increment(ref fakes!._ts):D6}";
            if (method == "chat.postMessage" && channel is not null && fakes.WaitingSlack.TryRemove(channel, out var waiting))
            {
                waiting.TrySetResult();
            }
            return method switch
            {
                "auth.test" => Results.Json(new { ok = true, user_id = "UBOT", bot_id = "BBOT", team_id = "T1", team = "Bench", url = "https://bench.slack.com/" }),
                "users.info" => Results.Json(new { ok = true, user = new { id = user, name = "ada", real_name = "Ada", tz = "Europe/London", profile = new { display_name = "Ada", email = $"{user?.ToLowerInvariant()}@example.com" } } }),
                "conversations.open" => Results.Json(new { ok = true, channel = new { id = $"D-{user}" } }),
                _ => Results.Json(new { ok = true, channel, ts }),
            };
        });
        await app.StartAsync();
        fakes = new Fakes(app, app.Urls.First().TrimEnd('/') + "/");
        return fakes;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>Closed-loop load: each connection sends the next turn when its previous one was answered.</summary>
internal static class Load
{
    public static Task<Figures> TeamsAsync(Uri bot, Fakes fakes, int seconds, int connections, string text)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(30) };
        return RunAsync(seconds, connections, async (worker, n) =>
        {
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["id"] = $"act-{worker}-{n}-{Guid.NewGuid():N}",
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
                ["channelId"] = "msteams",
                ["serviceUrl"] = fakes.ServiceUrl,
                ["from"] = new JsonObject { ["id"] = $"29:user-{worker}", ["name"] = $"User {worker}", ["aadObjectId"] = $"00000000-0000-0000-0000-{worker:D12}" },
                ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "LearningBot" },
                ["conversation"] = new JsonObject { ["id"] = $"a:conversation-{worker}", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
                ["text"] = text,
                ["locale"] = "en-GB",
            };
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("api/messages", UriKind.Relative), content);
            return response.IsSuccessStatusCode;
        });
    }

    public static Task<Figures> SlackAsync(Uri bot, Fakes fakes, int seconds, int connections, string signingSecret, string text)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(30) };
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        return RunAsync(seconds, connections, async (worker, n) =>
        {
            var channel = $"D{run}{worker:D2}{n:D7}";
            var ts = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{n:D6}";
            var body = new JsonObject
            {
                ["token"] = "legacy",
                ["team_id"] = "T1",
                ["api_app_id"] = "A1",
                ["type"] = "event_callback",
                ["event_id"] = $"Ev{run}{worker:D2}{n:D7}",
                ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["event"] = new JsonObject
                {
                    ["type"] = "message",
                    ["channel_type"] = "im",
                    ["channel"] = channel,
                    ["user"] = $"U{run}{worker:D2}",
                    ["text"] = text,
                    ["ts"] = ts,
                    ["event_ts"] = ts,
                },
            }.ToJsonString();
            var replied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            fakes.WaitingSlack[channel] = replied;
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
            using var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", signature);
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                fakes.WaitingSlack.TryRemove(channel, out _);
                return false;
            }
            var done = await Task.WhenAny(replied.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            fakes.WaitingSlack.TryRemove(channel, out _);
            return done == replied.Task;
        });
    }

    private static async Task<Figures> RunAsync(int seconds, int connections, Func<int, int, Task<bool>> turn)
    {
        // A short warm-up (JIT, pools, first contact of each sender), then the measured window.
        await Loop(TimeSpan.FromSeconds(Math.Min(3, seconds)), connections, turn, null, 1_000_000);
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var failed = await Loop(TimeSpan.FromSeconds(seconds), connections, turn, latencies, 2_000_000);
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return new Figures(sorted.Length / elapsed, At(0.50), At(0.99), failed);
    }

    private static async Task<int> Loop(TimeSpan duration, int connections, Func<int, int, Task<bool>> turn, ConcurrentBag<double>? latencies, int firstTurn)
    {
        var failed = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            for (var n = firstTurn; Stopwatch.GetTimestamp() < end; n++)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await turn(worker, n);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    ok = false;
                }
                if (ok)
                {
                    latencies?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        return failed;
    }
}
