using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Messaging;

public sealed class PacedSenderTests
{
    [Fact]
    public async Task Nudges_never_exceed_seven_a_second_nor_sixty_in_thirty_seconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var sentAt = new List<DateTimeOffset>();
        var messenger = new Mock<IMessenger>();
        messenger.Setup(m => m.SendToUserAsync(It.IsAny<UserRef>(), It.IsAny<string?>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Callback(() => sentAt.Add(time.GetUtcNow()))
            .ReturnsAsync("id");
        using var sender = new PacedSender(messenger.Object, time, NullLogger<PacedSender>.Instance);
        var users = Enumerable.Range(0, 130).Select(i => new UserRef($"29:{i}", $"Member {i}", null)).ToList();

        var sending = sender.SendAsync(users, "tenant", _ => OutgoingMessage.FromText("Please vote"), CancellationToken.None);
        for (var step = 0; step < 10_000 && !sending.IsCompleted; step++)
        {
            // The pacer's waits complete inside Advance, so each send happens at the fake time it was allowed.
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        var report = await sending;
        Assert.Equal(130, report.Sent.Count);
        Assert.All(sentAt, t => Assert.True(sentAt.Count(s => s <= t && t - s < TimeSpan.FromSeconds(1)) <= 7));
        Assert.All(sentAt, t => Assert.True(sentAt.Count(s => s <= t && t - s < TimeSpan.FromSeconds(30)) <= 60));
        Assert.True(sentAt[^1] - sentAt[0] >= TimeSpan.FromSeconds(60), "130 messages at 60 per 30 s need at least a minute.");
    }

    [Fact]
    public async Task A_member_who_cannot_be_reached_is_reported_and_the_others_still_get_theirs()
    {
        var messenger = new Mock<IMessenger>();
        messenger.Setup(m => m.SendToUserAsync(It.Is<UserRef>(u => u.Id == "29:gone"), It.IsAny<string?>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConversationUnavailableException("removed"));
        messenger.Setup(m => m.SendToUserAsync(It.Is<UserRef>(u => u.Id != "29:gone"), It.IsAny<string?>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("id");
        using var sender = new PacedSender(messenger.Object, TimeProvider.System, NullLogger<PacedSender>.Instance);

        var report = await sender.SendAsync([new("29:a", "A", null), new("29:gone", "Gone", null), new("29:b", "B", null)], null, _ => OutgoingMessage.FromText("hi"), CancellationToken.None);

        Assert.Equal(["29:a", "29:b"], report.Sent.Select(u => u.Id));
        Assert.Equal("29:gone", Assert.Single(report.Unreachable).Id);
    }
}
