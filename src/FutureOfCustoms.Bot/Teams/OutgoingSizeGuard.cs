using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// Teams rejects a bot message over about 100 KB (card included) and does not render an Adaptive Card over
/// 28 KB; either would lose the whole reply, and the connector's 413 is not retryable. Every outgoing activity
/// (replies, updates, invoke responses, proactive sends) is measured as serialized before it leaves: an
/// oversized card becomes a short localized text, oversized text is cut with a localized note.
/// </summary>
internal sealed partial class OutgoingSizeGuard(ILogger<OutgoingSizeGuard> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>Teams' message limit is about 100 KB; the margin leaves room for what the connector adds.</summary>
    public const int MaxActivityBytes = 96 * 1024;

    /// <summary>Teams' Adaptive Card payload limit (28 KB), with a small margin.</summary>
    public const int MaxCardBytes = 27 * 1024;

    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore, ReferenceLoopHandling = ReferenceLoopHandling.Ignore };

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        turnContext.OnSendActivities((context, activities, send) =>
        {
            foreach (var activity in activities)
            {
                Enforce(context, activity);
            }

            return send();
        });
        turnContext.OnUpdateActivity((context, activity, update) =>
        {
            Enforce(context, activity);
            return update();
        });
        await next(cancellationToken);
    }

    public static int SizeOf(object? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(JsonConvert.SerializeObject(value, Settings));

    private void Enforce(ITurnContext context, Activity activity)
    {
        if (activity.Type == ActivityTypesEx.InvokeResponse)
        {
            EnforceInvokeResponse(context, activity);
            return;
        }

        // The cards are serialized inside the activity: within the card limit in all, none can exceed it, and
        // the usual reply is serialized once instead of twice.
        var totalBytes = SizeOf(activity);
        var cardBytes = totalBytes <= MaxCardBytes ? 0 : activity.Attachments?.Sum(a => SizeOf(a.Content)) ?? 0;
        if (cardBytes > MaxCardBytes || (totalBytes > MaxActivityBytes && activity.Attachments is { Count: > 0 }))
        {
            LogCardReplaced(logger, cardBytes, totalBytes, activity.Conversation?.Id);
            activity.Attachments = null;
            activity.AttachmentLayout = null;
            activity.Summary = null;
            activity.Text = TooLargeText(context);
            totalBytes = SizeOf(activity);
        }

        if (totalBytes > MaxActivityBytes && activity.Text is { } text)
        {
            LogTextCut(logger, totalBytes, activity.Conversation?.Id);
            activity.Text = Cut(text, totalBytes - MaxActivityBytes, Note(context, nameof(TeamsStrings.ReplyTruncated)));
        }
    }

    private void EnforceInvokeResponse(ITurnContext context, Activity activity)
    {
        if (activity.Value is not InvokeResponse { Body: AdaptiveCardInvokeResponse body } || SizeOf(body) <= Math.Min(MaxCardBytes, MaxActivityBytes))
        {
            return;
        }

        LogCardReplaced(logger, SizeOf(body.Value), SizeOf(body), context.Activity?.Conversation?.Id);
        body.Type = "application/vnd.microsoft.activity.message";
        body.Value = TooLargeText(context);
    }

    /// <summary>The text shortened by at least <paramref name="excessBytes"/> (as serialized) plus room for the note, never splitting a surrogate pair.</summary>
    private static string Cut(string text, int excessBytes, string note)
    {
        var budget = EscapedSize(text) - excessBytes - EscapedSize(note) - 64;
        var length = Math.Min(text.Length, Math.Max(0, budget));

        // JSON escaping can make a character cost up to 6 bytes: shrink until the escaped text fits.
        while (length > 0 && EscapedSize(text[..length]) > budget)
        {
            length = length * 9 / 10;
        }

        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length] + "\n\n" + note;
    }

    private static int EscapedSize(string text) => Encoding.UTF8.GetByteCount(JsonConvert.ToString(text));

    private static string TooLargeText(ITurnContext context) => Note(context, nameof(TeamsStrings.ReplyTooLarge));

    private static string Note(ITurnContext context, string key)
        => TeamsStrings.ResourceManager.GetString(key, context.Activity is { } incoming ? TurnMapping.CultureOf(incoming) : null) ?? key;

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outgoing card of {CardBytes} bytes ({TotalBytes} bytes in all) exceeds Teams' limits in {Conversation}; replaced by a short text")]
    private static partial void LogCardReplaced(ILogger logger, int cardBytes, int totalBytes, string? conversation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outgoing text of {TotalBytes} bytes exceeds Teams' message limit in {Conversation}; cut")]
    private static partial void LogTextCut(ILogger logger, int totalBytes, string? conversation);
}
