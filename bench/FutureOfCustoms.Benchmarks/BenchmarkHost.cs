using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Board;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Teams;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The bot's real host (the same registration and endpoints as Program.cs) on Kestrel at 127.0.0.1, on a
/// temporary data directory, plus an "echo" verb that exists only here: the floor every turn is compared with,
/// through the same adapter, router and configuration. The same Kestrel also answers as the conversations'
/// Bot Connector (the activities' serviceUrl points at it), so rosters, shared-card edits and posts stay on
/// this machine and cost what a fast connector would.
/// </summary>
internal static class BenchmarkHost
{
    public const string EchoVerb = "echo";

    /// <summary>The open poll every vote of the benchmarks goes to, posted in the team channel.</summary>
    public const string PollId = "bench01";

    public static async Task<WebApplication> StartAsync(int port, string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = Build(dataDirectory, settings);
        app.Urls.Add($"http://127.0.0.1:{port}");
        app.MapHealth();
        app.MapBot();
        app.MapDownloads();
        app.MapBoard();
        MapConnector(app);
        await app.StartAsync();
        await app.Services.GetRequiredService<PollStore>().InsertAsync(
            new Poll
            {
                Id = PollId,
                Question = "Which topic should the group research first?",
                Options = [new PollOption("1", "Big data"), new PollOption("2", "3D printing"), new PollOption("3", "Blockchain")],
                ConversationId = Activities.ChannelConversationId,
                TenantId = Activities.TenantId,
                MessageId = "bench-poll-card",
                CreatedBy = new UserRef("29:moderator", "Moderator", Activities.ModeratorAadId),
                Status = PollStatus.Open,
            },
            CancellationToken.None);
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

            // A few workers send thousands of turns: the benchmarks measure the turns, not the per-member limits.
            ["RateLimits:Questions"] = "10000",
            ["RateLimits:Suggestions"] = "10000",
            ["RateLimits:Answers"] = "10000",
            ["RateLimits:Votes"] = "10000",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddFutureOfCustomsBot(builder.Configuration);
        // It takes any words after it: a command without arguments would send "echo hello" on as a question.
        builder.Services.AddCommand<EchoCommand>(new CommandDefinition { Verb = EchoVerb, Handler = typeof(EchoCommand), Text = EchoVerb, Arguments = "^.*$" });
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

    /// <summary>Stops and disposes the host before its data directory goes: background work may still be writing to it until then.</summary>
    public static async Task StopAsync(WebApplication app, string dataDirectory)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    public static CommandCatalog Catalog(WebApplication app) => app.Services.GetRequiredService<CommandCatalog>();

    private static void MapConnector(WebApplication app)
    {
        var posted = 0;
        app.MapPost("/v3/conversations/{id}/activities/{replyTo?}", () => Results.Json(new { id = "bench-" + Interlocked.Increment(ref posted).ToString(CultureInfo.InvariantCulture) }, statusCode: StatusCodes.Status201Created));
        app.MapPut("/v3/conversations/{id}/activities/{activityId}", (string activityId) => Results.Json(new { id = activityId }));
        app.MapGet("/v3/conversations/{id}/pagedmembers", () => Results.Json(new
        {
            members = Enumerable.Range(0, Activities.Members).Select(i => new { id = Activities.UserId(i), name = Activities.UserName(i), aadObjectId = Activities.AadObjectId(i) }),
        }));
    }

    private sealed class EchoCommand : ICommandHandler
    {
        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
            => Task.FromResult(CommandReply.Text(context.Arguments));
    }
}

/// <summary>Teams-shaped activities with deliveryMode expectReplies: replies come back in the response.</summary>
internal sealed class Activities(int port)
{
    public const string ModeratorAadId = "00000000-0000-0000-0000-0000000000aa";
    public const string TenantId = "tenant-1";
    public const string ChannelConversationId = "19:bench@thread.tacv2";

    /// <summary>The team's roster, as the connector answers it: every benchmark user is a member.</summary>
    public const int Members = 200;

    private readonly string _serviceUrl = $"http://127.0.0.1:{port}/";

    public static string AadObjectId(int user) => $"00000000-0000-4000-8000-{user:D12}";

    public static string UserId(int user) => $"29:{AadObjectId(user)}";

    public static string UserName(int user) => $"Bench Member {user}";

    /// <summary>A message from <paramref name="user"/> in their own 1:1 chat with the bot.</summary>
    public JsonObject Message(string text, int user) => Personal("message", user, text);

    public JsonObject Execute(string verb, JsonObject data, int user) => Invoke(Personal("invoke", user, null), verb, data);

    /// <summary>A member's vote on the benchmark poll's card in the team channel.</summary>
    public JsonObject Vote(int user, string choice)
    {
        var activity = Base("invoke", user, null, new JsonObject { ["id"] = ChannelConversationId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId });
        activity["channelData"]!["team"] = new JsonObject { ["id"] = "19:bench-team@thread.tacv2" };
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = ChannelConversationId };
        return Invoke(activity, PollCards.VoteVerb, new JsonObject { ["pollId"] = BenchmarkHost.PollId, ["choices"] = choice });
    }

    private static JsonObject Invoke(JsonObject activity, string verb, JsonObject data)
    {
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        return activity;
    }

    private JsonObject Personal(string type, int user, string? text)
        => Base(type, user, text, new JsonObject { ["id"] = $"a:bench-{user}", ["conversationType"] = "personal", ["tenantId"] = TenantId });

    private JsonObject Base(string type, int user, string? text, JsonObject conversation)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = _serviceUrl,
            ["deliveryMode"] = "expectReplies",
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = UserId(user), ["name"] = UserName(user), ["aadObjectId"] = AadObjectId(user) },
            ["recipient"] = new JsonObject { ["id"] = "28:bot-id", ["name"] = "Future of Customs" },
            ["conversation"] = conversation,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }
}
