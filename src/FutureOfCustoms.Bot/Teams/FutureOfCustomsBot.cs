using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Answers;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// The thin Teams layer: turns activities into routed commands and replies back into activities.
/// Features never see Bot Framework types.
/// </summary>
internal sealed class FutureOfCustomsBot(CommandRouter router, ConversationReferenceStore conversations, WelcomeCard welcome, PassageSearch passages, IEnumerable<IMeetingEvents> meetings) : TeamsActivityHandler
{
    /// <summary>The one parameter of the manifest's "searchDocuments" command.</summary>
    public const string SearchParameter = "searchText";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var culture = TurnMapping.CultureOf(turnContext.Activity);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        if (turnContext.Activity.Conversation?.Id is { Length: > 0 })
        {
            await conversations.RememberAsync(turnContext.Activity, installed: false, cancellationToken);
        }

        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        CommandReply reply;
        if (activity.Value is not null)
        {
            // Action.Submit: the card's data arrives as the message value, its verb inside.
            var turn = TurnMapping.ToTurnInfo(activity, activity.ReplyToId);
            reply = await router.RouteActionAsync(turn, CommandSource.Submit, null, TurnMapping.ToJsonNode(activity.Value), cancellationToken);
        }
        else
        {
            reply = await router.RouteTextAsync(TurnMapping.ToTurnInfo(activity), TurnMapping.TextWithoutBotMention(activity), cancellationToken);
        }

