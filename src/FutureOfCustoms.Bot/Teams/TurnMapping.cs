using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutureOfCustoms.Bot.Commands;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>Translation between Bot Framework activities and the project's own turn and reply types.</summary>
internal static partial class TurnMapping
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    public const int MaxCitations = 10;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    public static TurnInfo ToTurnInfo(IActivity activity, string? cardActivityId = null)
    {
        var from = activity.From;
        var user = new UserRef(from?.Id ?? string.Empty, from?.Name ?? string.Empty, from?.AadObjectId);
        return new TurnInfo(user, ToConversationRef(activity), CultureOf(activity), cardActivityId, TimeZoneOf(activity));
    }

    /// <summary>
    /// A dialog's next step: the card it shows, a message (a refusal or a confirmation), or nothing, which
    /// closes it. Bot Framework's types for a dialog opened by a card and by a message extension differ
    /// only in their wrapper.
    /// </summary>
    public static TaskModuleResponseBase? ToDialogStep(CommandReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.UpdatedCard is { } card)
        {
            return new TaskModuleContinueResponse { Value = new TaskModuleTaskInfo { Title = reply.DialogTitle, Card = ToAttachment(card) } };
        }

        return reply.Messages.FirstOrDefault(m => m.Text is not null)?.Text is { } text ? new TaskModuleMessageResponse(text) : null;
    }

    public static ConversationRef ToConversationRef(IActivity activity)
    {
        var conversation = activity.Conversation;
        var kind = conversation?.ConversationType switch
        {
            "channel" => ConversationKind.Channel,
            "groupChat" => ConversationKind.GroupChat,
            _ => conversation?.IsGroup == true ? ConversationKind.GroupChat : ConversationKind.Personal,
        };
        var channelData = TeamsChannelDataOf(activity);
        return new ConversationRef(
            conversation?.Id ?? string.Empty,
            kind,
            conversation?.TenantId ?? channelData?.Tenant?.Id,
            channelData?.Team?.Id,
            channelData?.Channel?.Id,
            channelData?.Team?.AadGroupId,
            channelData?.Meeting?.Id);
    }

    /// <summary>The Teams channel data, or null when a client sent it in another shape (it is not ours to trust).</summary>
    public static TeamsChannelData? TeamsChannelDataOf(IActivity activity)
        => activity.TryGetChannelData<TeamsChannelData>(out var channelData) ? channelData : null;

    /// <summary>
    /// A channel conversation id without its thread ("19:x@thread.tacv2;messageid=1" is a reply thread of
    /// "19:x@thread.tacv2"): references are kept per channel, and proactive posts start new threads.
    /// </summary>
    public static string WithoutThread(string conversationId)
    {
        var marker = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        return marker > 0 ? conversationId[..marker] : conversationId;
    }

    /// <summary>The WCO's two languages: French when the client is in French, English otherwise.</summary>
    /// <summary>The sender's IANA zone: the activity's localTimezone, else the clientInfo entity's timezone; null
    /// when neither names a zone this machine knows.</summary>
    public static TimeZoneInfo? TimeZoneOf(IActivity activity)
    {
        var message = activity as Activity;
        var name = message?.LocalTimezone;
        if (string.IsNullOrWhiteSpace(name))
        {
            name = message?.Entities?.FirstOrDefault(e => e.Type == "clientInfo")?.Properties?["timezone"]?.ToString();
        }

        return !string.IsNullOrWhiteSpace(name) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : null;
    }

    public static CultureInfo CultureOf(IActivity activity)
        => (activity as Activity)?.Locale is { } locale && locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;

    /// <summary>
    /// The text with the bot's @mention removed, null-safe: group chats and channels deliver
    /// "&lt;at&gt;Bot&lt;/at&gt; help", and a mention entity, recipient or text may each be missing.
    /// </summary>
    public static string TextWithoutBotMention(IMessageActivity activity)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        foreach (var mention in activity.GetMentions() ?? [])
        {
            if (mention?.Mentioned?.Id is { } id && id == botId && !string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        // Some clients send the <at> tag without a matching entity; a tag left at the start is never part of a command.
        return LeadingAtTag().Replace(text, string.Empty).Trim();
    }

    public static JsonNode? ToJsonNode(object? value) => value switch
    {
        null => null,
        JToken token => JsonNode.Parse(token.ToString(Newtonsoft.Json.Formatting.None)),
        string s => JsonValue.Create(s),
        _ => JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(value)),
    };

    public static IActivity ToActivity(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = ToMessageActivity(message);
        if (message.InMeeting is { } bubble)
        {
            // Teams' in-meeting notification: the content bubble shows the page over the meeting for everyone in it.
            activity.ChannelData = new { notification = new { alertInMeeting = true, externalResourceUrl = bubble.ToString() } };
        }

        return activity;
    }

    private static IMessageActivity ToMessageActivity(OutgoingMessage message)
    {
        if (message.Card is null)
        {
            return MessageFactory.Text(message.Text);
        }

        // With a card, the text is only the notification preview: as message text it would show twice.
        // Cited sources are the exception: Teams opens them from the "[1]" markers of the message text.
        var activity = MessageFactory.Attachment(ToAttachment(message.Card));
        activity.Summary = message.Text;
        if (message.Citations is { Count: > 0 } citations)
        {
            activity.Text = message.Text;
            activity.Entities = [ToCitationEntity(citations)];
        }

        return activity;
    }

    /// <summary>Teams' citation entity (schema.org Message with Claims); Teams shows at most 10 citations.</summary>
    public static Entity ToCitationEntity(IReadOnlyList<MessageCitation> citations)
    {
        var entity = new Entity("https://schema.org/Message");
        entity.Properties["@type"] = "Message";
        entity.Properties["@context"] = "https://schema.org";
        entity.Properties["@id"] = string.Empty;
        entity.Properties["citation"] = new JArray(citations.Take(MaxCitations).Select(c => new JObject
        {
            ["@type"] = "Claim",
            ["position"] = c.Position,
            ["appearance"] = new JObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = c.Name,
                ["abstract"] = c.Abstract,
            },
        }));
        return entity;
    }

    public static Attachment ToAttachment(JsonObject card) => new()
    {
        ContentType = AdaptiveCardContentType,
        Content = ToContent(card),
    };

    /// <summary>
    /// A card as Bot Framework's Newtonsoft serializer writes it: the JSON text itself, not a JObject tree built
    /// from it, which cost a vote more CPU than anything of the bot's own under load.
    /// </summary>
    public static JRaw ToContent(JsonObject card) => new(card.ToJsonString());

    [GeneratedRegex(@"^\s*(<at>[^<]*</at>\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex LeadingAtTag();
}
