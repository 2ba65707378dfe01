using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Digest;

/// <summary>A section source whose content the test sets, remembering the periods it was asked about.</summary>
internal sealed class FakeDigestSource(int order = 10) : IDigestSource
{
    public int Order => order;

    public DigestSection? Section { get; set; }

    public List<DigestPeriod> Periods { get; } = [];

    public Task<DigestSection?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        Periods.Add(period);
        return Task.FromResult(Section);
    }
}

/// <summary>A TestBot with a recording messenger and fake digest sources; the scheduler is driven by hand.</summary>
internal sealed class DigestHarness : IAsyncDisposable
{
    public const string ChannelId = TestBot.ChannelConversationId;

    public DigestHarness(IDictionary<string, string?>? settings = null, string? dataDirectory = null, int sources = 1, Mock<IMessenger>? messenger = null)
    {
        Messenger = messenger ?? new Mock<IMessenger>();
        if (messenger is null)
        {
            Messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
                .Callback((string conversation, OutgoingMessage message, CancellationToken _) => Sent.Add((conversation, message)))
                .ReturnsAsync(() => $"message-{Sent.Count}");
        }

        Sources = [.. Enumerable.Range(0, sources).Select(i => new FakeDigestSource(i))];
        Sources[0].Section = new DigestSection("Polls", ["Launched: Which building block comes first"], "Open the polls", "polls");
        Bot = new TestBot(
            services =>
            {
                services.AddSingleton(Messenger.Object);
                foreach (var source in Sources)
                {
                    services.AddSingleton<IDigestSource>(source);
                }
            },
            settings,
            dataDirectory);
    }

    public TestBot Bot { get; }

    public Mock<IMessenger> Messenger { get; }

    public List<(string Conversation, OutgoingMessage Message)> Sent { get; } = [];

    public List<FakeDigestSource> Sources { get; }

    public DigestService Digests => Bot.Get<DigestService>();

    public async Task AddToTeamAtAsync(DateTimeOffset at)
    {
        Bot.Time.SetUtcNow(at);
        await Bot.AddToTeamAsync();
    }

    /// <summary>Moves the clock and runs one scheduler check, as the background service does when it wakes.</summary>
    public async Task CheckAtAsync(DateTimeOffset at)
    {
        Bot.Time.SetUtcNow(at);
        await Digests.RunDueAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
