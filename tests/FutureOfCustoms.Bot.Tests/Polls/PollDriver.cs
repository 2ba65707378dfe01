using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>A TestBot with a fake messenger, and the moderator's steps to a launched poll.</summary>
internal sealed class PollDriver : IAsyncDisposable
{
    public PollDriver(string? dataDirectory = null, Action<IServiceCollection>? configure = null)
    {
        Messenger.Members.AddRange([FakeMessenger.Member(TestBot.ModeratorAadId), FakeMessenger.Member(TestBot.MemberAadId), FakeMessenger.Member(TestBot.OtherMemberAadId)]);
        Bot = new TestBot(services =>
        {
            services.AddSingleton<IMessenger>(Messenger);
            configure?.Invoke(services);
        }, dataDirectory: dataDirectory);
    }

    public TestBot Bot { get; }

    public FakeMessenger Messenger { get; } = new();

    public static JsonObject Form(string question = "Which topic first?", string options = "Data analytics\nE-commerce\nGreen customs", int maxChoices = 1, bool anonymous = false, string visibility = "Live", string? closeDate = null, string? closeTime = null, string timeZone = "Europe/Brussels") => new()
    {
        ["question"] = question,
        ["options"] = options,
        ["maxChoices"] = maxChoices.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["anonymous"] = anonymous ? "true" : "false",
        ["visibility"] = visibility,
        ["closeDate"] = closeDate,
        ["closeTime"] = closeTime,
        ["timeZone"] = timeZone,
    };

    /// <summary>Previews and launches a poll in the channel as the moderator; returns the stored poll.</summary>
    public async Task<Poll> LaunchAsync(JsonObject? form = null)
    {
        var preview = await Bot.ExecuteAsync(PollCommands.Preview, form ?? Form(), TestBot.ModeratorAadId, ConversationKind.Channel);
        Assert.Contains("Launch", preview.InvokeCard().AllText(), StringComparison.Ordinal);
        var draft = (await Store.ListAsync(CancellationToken.None)).Single(p => p.Status == PollStatus.Draft);
        await Bot.ExecuteAsync(PollCommands.Launch, new JsonObject { ["pollId"] = draft.Id }, TestBot.ModeratorAadId, ConversationKind.Channel);
        return (await Store.GetAsync(draft.Id, CancellationToken.None))!;
    }

    public PollStore Store => Bot.Get<PollStore>();

    public Task<IReadOnlyList<Microsoft.Bot.Schema.Activity>> VoteAsync(Poll poll, string aadObjectId, params string[] optionIds)
        => Bot.ExecuteAsync(PollCards.VoteVerb, new JsonObject { ["pollId"] = poll.Id, ["choices"] = string.Join(",", optionIds) }, aadObjectId, ConversationKind.Channel);

    public async Task<IReadOnlyList<Ballot>> BallotsAsync(Poll poll) => [.. (await Store.BallotsAsync(poll.Id, CancellationToken.None)).Select(b => b.Value)];

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
