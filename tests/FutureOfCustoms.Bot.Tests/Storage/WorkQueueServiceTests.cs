using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>The background processing of the durable queue: done, retried, released on shutdown, dead letters for moderators.</summary>
public sealed class WorkQueueServiceTests
{
    [Fact]
    public async Task Work_is_run_once_and_leaves_the_queue()
    {
        var handler = new ScriptedHandler();
        await using var bot = Bot(handler);
        await Queue(bot).EnqueueAsync(ScriptedHandler.WorkKind, "a", new { n = 1 });

        var ran = await QueuedWork.DrainAsync(bot.Services);

        Assert.Equal(1, ran);
        Assert.Equal(["a"], handler.Handled);
        Assert.Equal(0, (await Queue(bot).StatsAsync()).Waiting);
    }

    [Fact]
    public async Task Work_that_throws_is_retried_after_its_backoff_and_done_then()
    {
        var handler = new ScriptedHandler { Failures = 1 };
        await using var bot = Bot(handler);
        await Queue(bot).EnqueueAsync(ScriptedHandler.WorkKind, "flaky", new { n = 1 });

        await QueuedWork.DrainAsync(bot.Services);
        var beforeBackoff = await QueuedWork.DrainAsync(bot.Services);
        bot.Time.Advance(TimeSpan.FromMinutes(1));
        var afterBackoff = await QueuedWork.DrainAsync(bot.Services);

        Assert.Equal(0, beforeBackoff);
        Assert.Equal(1, afterBackoff);
        Assert.Equal(["flaky", "flaky"], handler.Handled);
        Assert.Empty(await Queue(bot).DeadLettersAsync());
    }

    [Fact]
    public async Task Work_in_hand_at_shutdown_is_released_at_once_for_the_next_instance()
    {
        var handler = new ScriptedHandler { HoldUntilCancelled = true };
        await using var bot = Bot(handler);
        await Queue(bot).EnqueueAsync(ScriptedHandler.WorkKind, "long", new { n = 1 });
        using var stopping = new CancellationTokenSource();

        var running = QueuedWork.Service(bot.Services).RunOnceAsync(stopping.Token);
        await handler.Started.Task;
        await stopping.CancelAsync();
        await running;

        var next = await Queue(bot).TryClaimAsync("next-instance");
        Assert.Equal("long", next!.Item.Key);
        Assert.Equal(1, next.Item.Attempts);
    }

    [Fact]
    public async Task A_send_Teams_never_answered_is_not_retried_and_the_moderator_sees_it_in_failed_work()
    {
        var handler = new ScriptedHandler { Unknown = true };
        await using var bot = Bot(handler);
        await Queue(bot).EnqueueAsync(ScriptedHandler.WorkKind, "reminder-7", new { n = 1 });

        await QueuedWork.DrainAsync(bot.Services);
        bot.Time.Advance(TimeSpan.FromHours(1));
        await QueuedWork.DrainAsync(bot.Services);
        var seen = await bot.SendTextAsync("failed work", TestBot.ModeratorAadId);
        var member = await bot.SendTextAsync("failed work", TestBot.MemberAadId);

        Assert.Equal(["reminder-7"], handler.Handled);
        Assert.Contains("reminder-7", seen.Texts(), StringComparison.Ordinal);
        Assert.Contains("may have been posted", seen.Texts(), StringComparison.Ordinal);
        Assert.DoesNotContain("reminder-7", member.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_that_keeps_failing_becomes_a_dead_letter_after_its_attempts()
    {
        var handler = new ScriptedHandler { Failures = int.MaxValue };
        await using var bot = Bot(handler, new Dictionary<string, string?> { ["WorkQueue:MaxAttempts"] = "2" });
        await Queue(bot).EnqueueAsync(ScriptedHandler.WorkKind, "broken", new { n = 1 });

        await QueuedWork.DrainAsync(bot.Services);
        bot.Time.Advance(TimeSpan.FromHours(1));
        await QueuedWork.DrainAsync(bot.Services);
        bot.Time.Advance(TimeSpan.FromHours(1));
        await QueuedWork.DrainAsync(bot.Services);

        Assert.Equal(2, handler.Handled.Count);
        var dead = Assert.Single(await Queue(bot).DeadLettersAsync());
        Assert.Equal("broken", dead.Key);
    }

    private static TestBot Bot(ScriptedHandler handler, IDictionary<string, string?>? settings = null)
        => new(services => services.AddSingleton<IWorkHandler>(handler), settings);

    private static IDurableWork Queue(TestBot bot) => bot.Get<IDurableWork>();

    private sealed class ScriptedHandler : IWorkHandler
    {
        public const string WorkKind = "test.scripted";

        public string Kind => WorkKind;

        public int Failures { get; set; }

        public bool Unknown { get; init; }

        public bool HoldUntilCancelled { get; init; }

        public List<string> Handled { get; } = [];

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
        {
            Handled.Add(item.Key);
            Started.TrySetResult();
            if (HoldUntilCancelled)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (Unknown)
            {
                throw new DeliveryUnknownException("Teams did not answer a new message (TaskCanceledException); it may have been posted, so it is not sent again.");
            }

            if (Failures-- > 0)
            {
                throw new InvalidOperationException("HTTP 500 from a fake");
            }
        }
    }
}