        await SendAsync(turnContext, reply, activity.Value is not null ? activity.ReplyToId : null, cancellationToken);
    }

    /// <summary>Teams' meeting-end event (with the OnlineMeeting.ReadBasic.Chat permission): features close what waited for it.</summary>
    protected override async Task OnTeamsMeetingEndAsync(MeetingEndEventDetails meeting, ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversation = TurnMapping.ToConversationRef(turnContext.Activity);
        conversation = conversation with { Id = TurnMapping.WithoutThread(conversation.Id), MeetingId = conversation.MeetingId ?? meeting?.Id };
        foreach (var handler in meetings)
        {
            await handler.MeetingEndedAsync(conversation, cancellationToken);
        }
    }

    // Universal Actions and the search message extension are the invokes this bot offers. Any other name (task
    // modules, file consent...) would be parsed by the framework into types the bot never uses, and a mistyped
    // value would fail the turn: it is refused as a bad request instead.
    private static readonly HashSet<string> HandledInvokes = new(StringComparer.Ordinal)
    {
        "adaptiveCard/action",
        "composeExtension/query",
        "task/fetch",
        "task/submit",
        "composeExtension/fetchTask",
        "composeExtension/submitAction",
    };

    protected override Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var name = turnContext.Activity.Name ?? string.Empty;
        return HandledInvokes.Contains(name) && DialogValueParses(name, turnContext.Activity.Value)
            ? base.OnInvokeActivityAsync(turnContext, cancellationToken)
            : Task.FromResult(new InvokeResponse { Status = (int)System.Net.HttpStatusCode.BadRequest });
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var turn = TurnMapping.ToTurnInfo(turnContext.Activity, turnContext.Activity.ReplyToId);
        var reply = await router.RouteActionAsync(turn, CommandSource.Execute, invokeValue?.Action?.Verb, TurnMapping.ToJsonNode(invokeValue?.Action?.Data), cancellationToken);

        var messages = reply.Messages;
        AdaptiveCardInvokeResponse response;
        if (reply.UpdatedCard is not null)
        {
            response = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = TurnMapping.AdaptiveCardContentType, Value = TurnMapping.ToContent(reply.UpdatedCard) };
        }
        else if (messages.Count > 0 && messages[0].Card is null)
        {
            // A plain answer to a card action is shown to the one who acted, as Universal Actions intend.
            response = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = messages[0].Text };
            messages = [.. messages.Skip(1)];
        }
        else
        {
            response = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = string.Empty };
        }

        foreach (var message in messages)
        {
            await turnContext.SendActivityAsync(TurnMapping.ToActivity(message), cancellationToken);
        }

        return response;
    }

    /// <summary>
    /// Whether a dialog invoke's value has the shape the framework reads it into: it converts the value without
    /// catching, so a mistyped one (a forged "context": 5) would fail the turn instead of being refused.
    /// </summary>
    private static bool DialogValueParses(string name, object? value)
    {
        try
        {
            _ = name switch
            {
                "task/fetch" or "task/submit" => JObject.FromObject(value!).ToObject<TaskModuleRequest>(),
                "composeExtension/fetchTask" or "composeExtension/submitAction" => JObject.FromObject(value!).ToObject<MessagingExtensionAction>(),
                _ => null,
            };
            return true;
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or ArgumentException or InvalidCastException or FormatException)
        {
            return false;
        }
    }

    /// <summary>A card button opening a dialog (Action.Submit with msteams.type task/fetch): data.verb names the command.</summary>
    protected override async Task<TaskModuleResponse> OnTeamsTaskModuleFetchAsync(ITurnContext<IInvokeActivity> turnContext, TaskModuleRequest taskModuleRequest, CancellationToken cancellationToken)
        => new() { Task = TurnMapping.ToDialogStep(await RouteDialogAsync(turnContext, null, taskModuleRequest?.Data, cancellationToken)) };

    /// <summary>An Action.Submit inside a dialog: data.verb names the command; its reply is the dialog's next step.</summary>
    protected override async Task<TaskModuleResponse> OnTeamsTaskModuleSubmitAsync(ITurnContext<IInvokeActivity> turnContext, TaskModuleRequest taskModuleRequest, CancellationToken cancellationToken)
        => new() { Task = TurnMapping.ToDialogStep(await RouteDialogAsync(turnContext, null, taskModuleRequest?.Data, cancellationToken)) };

    /// <summary>A message extension action command (from the compose box): its command id is the verb of the command that opens the dialog.</summary>
    protected override async Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionFetchTaskAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
        => new() { Task = TurnMapping.ToDialogStep(await RouteDialogAsync(turnContext, action?.CommandId, action?.Data, cancellationToken)) };

    protected override async Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionSubmitActionAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
        => new() { Task = TurnMapping.ToDialogStep(await RouteDialogAsync(turnContext, null, action?.Data, cancellationToken)) };

    /// <summary>The search-based message extension: passages (or the building blocks, for an empty query) to insert as cards.</summary>
    protected override async Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken)
    {
        var text = query?.Parameters?.FirstOrDefault(p => p?.Name == SearchParameter)?.Value?.ToString();
        var results = await passages.QueryAsync(text, cancellationToken);
        return new MessagingExtensionResponse
        {
            ComposeExtension = new MessagingExtensionResult
            {
                Type = "result",
                AttachmentLayout = "list",
                Attachments = [.. results.Select(r => new MessagingExtensionAttachment
                {
                    ContentType = TurnMapping.AdaptiveCardContentType,
                    Content = TurnMapping.ToContent(r.Card),
                    Preview = new ThumbnailCard { Title = r.Title, Subtitle = r.Subtitle, Text = r.Preview }.ToAttachment(),
                })],
            },
        };
    }

    protected override async Task OnTeamsMembersAddedAsync(IList<TeamsChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (membersAdded?.Any(m => m?.Id is not null && m.Id == turnContext.Activity.Recipient?.Id) == true)
        {
            await WelcomeAsync(turnContext, cancellationToken);
        }
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
        => WelcomeAsync(turnContext, cancellationToken);

    protected override async Task OnTeamsMembersRemovedAsync(IList<TeamsChannelAccount> membersRemoved, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (membersRemoved?.Any(m => m?.Id is not null && m.Id == turnContext.Activity.Recipient?.Id) == true)
        {
            await conversations.ForgetAsync(turnContext.Activity, cancellationToken);
        }
    }

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
        => conversations.ForgetAsync(turnContext.Activity, cancellationToken);

    private Task<CommandReply> RouteDialogAsync(ITurnContext<IInvokeActivity> turnContext, string? verb, object? data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var turn = TurnMapping.ToTurnInfo(turnContext.Activity, turnContext.Activity.ReplyToId);
        return router.RouteActionAsync(turn, CommandSource.Dialog, verb, TurnMapping.ToJsonNode(data), cancellationToken);
    }

    private async Task WelcomeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await conversations.RememberAsync(turnContext.Activity, installed: true, cancellationToken);
        if (await conversations.TryMarkWelcomedAsync(turnContext.Activity, cancellationToken))
        {
            await turnContext.SendActivityAsync(TurnMapping.ToActivity(welcome.Render()), cancellationToken);
        }
    }

    private static async Task SendAsync(ITurnContext turnContext, CommandReply reply, string? cardActivityId, CancellationToken cancellationToken)
    {
        if (reply.UpdatedCard is not null)
        {
            var update = TurnMapping.ToActivity(OutgoingMessage.FromCard(reply.UpdatedCard));
            if (cardActivityId is not null)
            {
                update.Id = cardActivityId;
                await turnContext.UpdateActivityAsync(update, cancellationToken);
            }
            else
            {
                await turnContext.SendActivityAsync(update, cancellationToken);
            }
        }

        foreach (var message in reply.Messages)
        {
            await turnContext.SendActivityAsync(TurnMapping.ToActivity(message), cancellationToken);
        }
    }
}
