using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Teams;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The bot's real host (the same registration and endpoints as Program.cs) on Kestrel at 127.0.0.1, on a
/// temporary data directory, plus an "echo" verb that exists only here: the floor every turn is compared with,
/// through the same adapter, router and configuration.
/// </summary>
internal static class BenchmarkHost
{
    public const string EchoVerb = "echo";

    public static async Task<WebApplication> StartAsync(int port, string dataDirectory)
    {
        var app = Build(dataDirectory);
        app.Urls.Add($"http://127.0.0.1:{port}");
        app.MapHealth();
        app.MapBot();
        app.MapDownloads();
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// The host built but not started: its services as the bot has them, without Kestrel or the hosted services
    /// (so nothing posts, closes polls or ticks on its own). <paramref name="settings"/> override the defaults.
    /// </summary>
    public static WebApplication Build(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(dataDirectory, "bot.db"),
            ["Storage:Files:Path"] = Path.Combine(dataDirectory, "files"),
            ["Search:Embedded:IndexPath"] = Path.Combine(dataDirectory, "index"),
            ["Bot:Moderators:0"] = Activities.ModeratorAadId,
            ["MicrosoftAppId"] = string.Empty,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddFutureOfCustomsBot(builder.Configuration);
        builder.Services.AddCommand<EchoCommand>(EchoVerb, EchoVerb, null, usage: null);
        return builder.Build();
    }

    /// <summary>The host alone, for the memory benchmark's child process (so its resident size is its own).</summary>
    public static async Task<int> RunChildAsync(int port, string dataDirectory)
    {
        await using var app = await StartAsync(port, dataDirectory);
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync();
        return 0;
    }

    public static CommandCatalog Catalog(WebApplication app) => app.Services.GetRequiredService<CommandCatalog>();

    private sealed class EchoCommand : ICommandHandler
    {
        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
            => Task.FromResult(CommandReply.Text(context.Arguments));
    }
}

/// <summary>Teams-shaped activities with deliveryMode expectReplies: replies come back in the response, no connector needed.</summary>
internal static class Activities
{
    public const string ModeratorAadId = "00000000-0000-0000-0000-0000000000aa";

    public static JsonObject Message(string text, int conversation) => Base("message", conversation, text);

    public static JsonObject Execute(string verb, JsonObject data, int conversation)
    {
        var activity = Base("invoke", conversation, null);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        return activity;
    }

    public static JsonObject Submit(string verb, JsonObject data, int conversation)
    {
        var activity = Base("message", conversation, null);
        data[CommandRouter.VerbField] = verb;
        activity["value"] = data;
        return activity;
    }

    private static JsonObject Base(string type, int conversation, string? text)
    {
        var user = $"00000000-0000-4000-8000-{conversation:D12}";
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["deliveryMode"] = "expectReplies",
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = $"29:{user}", ["name"] = "Bench Member", ["aadObjectId"] = user },
            ["recipient"] = new JsonObject { ["id"] = "28:bot-id", ["name"] = "Future of Customs" },
            ["conversation"] = new JsonObject { ["id"] = $"a:bench-{conversation}", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }
}
