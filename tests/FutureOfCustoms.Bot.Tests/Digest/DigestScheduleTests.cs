using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Digest;

public sealed class DigestScheduleTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) => new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public async Task Monday_nine_in_Brussels_stays_nine_local_across_both_daylight_saving_changes()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Utc(2027, 3, 17, 12));

        // Winter time (UTC+1) until Sunday 28 March 2027: 09:00 is 08:00 UTC.
        await digest.CheckAtAsync(Utc(2027, 3, 22, 7, 59, 59));
        Assert.Empty(digest.Sent);
        await digest.CheckAtAsync(Utc(2027, 3, 22, 8));
        Assert.Single(digest.Sent);

        // Summer time (UTC+2) from then on: 09:00 is 07:00 UTC.
        await digest.CheckAtAsync(Utc(2027, 3, 29, 6, 59, 59));
        Assert.Single(digest.Sent);
        await digest.CheckAtAsync(Utc(2027, 3, 29, 7));
        Assert.Equal(2, digest.Sent.Count);
        Assert.Equal(Utc(2027, 3, 29, 7), digest.Sources[0].Periods[^1].End);

        // Back to winter time on Sunday 31 October 2027.
        await digest.CheckAtAsync(Utc(2027, 10, 25, 7));
        Assert.Equal(3, digest.Sent.Count);
        await digest.CheckAtAsync(Utc(2027, 11, 1, 7, 59, 59));
        Assert.Equal(3, digest.Sent.Count);
        await digest.CheckAtAsync(Utc(2027, 11, 1, 8));
        Assert.Equal(4, digest.Sent.Count);
        Assert.Equal(Utc(2027, 11, 1, 8), digest.Sources[0].Periods[^1].End);
    }

    [Fact]
    public async Task After_downtime_the_missed_weeks_come_as_one_digest_covering_all_of_them()
    {
        await using var digest = new DigestHarness();
        var installed = Utc(2026, 11, 25, 10);
        await digest.AddToTeamAtAsync(installed);

        // Down over three Mondays (30 November, 7 and 14 December); back on Wednesday 16th.
        await digest.CheckAtAsync(Utc(2026, 12, 16, 14));
        await digest.CheckAtAsync(Utc(2026, 12, 16, 14, 1));

        var (conversation, message) = Assert.Single(digest.Sent);
        Assert.Equal(DigestHarness.ChannelId, conversation);
        Assert.Contains("25 November 2026 to 14 December 2026", message.Card!.AllText(), StringComparison.Ordinal);
        Assert.Equal(new DigestPeriod(installed, Utc(2026, 12, 14, 8)), digest.Sources[0].Periods[^1]);
    }

    [Fact]
    public async Task The_background_service_wakes_at_the_scheduled_moment_on_the_injected_clock()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));
        var posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        digest.Messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Callback(() => posted.TrySetResult())
            .ReturnsAsync("message-1");
        var service = digest.Bot.Services.GetServices<IHostedService>().OfType<DigestBackgroundService>().Single();

        await service.StartAsync(CancellationToken.None);
        try
        {
            // Nothing is due before 09:00 Brussels (Monday_nine_in_Brussels_... checks that on the same clock); here the
            // service, asleep on the injected clock's timer, must wake when the clock reaches it: no real waiting.
            digest.Bot.Time.SetUtcNow(Utc(2026, 11, 30, 7, 59));
            digest.Bot.Time.Advance(TimeSpan.FromMinutes(1));
            await posted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        digest.Messenger.Verify(m => m.SendAsync(DigestHarness.ChannelId, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Two_instances_sharing_one_store_post_each_period_exactly_once()
    {
        var sends = 0;
        var messenger = new Mock<IMessenger>();
        messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                Interlocked.Increment(ref sends);
                await Task.Delay(20);
                return "message";
            });
        await using var first = new DigestHarness(messenger: messenger);
        await using var second = new DigestHarness(dataDirectory: first.Bot.DataDirectory, messenger: messenger);
        await first.AddToTeamAtAsync(Utc(2026, 11, 25, 10));

        foreach (var monday in new[] { Utc(2026, 11, 30, 8), Utc(2026, 12, 7, 8), Utc(2026, 12, 14, 8) })
        {
            first.Bot.Time.SetUtcNow(monday);
            second.Bot.Time.SetUtcNow(monday);
            await Task.WhenAll(
                Task.Run(() => first.Digests.RunDueAsync(CancellationToken.None)),
                Task.Run(() => second.Digests.RunDueAsync(CancellationToken.None)));
        }

        Assert.Equal(3, sends);
    }

    [Fact]
    public async Task A_quiet_week_gets_one_short_line()
    {
        await using var digest = new DigestHarness();
        digest.Sources[0].Section = null;
        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));

        await digest.CheckAtAsync(Utc(2026, 11, 30, 8));

        var card = Assert.Single(digest.Sent).Message.Card!;
        Assert.Contains("A quiet week", card.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiet_week_set_to_nothing_posts_nothing_and_the_next_digest_starts_after_it()
    {
        await using var digest = new DigestHarness(new Dictionary<string, string?> { ["Digest:QuietWeek"] = "Nothing" });
        var source = digest.Sources[0];
        source.Section = null;
        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));

        await digest.CheckAtAsync(Utc(2026, 11, 30, 8));
        Assert.Empty(digest.Sent);

        source.Section = new DigestSection("Documents added", ["Smart borders study"]);
        await digest.CheckAtAsync(Utc(2026, 12, 7, 8));
        Assert.Single(digest.Sent);
        Assert.Equal(new DigestPeriod(Utc(2026, 11, 30, 8), Utc(2026, 12, 7, 8)), source.Periods[^1]);
    }

    [Fact]
    public async Task Long_lists_end_with_and_N_more_and_the_card_stays_under_28_KB()
    {
        await using var digest = new DigestHarness(sources: 12);
        foreach (var source in digest.Sources)
        {
            source.Section = new DigestSection($"Section {source.Order}", [.. Enumerable.Range(0, 5000).Select(i => $"Question {i}: " + new string('x', 600))], "Open", "help");
        }

        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));

        await digest.CheckAtAsync(Utc(2026, 11, 30, 8));

        var card = Assert.Single(digest.Sent).Message.Card!;
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) <= DigestComposer.MaxCardBytes);
        Assert.Contains("and 4", card.AllText(), StringComparison.Ordinal);
        Assert.Contains("more", card.AllText(), StringComparison.Ordinal);
        Assert.Contains("Section 11", card.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_section_shows_its_first_lines_then_and_N_more_with_its_button()
    {
        await using var digest = new DigestHarness();
        digest.Sources[0].Section = new DigestSection("Most asked", [.. Enumerable.Range(1, 11).Select(i => $"Question {i}")], "Ask a question", "help");
        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));

        await digest.CheckAtAsync(Utc(2026, 11, 30, 8));

        var card = Assert.Single(digest.Sent).Message.Card!;
        var text = card.AllText();
        Assert.Contains("Question 8", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Question 9", text, StringComparison.Ordinal);
        Assert.Contains("and 3 more", text, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"help\"", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removal_from_the_team_stops_the_schedule_until_a_moderator_turns_it_back_on()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));
        digest.Messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConversationUnavailableException("HTTP 403"));

        await digest.CheckAtAsync(Utc(2026, 11, 30, 8));
        await digest.CheckAtAsync(Utc(2026, 12, 7, 8));

        digest.Messenger.Verify(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        var team = await digest.Bot.Get<DigestStore>().GetTeamAsync(TestBot.TeamId, CancellationToken.None);
        Assert.Contains("403", team!.StoppedReason, StringComparison.Ordinal);

        digest.Messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync("message");
        await digest.Bot.SendTextAsync("digest on", TestBot.ModeratorAadId, ConversationKind.Channel);
        await digest.CheckAtAsync(Utc(2026, 12, 7, 8, 1));

        digest.Messenger.Verify(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        // The first period, which failed, began the week before its Monday (23 November), before the install.
        Assert.Equal(new DigestPeriod(Utc(2026, 11, 23, 8), Utc(2026, 12, 7, 8)), digest.Sources[0].Periods[^1]);
    }

    [Fact]
    public async Task A_digest_that_fails_is_retried_at_the_next_check_and_posted_once()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));
        digest.Messenger.SetupSequence(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503 after every retry"))
            .ReturnsAsync("message");

        await digest.CheckAtAsync(Utc(2026, 11, 30, 8));
        await digest.CheckAtAsync(Utc(2026, 11, 30, 8, 1));
        await digest.CheckAtAsync(Utc(2026, 11, 30, 8, 2));

        digest.Messenger.Verify(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        var latest = await digest.Bot.Get<DigestStore>().LatestPeriodAsync(TestBot.TeamId, CancellationToken.None);
        Assert.Equal(DigestPeriodState.Sent, latest!.Value.State);
        Assert.Equal(2, latest.Value.Attempts);
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_instance_is_taken_over_once_it_is_stale()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Utc(2026, 11, 25, 10));
        var store = digest.Bot.Get<IDocumentStore>();
        await store.InsertAsync("digest-periods", TestBot.TeamId, "20261130080000", new DigestPeriodRecord
        {
            Start = Utc(2026, 11, 25, 10),
            End = Utc(2026, 11, 30, 8),
            State = DigestPeriodState.Claimed,
            ClaimedAt = Utc(2026, 11, 30, 8),
            ClaimedBy = "crashed",
        });

        await digest.CheckAtAsync(Utc(2026, 11, 30, 8, 5));
        Assert.Empty(digest.Sent);
        await digest.CheckAtAsync(Utc(2026, 11, 30, 8, 11));

        Assert.Single(digest.Sent);
    }
}
