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

    /// <summary>Opens the creation dialog, previews and launches a poll in the channel as the moderator; returns the stored poll.</summary>
    public async Task<Poll> LaunchAsync(JsonObject? form = null)
    {
        var key = DialogKey((await DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Dialog })).Card!);
        var preview = await PreviewAsync(form ?? Form(), key);
        Assert.Contains("Launch", preview.Card!.AllText(), StringComparison.Ordinal);
        var draft = (await Store.ListAsync(CancellationToken.None)).Single(p => p.DialogKey == key);
        await DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Launch, ["pollId"] = draft.Id });
        return (await Store.GetAsync(draft.Id, CancellationToken.None))!;
    }

    /// <summary>Close, then Close now in the confirmation dialog.</summary>
    public async Task<DialogStep> CloseAsync(Poll poll, string aadObjectId = TestBot.ModeratorAadId)
    {
        var confirmation = await DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Close, ["pollId"] = poll.Id }, aadObjectId);
        if (confirmation.Card is null)
        {
            return confirmation;
        }

        return await DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Close, ["pollId"] = poll.Id, ["confirm"] = "true" }, aadObjectId);
    }

    /// <summary>The dialog's Preview button: the form's inputs and the dialog's own data.</summary>
    public Task<DialogStep> PreviewAsync(JsonObject form, string dialogKey, string aadObjectId = TestBot.ModeratorAadId, ConversationKind kind = ConversationKind.Channel)
        => PreviewAsync(Bot, form, dialogKey, aadObjectId, kind);

    public static Task<DialogStep> PreviewAsync(TestBot bot, JsonObject form, string dialogKey, string aadObjectId = TestBot.ModeratorAadId, ConversationKind kind = ConversationKind.Channel)
    {
        var data = form.DeepClone().AsObject();
        data["verb"] = PollCommands.Preview;
        data["dialogKey"] = dialogKey;
        data["launcherId"] = string.Empty;
        return DialogAsync(bot, "task/submit", data, aadObjectId, kind);
    }

    /// <summary>The dialog key the creation card carries in its Preview button.</summary>
    public static string DialogKey(JsonObject card) => (string)card["actions"]!.AsArray().Single()!["data"]!["dialogKey"]!;

    /// <summary>A dialog invoke (task/fetch opens one, task/submit is a button in it, or a message extension's); returns the dialog's next step.</summary>
    public Task<DialogStep> DialogAsync(string name, JsonObject data, string aadObjectId = TestBot.ModeratorAadId, ConversationKind kind = ConversationKind.Channel, string? cardActivityId = null)
        => DialogAsync(Bot, name, data, aadObjectId, kind, cardActivityId);

    public static async Task<DialogStep> DialogAsync(TestBot bot, string name, JsonObject data, string aadObjectId = TestBot.ModeratorAadId, ConversationKind kind = ConversationKind.Channel, string? cardActivityId = null)
    {
        var activity = bot.NewActivity(Microsoft.Bot.Schema.ActivityTypes.Invoke, aadObjectId, kind);
        activity.Name = name;
        activity.ReplyToId = cardActivityId;
        activity.Value = name.StartsWith("composeExtension/", StringComparison.Ordinal)
            ? Newtonsoft.Json.Linq.JObject.FromObject(new { commandId = (string?)data["commandId"], commandContext = "compose", data = Newtonsoft.Json.Linq.JObject.Parse(data.ToJsonString()) })
            : Newtonsoft.Json.Linq.JObject.FromObject(new { data = Newtonsoft.Json.Linq.JObject.Parse(data.ToJsonString()), context = new { theme = "default" } });
        return DialogStep.Of(await bot.RunAsync(activity));
    }

    public PollStore Store => Bot.Get<PollStore>();

    public Task<IReadOnlyList<Microsoft.Bot.Schema.Activity>> VoteAsync(Poll poll, string aadObjectId, params string[] optionIds)
        => Bot.ExecuteAsync(PollCards.VoteVerb, new JsonObject { ["pollId"] = poll.Id, ["choices"] = string.Join(",", optionIds) }, aadObjectId, ConversationKind.Channel);

    public async Task<IReadOnlyList<Ballot>> BallotsAsync(Poll poll) => [.. (await Store.BallotsAsync(poll.Id, CancellationToken.None)).Select(b => b.Value)];

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}

/// <summary>What a dialog shows next: a card (with its title), a message, or nothing (it closes); and what the bot posted meanwhile.</summary>
internal sealed record DialogStep(JsonObject? Card, string? Title, string? Message, IReadOnlyList<Microsoft.Bot.Schema.Activity> Posted)
{
    public static DialogStep Of(IReadOnlyList<Microsoft.Bot.Schema.Activity> replies)
    {
        var invoke = replies.Single(a => a.Type == Microsoft.Bot.Schema.ActivityTypesEx.InvokeResponse);
        var response = (Microsoft.Bot.Builder.InvokeResponse)invoke.Value;
        Assert.Equal(200, response.Status);
        var body = response.Body is null ? null : JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(response.Body))!.AsObject();
        var task = body?["task"] as JsonObject;
        var posted = replies.Where(a => a.Type == Microsoft.Bot.Schema.ActivityTypes.Message).ToList();
        return (string?)task?["type"] switch
        {
            "continue" => new DialogStep(task!["value"]!["card"]!["content"]!.AsObject(), (string?)task["value"]!["title"], null, posted),
            "message" => new DialogStep(null, null, (string?)task!["value"], posted),
            _ => new DialogStep(null, null, null, posted),
        };
    }
}
