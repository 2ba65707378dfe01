using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace FutureOfCustoms.Bot.Tests.Polls;

public sealed class PollClosingTests
{
    /// <summary>
    /// Only a failing test waits this long: the closing service runs on the fake clock, and the tests await its
    /// results post, so a passing test takes as long as the close itself.
    /// </summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_closing_time_closes_the_poll_after_a_restart_and_posts_the_results()
    {
        string dataDirectory;
        string pollId;
        await using (var before = new PollDriver())
        {
            dataDirectory = before.Bot.DataDirectory;
            var poll = await before.LaunchAsync(PollDriver.Form(closeDate: "2026-11-23", closeTime: "10:00", timeZone: "Europe/Brussels"));
            await before.VoteAsync(poll, TestBot.MemberAadId, "1");
            pollId = poll.Id;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var after = new PollDriver(dataDirectory);
        var service = after.Bot.Get<IEnumerable<IHostedService>>().OfType<PollClosingService>().Single();
        var results = after.Messenger.PostedAsync(m => m.Text?.StartsWith("Poll results: ", StringComparison.Ordinal) == true);
        await service.StartAsync(CancellationToken.None);
        try
        {
            // 10:00 in Brussels is 09:00 UTC; the clock starts at 08:00 UTC.
            after.Bot.Time.Advance(TimeSpan.FromMinutes(59));
            Assert.Equal(0, await after.Bot.Get<PollService>().CloseDueAsync(CancellationToken.None));
            Assert.Equal(PollStatus.Open, (await after.Store.GetAsync(pollId, CancellationToken.None))!.Status);

            after.Bot.Time.Advance(TimeSpan.FromMinutes(2));
            var posted = await results.WaitAsync(SafetyNet);

            var closed = (await after.Store.GetAsync(pollId, CancellationToken.None))!;
            Assert.Equal(PollStatus.Closed, closed.Status);
            Assert.Equal(1, closed.Results!.Ballots);
            Assert.Contains("Winner: Data analytics", posted.Card!.AllText(), StringComparison.Ordinal);
            Assert.Single(after.Messenger.Sent);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_poll_whose_closing_time_passed_while_the_bot_was_down_closes_on_start()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(closeDate: "2026-11-23", closeTime: "10:00", timeZone: "Europe/Brussels"));
        driver.Bot.Time.Advance(TimeSpan.FromHours(3));
        var service = driver.Bot.Get<IEnumerable<IHostedService>>().OfType<PollClosingService>().Single();
        var results = driver.Messenger.PostedAsync(m => m.Text == $"Poll results: {poll.Question}");

        await service.StartAsync(CancellationToken.None);
        try
        {
            // No time passes after the start: only the pass the service makes as it starts can close the poll.
            await results.WaitAsync(SafetyNet);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Equal(PollStatus.Closed, (await driver.Store.GetAsync(poll.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Two_closers_racing_close_a_poll_once()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        var service = driver.Bot.Get<PollService>();

        var closed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => service.CloseAsync(poll.Id, CancellationToken.None))));

        Assert.Single(closed, c => c is not null);
        Assert.Equal(2, driver.Messenger.Sent.Count);
    }
}
