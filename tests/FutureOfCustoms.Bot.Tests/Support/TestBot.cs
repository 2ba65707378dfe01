using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Tests.Support;

/// <summary>
/// The bot as the host builds it (same registration methods, a temporary SQLite file), driven turn by
/// turn through the Bot Framework's TestAdapter with Teams-shaped activities.
/// </summary>
public sealed class TestBot : IAsyncDisposable
{
    public const string ModeratorAadId = "00000000-0000-0000-0000-0000000000aa";
    public const string MemberAadId = "00000000-0000-0000-0000-0000000000bb";
    public const string OtherMemberAadId = "00000000-0000-0000-0000-0000000000cc";
    public const string BotId = "28:bot-id";
    public const string TenantId = "tenant-1";
    public const string ChannelConversationId = "19:general@thread.tacv2";
    public const string GroupChatConversationId = "19:groupchat@thread.v2";
    public const string TeamId = "19:team@thread.tacv2";

    private readonly ServiceProvider _services;
    private readonly TestAdapter _adapter;
    private int _nextId;

    public TestBot(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("foc-tests-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(DataDirectory, "bot.db"),
            ["Storage:Files:Path"] = Path.Combine(DataDirectory, "files"),
            ["Search:Embedded:IndexPath"] = Path.Combine(DataDirectory, "index"),
            ["Bot:Moderators:0"] = ModeratorAadId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(DataDirectory));
        services.AddFutureOfCustomsBot(configuration);
        services.AddSingleton<TimeProvider>(Time);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _adapter = new TestAdapter(Channels.Msteams);
        _adapter.Use(_services.GetRequiredService<TenantGuard>());
        _adapter.Use(_services.GetRequiredService<OutgoingSizeGuard>());
        _adapter.Use(_services.GetRequiredService<ConnectorRetryMiddleware>());
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The connector the activities point at, and so where proactive messages go (a test's own fake to script faults).</summary>
    public string ServiceUrl { get; set; } = LocalConnector.ServiceUrl;

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Sends text as the given member in a personal chat (default) or a channel, and returns the bot's replies.</summary>
    public Task<IReadOnlyList<Activity>> SendTextAsync(string text, string aadObjectId = MemberAadId, ConversationKind kind = ConversationKind.Personal, string? locale = null)
    {
        var activity = NewActivity(ActivityTypes.Message, aadObjectId, kind, locale);
        activity.Text = text;
        if (kind != ConversationKind.Personal)
        {
            // Group chats and channels deliver the bot's mention inside the text.
            activity.Text = $"<at>Future of Customs</at> {text}";
            activity.Entities = [new Mention(new ChannelAccount(BotId, "Future of Customs"), "<at>Future of Customs</at>")];
        }

        return RunAsync(activity);
    }

    /// <summary>An Action.Submit: a message whose value is the card's data (verb inside).</summary>
    public Task<IReadOnlyList<Activity>> SubmitAsync(JsonObject data, string aadObjectId = MemberAadId, ConversationKind kind = ConversationKind.Personal, string? cardActivityId = null)
    {
        var activity = NewActivity(ActivityTypes.Message, aadObjectId, kind);
        activity.Value = JObject.Parse(data.ToJsonString());
        activity.ReplyToId = cardActivityId;
        return RunAsync(activity);
    }

    /// <summary>An Action.Execute (adaptiveCard/action invoke); the invoke response comes back as an "invokeResponse" activity.</summary>
    public Task<IReadOnlyList<Activity>> ExecuteAsync(string verb, JsonObject? data = null, string aadObjectId = MemberAadId, ConversationKind kind = ConversationKind.Personal, string? cardActivityId = null)
    {
        var activity = NewActivity(ActivityTypes.Invoke, aadObjectId, kind);
        activity.Name = "adaptiveCard/action";
        activity.ReplyToId = cardActivityId;
        activity.Value = JObject.FromObject(new
        {
            action = new { type = "Action.Execute", verb, data = JObject.Parse((data ?? []).ToJsonString()) },
            trigger = "manual",
        });
        return RunAsync(activity);
    }

    /// <summary>The bot being added to the team (conversationUpdate in the team's General channel).</summary>
    /// <summary>The bot added to a team whose General channel is <paramref name="channelId"/> (by default the test team).</summary>
    public Task<IReadOnlyList<Activity>> AddToTeamAsync(string teamId = TeamId, string channelId = ChannelConversationId)
    {
        var activity = NewActivity(ActivityTypes.ConversationUpdate, ModeratorAadId, ConversationKind.Channel);
        activity.Conversation.Id = activity.Conversation.Id.Replace(ChannelConversationId, channelId, StringComparison.Ordinal);
        activity.MembersAdded = [new ChannelAccount(BotId, "Future of Customs")];
        activity.ChannelData = JObject.FromObject(new TeamsChannelData
        {
            EventType = "teamMemberAdded",
            Team = new TeamInfo(teamId, "Future of Customs VWG"),
            Channel = new ChannelInfo(channelId, "General"),
            Tenant = new TenantInfo(TenantId),
        });
        return RunAsync(activity);
    }

    public Task<IReadOnlyList<Activity>> InstallPersonalAsync(string aadObjectId = MemberAadId)
    {
        var activity = NewActivity(ActivityTypes.InstallationUpdate, aadObjectId, ConversationKind.Personal);
        activity.Action = "add";
        return RunAsync(activity);
    }

    public Activity NewActivity(string type, string aadObjectId, ConversationKind kind, string? locale = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var conversation = kind switch
        {
            ConversationKind.Channel => new ConversationAccount(isGroup: true, conversationType: "channel", id: $"{ChannelConversationId};messageid={id}", tenantId: TenantId),
            ConversationKind.GroupChat => new ConversationAccount(isGroup: true, conversationType: "groupChat", id: GroupChatConversationId, tenantId: TenantId),
            _ => new ConversationAccount(conversationType: "personal", id: $"a:personal-{aadObjectId}", tenantId: TenantId),
        };
        var activity = new Activity(type)
        {
            Id = $"activity-{id}",
            ChannelId = Channels.Msteams,
            ServiceUrl = ServiceUrl,
            From = new ChannelAccount($"29:{aadObjectId}", NameOf(aadObjectId), aadObjectId: aadObjectId),
            Recipient = new ChannelAccount(BotId, "Future of Customs"),
            Conversation = conversation,
            Locale = locale ?? "en-US",
            Timestamp = Time.GetUtcNow(),
        };
        if (kind == ConversationKind.Channel)
        {
            activity.ChannelData = JObject.FromObject(new TeamsChannelData
            {
                Team = new TeamInfo(TeamId, "Future of Customs VWG"),
                Channel = new ChannelInfo(ChannelConversationId, "General"),
                Tenant = new TenantInfo(TenantId),
            });
        }
        else
        {
            activity.ChannelData = JObject.FromObject(new TeamsChannelData { Tenant = new TenantInfo(TenantId) });
        }

        return activity;
    }

    public async Task<IReadOnlyList<Activity>> RunAsync(Activity activity)
    {
        var bot = _services.GetRequiredService<IBot>();

        // TestAdapter stamps its own conversation, bot and channel on every activity; make them this activity's.
        _adapter.Conversation = activity.GetConversationReference();
        await _adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<Activity>();
        while (_adapter.ActiveQueue.Count > 0)
        {
            replies.Add(_adapter.ActiveQueue.Dequeue());
        }

        return replies;
    }

    public static string NameOf(string aadObjectId) => aadObjectId switch
    {
        ModeratorAadId => "Matome Moderator",
        MemberAadId => "Mia Member",
        OtherMemberAadId => "Olu Other",
        _ => "Someone",
    };

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class TestHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "FutureOfCustoms.Bot";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
