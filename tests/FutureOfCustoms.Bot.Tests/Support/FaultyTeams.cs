using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FutureOfCustoms.Bot.Tests.Support;

/// <summary>
/// The bot with its real Teams messenger, whose proactive calls go to a fake connector the test scripts
/// faults on. Retry waits run on the test's fake clock, which <see cref="RunAsync{T}"/> moves on while the
/// work is under way, so a Retry-After of a second costs a few milliseconds.
/// </summary>
internal sealed class FaultyTeams : IAsyncDisposable
{
    public const int MaxAttempts = 3;

    /// <summary>The moderator and the two members: a team's roster for reminders.</summary>
    public static readonly IReadOnlyList<string> Everyone = [TestBot.ModeratorAadId, TestBot.MemberAadId, TestBot.OtherMemberAadId];

    /// <summary>A short HTTP timeout for tests that make the connector stall; the others keep the default.</summary>
    public static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private FaultyTeams(FakeBotConnector connector, TestBot bot, LogRecorder logs)
    {
        Connector = connector;
        Bot = bot;
        Logs = logs;
    }

    public FakeBotConnector Connector { get; }

    public TestBot Bot { get; }

    public LogRecorder Logs { get; }

    public FakeTimeProvider Time => Bot.Time;

    public IMessenger Messenger => Bot.Get<IMessenger>();

    public static async Task<FaultyTeams> StartAsync(TimeSpan? timeout = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var connector = await FakeBotConnector.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Connector:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
            ["Connector:BaseDelay"] = "00:00:00.010",
            ["Connector:MaxDelay"] = "00:00:00.050",
            ["Connector:Timeout"] = (timeout ?? TimeSpan.FromSeconds(30)).ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new LogRecorder();
        var bot = new TestBot(
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                configure?.Invoke(services);
            },
            values)
        {
            ServiceUrl = connector.Url.ToString(),
        };
        connector.Clock = bot.Time;
        return new FaultyTeams(connector, bot, logs);
    }

    /// <summary>
    /// Started with the bot already in the team (its General channel is where proactive posts go) and the
    /// given members installed for themselves, in the roster the connector serves.
    /// </summary>
    public static async Task<FaultyTeams> StartInTeamAsync(TimeSpan? timeout = null, IDictionary<string, string?>? settings = null, IReadOnlyList<string>? members = null, Action<IServiceCollection>? configure = null)
    {
        var teams = await StartAsync(timeout, settings, configure);
        await teams.Bot.AddToTeamAsync();
        await teams.AddMembersAsync([.. members ?? []]);
        return teams;
    }

    /// <summary>Runs the work to its end, moving the fake clock on in small steps meanwhile.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var task = Task.Run(work);
        for (var step = 0; !task.IsCompleted; step++)
        {
            Assert.True(step < 2000, "The work did not end within 500 s of fake time.");
            Time.Advance(Step);
            await Task.WhenAny(task, Task.Delay(1));
        }

        return await task;
    }

    public Task RunAsync(Func<Task> work) => RunAsync(async () =>
    {
        await work();
        return true;
    });

    /// <summary>Moves the fake clock on until the condition holds: for work running in the background.</summary>
    public Task UntilAsync(Func<bool> condition) => RunAsync(async () =>
    {
        while (!condition())
        {
            await Task.Delay(2);
        }
    });

    /// <summary>Every post and edit the connector received for the conversation, in order.</summary>
    public IReadOnlyList<ConnectorPost> CallsTo(string conversationId) => [.. Connector.Posts.Where(p => p.ConversationId == conversationId && !IsRosterRead(p))];

    public IReadOnlyList<ConnectorPost> RosterReadsOf(string conversationId) => [.. Connector.Posts.Where(p => p.ConversationId == conversationId && IsRosterRead(p))];

    public int DeliveredTo(string conversationId) => CallsTo(conversationId).Count(p => p.Delivered);

    /// <summary>
    /// One roster read of the channel, so the first call a test times out on is not also the first the process
    /// makes (a cold start can take longer than a short timeout).
    /// </summary>
    public Task WarmUpAsync() => RunAsync(() => Messenger.GetMembersAsync(TestBot.ChannelConversationId, CancellationToken.None));

    public static string PersonalChatOf(string aadObjectId) => $"a:personal-{aadObjectId}";

    /// <summary>Members who installed the bot for themselves (a 1:1 chat the bot knows), and are in the team's roster.</summary>
    public async Task AddMembersAsync(params string[] aadObjectIds)
    {
        foreach (var aadObjectId in aadObjectIds)
        {
            await Bot.InstallPersonalAsync(aadObjectId);
            Connector.Members.Enqueue(($"29:{aadObjectId}", TestBot.NameOf(aadObjectId), aadObjectId));
        }
    }

    private static bool IsRosterRead(ConnectorPost call) => call.Path.EndsWith("/pagedmembers", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
