using System.Diagnostics;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="IExclusiveWork"/> promises. Each instance stands for one bot instance; a
/// "crashed" one runs on a clock that never moves, so it never renews and never releases.
/// </summary>
public abstract class WorkLeaseContract
{
    protected static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    protected string Name { get; } = "digest-" + Guid.NewGuid().ToString("N")[..8];

    protected abstract IExclusiveWork CreateInstance(TimeProvider time);

    [ContractFact]
    public async Task While_one_instance_holds_the_lease_another_gets_none()
    {
        var first = CreateInstance(TimeProvider.System);
        var second = CreateInstance(TimeProvider.System);

        await using var held = await first.TryAcquireAsync(Name, Duration);
        var refused = await second.TryAcquireAsync(Name, Duration);
        var sameInstanceAgain = await first.TryAcquireAsync(Name, Duration);

        Assert.NotNull(held);
        Assert.Null(refused);
        Assert.Null(sameInstanceAgain);
    }

    [ContractFact]
    public async Task Releasing_frees_the_lease_for_the_next_instance()
    {
        var first = CreateInstance(TimeProvider.System);
        var second = CreateInstance(TimeProvider.System);

        var held = await first.TryAcquireAsync(Name, Duration);
        await held!.DisposeAsync();
        await using var next = await second.TryAcquireAsync(Name, Duration);

        Assert.NotNull(next);
    }

    [ContractFact]
    public async Task Different_work_names_do_not_block_each_other()
    {
        var instance = CreateInstance(TimeProvider.System);

        await using var digest = await instance.TryAcquireAsync(Name, Duration);
        await using var poll = await instance.TryAcquireAsync(Name + "-poll", Duration);

        Assert.NotNull(digest);
        Assert.NotNull(poll);
    }

    [ContractFact]
    public async Task A_held_lease_is_renewed_past_its_duration()
    {
        var holder = CreateInstance(TimeProvider.System);
        var other = CreateInstance(TimeProvider.System);
        await using var held = await holder.TryAcquireAsync(Name, Duration);

        await Task.Delay(Duration * 1.5);

        Assert.Null(await other.TryAcquireAsync(Name, Duration));
        Assert.False(held!.Lost.IsCancellationRequested);
    }

    [ContractFact]
    public async Task A_crashed_holders_lease_expires_and_another_instance_takes_it()
    {
        var crashed = CreateInstance(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var survivor = CreateInstance(TimeProvider.System);
        Assert.NotNull(await crashed.TryAcquireAsync(Name, Duration));
        var clock = Stopwatch.StartNew();

        IWorkLease? taken = null;
        while (taken is null && clock.Elapsed < Duration * 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            taken = await survivor.TryAcquireAsync(Name, Duration);
        }

        Assert.NotNull(taken);
        Assert.InRange(clock.Elapsed, Duration * 0.8, Duration * 2);
        await taken.DisposeAsync();
    }

    [ContractFact]
    public async Task Durations_outside_what_blob_leases_allow_are_refused()
    {
        var instance = CreateInstance(TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => instance.TryAcquireAsync(Name, TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => instance.TryAcquireAsync(Name, TimeSpan.FromMinutes(2)));
    }
}
