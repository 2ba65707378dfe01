using FutureOfCustoms.Bot.Board;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FutureOfCustoms.Bot.Tests.Board;

public sealed class LivePollsTests
{
    [Fact]
    public async Task One_reader_brings_every_viewer_the_new_counts_and_stops_when_the_last_viewer_leaves()
    {
        using var host = new BoardHost();
        var poll = await host.OpenPollAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var live = new LivePolls(host.Get<PollStore>(), clock, Options.Create(new BoardOptions()), NullLogger<LivePolls>.Instance);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);
        await using var first = live.FollowAsync(poll, leave.Token).GetAsyncEnumerator(leave.Token);
        await using var second = live.FollowAsync(poll, leave.Token).GetAsyncEnumerator(leave.Token);

        Assert.True(await first.MoveNextAsync());
        Assert.True(await second.MoveNextAsync());
        var watched = live.Load;
        await host.VoteAsync(poll, TestBot.MemberAadId, "2");
        var nextFirst = first.MoveNextAsync();
        var nextSecond = second.MoveNextAsync();
        clock.Advance(new BoardOptions().LiveInterval);
        Assert.True(await nextFirst);
        Assert.True(await nextSecond);
        var (firstSaw, secondSaw) = (first.Current, second.Current);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await first.MoveNextAsync());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await second.MoveNextAsync());

        Assert.Equal((1, 2), watched);
        Assert.Equal(1, firstSaw.Ballots);
        Assert.Equal(1, firstSaw.Counts["2"]);
        Assert.Same(firstSaw, secondSaw);
        Assert.Equal((0, 0), live.Load);
    }

    [Fact]
    public async Task A_closed_box_ends_the_stream_with_the_final_counts()
    {
        using var host = new BoardHost();
        var poll = await host.OpenPollAsync();
        await host.VoteAsync(poll, TestBot.MemberAadId, "3");
        await host.Get<PollStore>().CloseBoxAsync(poll.Id, CancellationToken.None);
        using var live = new LivePolls(host.Get<PollStore>(), new FakeTimeProvider(), Options.Create(new BoardOptions()), NullLogger<LivePolls>.Instance);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var seen = new List<LiveCounts>();
        await foreach (var counts in live.FollowAsync(poll, guard.Token))
        {
            seen.Add(counts);
        }

        var final = Assert.Single(seen);
        Assert.False(final.Open);
        Assert.Equal(1, final.Counts["3"]);
        Assert.Equal((0, 0), live.Load);
    }
}
