using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Discussion;

/// <summary>A TestBot whose proactive messenger is a mock that remembers the posted discussion card and its updates.</summary>
internal sealed class DiscussionBot : IAsyncDisposable
{
    public const string PostedMessageId = "discussion-card-1";
    public const string ThirdMemberAadId = "00000000-0000-0000-0000-0000000000dd";

    public DiscussionBot(string? dataDirectory = null)
    {
        Messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Callback<string, OutgoingMessage, CancellationToken>((_, message, _) => Posted.Add(message.Card!))
            .ReturnsAsync(PostedMessageId);
        Messenger.Setup(m => m.UpdateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, OutgoingMessage, CancellationToken>((_, _, message, _) => Updates.Add(message.Card!))
            .Returns(Task.CompletedTask);
        Messenger.Setup(m => m.SendToUserAsync(It.IsAny<UserRef>(), It.IsAny<string?>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("nudge");
        Bot = new TestBot(services => services.Replace(ServiceDescriptor.Singleton(Messenger.Object)), dataDirectory: dataDirectory);
    }

    public TestBot Bot { get; }

    public Mock<IMessenger> Messenger { get; } = new();

    public List<JsonObject> Posted { get; } = [];

    public List<JsonObject> Updates { get; } = [];

    public DiscussionPaper Paper => Bot.Get<KnowledgeBase>().DiscussionPaper!;

    public Task<IReadOnlyList<Activity>> DiscussAsync(string arguments = "")
        => Bot.SendTextAsync(("discuss " + arguments).Trim(), TestBot.ModeratorAadId, ConversationKind.Channel);

    /// <summary>Saves an answer from the posted card, as Teams sends the answer form's Action.Execute.</summary>
    public Task<IReadOnlyList<Activity>> AnswerAsync(int question, string text, string aadObjectId = TestBot.MemberAadId, string? choice = null, string? administration = "China Customs", string discussion = "annex-iii", string? author = null)
    {
        var data = new JsonObject { ["discussion"] = discussion, ["question"] = question, ["text"] = text };
        if (choice is not null)
        {
            data["choice"] = choice;
        }

        if (administration is not null)
        {
            data["administration"] = administration;
        }

        if (author is not null)
        {
            data["author"] = author;
        }

        return Bot.ExecuteAsync("discussion.save", data, aadObjectId, ConversationKind.Channel, PostedMessageId);
    }

    public Task<IReadOnlyList<Activity>> ExecuteAsync(string verb, JsonObject data, string aadObjectId = TestBot.MemberAadId)
        => Bot.ExecuteAsync(verb, data, aadObjectId, ConversationKind.Channel, PostedMessageId);

    public async Task<JsonObject> ResponsesAsync(string discussion = "")
        => (await Bot.SendTextAsync(("responses " + discussion).Trim(), TestBot.ModeratorAadId)).Card();

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
