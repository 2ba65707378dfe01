using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="IDurableWork"/> promises. Each queue made by <see cref="CreateInstance"/> stands for one
/// bot instance on the shared store; all run on one fake clock, so leases and backoffs run out when the test says.
/// </summary>
public abstract class DurableWorkContract
{
    protected static readonly WorkQueueOptions Settings = new() { Lease = TimeSpan.FromMinutes(5), MaxAttempts = 3, RetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(10) };

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    protected string Kind { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    protected abstract IDurableWork CreateInstance();

    protected static IOptions<WorkQueueOptions> Options => Microsoft.Extensions.Options.Options.Create(Settings);

    [ContractFact]
    public async Task The_same_key_is_queued_once()
    {
        var queue = CreateInstance();

        var first = await queue.EnqueueAsync(Kind, "poll-7", new Payload("a"));
        var again = await queue.EnqueueAsync(Kind, "poll-7", new Payload("b"));
        var claimed = await queue.TryClaimAsync("one");

        Assert.True(first);
        Assert.False(again);
        Assert.Equal("a", claimed!.Item.Read<Payload>().Text);
        Assert.Null(await queue.TryClaimAsync("one"));
    }

    [ContractFact]
    public async Task Two_instances_never_hold_the_same_item()
    {
        var one = CreateInstance();
        var two = CreateInstance();
        await one.EnqueueAsync(Kind, "only", new Payload("x"));

        var claims = await Task.WhenAll(one.TryClaimAsync("one"), two.TryClaimAsync("two"));

        Assert.Single(claims, c => c is not null);
    }

    [ContractFact]
    public async Task Work_not_yet_due_waits_and_due_work_comes_first_come_first_served()
    {
        var queue = CreateInstance();
        await queue.EnqueueAsync(Kind, "later", new Payload("later"), Time.GetUtcNow().AddMinutes(10));
        await queue.EnqueueAsync(Kind, "now", new Payload("now"));

        var first = await queue.TryClaimAsync("one");
        await queue.CompleteAsync(first!);
        var none = await queue.TryClaimAsync("one");
        Time.Advance(TimeSpan.FromMinutes(10));
        var second = await queue.TryClaimAsync("one");

        Assert.Equal("now", first!.Item.Key);
        Assert.Null(none);
        Assert.Equal("later", second!.Item.Key);
    }

    [ContractFact]
    public async Task Work_whose_holder_died_is_claimed_again_once_its_lease_runs_out()
    {
        var crashed = CreateInstance();
        var survivor = CreateInstance();
        await crashed.EnqueueAsync(Kind, "reminder", new Payload("r"));
        await crashed.TryClaimAsync("crashed");

        var during = await survivor.TryClaimAsync("survivor");
        Time.Advance(Settings.Lease);
        var after = await survivor.TryClaimAsync("survivor");

        Assert.Null(during);
        Assert.Equal(2, after!.Item.Attempts);
    }

    [ContractFact]
    public async Task Work_released_on_shutdown_is_claimed_at_once_and_the_attempt_does_not_count()
    {
        var stopping = CreateInstance();
        var next = CreateInstance();
        await stopping.EnqueueAsync(Kind, "digest", new Payload("d"));
        var inHand = await stopping.TryClaimAsync("stopping");

        await stopping.ReleaseAsync(inHand!);
        var taken = await next.TryClaimAsync("next");

        Assert.Equal(1, taken!.Item.Attempts);
        Assert.Equal("next", taken.Item.Holder);
    }

    [ContractFact]
    public async Task Completed_work_is_gone()
    {
        var queue = CreateInstance();
        await queue.EnqueueAsync(Kind, "done", new Payload("d"));

        Assert.True(await queue.CompleteAsync((await queue.TryClaimAsync("one"))!));

        Time.Advance(Settings.Lease * 2);
        Assert.Null(await queue.TryClaimAsync("one"));
        Assert.Equal(0, (await queue.StatsAsync()).Waiting);
    }

    [ContractFact]
    public async Task Failed_work_comes_back_after_a_backoff_then_becomes_a_dead_letter_after_its_attempts()
    {
        var queue = CreateInstance();
        await queue.EnqueueAsync(Kind, "flaky", new Payload("f"));

        for (var attempt = 1; attempt <= Settings.MaxAttempts; attempt++)
        {
            var work = await queue.TryClaimAsync("one");
            Assert.Equal(attempt, work!.Item.Attempts);
            await queue.FailAsync(work, $"HTTP 500 on attempt {attempt}");
            Assert.Null(await queue.TryClaimAsync("one"));
            Time.Advance(Settings.MaxRetryDelay);
        }

        var dead = Assert.Single(await queue.DeadLettersAsync(), d => d.Kind == Kind);
        Assert.Null(await queue.TryClaimAsync("one"));
        Assert.Equal("HTTP 500 on attempt 3", dead.LastError);
        Assert.Equal(Settings.MaxAttempts, dead.Attempts);
    }

    [ContractFact]
    public async Task The_stats_count_waiting_and_in_hand_work_and_the_oldest_due()
    {
        var queue = CreateInstance();
        var enqueuedAt = Time.GetUtcNow();
        await queue.EnqueueAsync(Kind, "a", new Payload("a"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await queue.EnqueueAsync(Kind, "b", new Payload("b"));
        await queue.TryClaimAsync("one");

        var stats = await queue.StatsAsync();

        Assert.Equal(1, stats.Waiting);
        Assert.Equal(1, stats.InHand);
        Assert.Equal(enqueuedAt.AddSeconds(1), stats.OldestDueAt);
    }

    protected sealed record Payload(string Text);
}
