using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>Reads the creation card into a draft poll, refusing anything a poll cannot be made of.</summary>
internal sealed class PollDraft(KnowledgeBase knowledge, IEnumerable<ICatalogueTopicSource> topicSources, TimeProvider time)
{
    public const int MaxQuestionLength = 300;
    public const int MaxOptionLength = 150;
    private const string AnnexPrefix = "annex:";
    private const string TopicPrefix = "topic:";

    /// <summary>Topics offered as options: Annex II of the document, then the catalogue's later additions.</summary>
    public async Task<IReadOnlyList<(string Value, string Title)>> TopicsAsync(CancellationToken cancellationToken)
    {
        var topics = knowledge.AnnexIITopics
            .Select((t, i) => (AnnexPrefix + i.ToString(CultureInfo.InvariantCulture), string.Format(CultureInfo.CurrentCulture, PollsStrings.Topic_Annex, t.List, t.Title)))
            .ToList();
        foreach (var source in topicSources)
        {
            topics.AddRange((await source.ListAsync(cancellationToken)).Select(t => (TopicPrefix + t.Id, string.Format(CultureInfo.CurrentCulture, PollsStrings.Topic_Catalogue, t.Title))));
        }

        return topics;
    }

    /// <returns>The draft, or the reason it cannot be made.</returns>
    public async Task<(Poll? Draft, string? Refusal)> ReadAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var data = context.Data;
        var question = data.GetString("question")?.Trim() ?? string.Empty;
        if (question.Length == 0 || question.Length > MaxQuestionLength)
        {
            return Refuse(PollsStrings.Refuse_NoQuestion, MaxQuestionLength);
        }

        var texts = (data.GetString("options") ?? string.Empty)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        texts.AddRange(await PrefilledAsync(data.GetList("prefill"), cancellationToken));
        texts = [.. texts.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (texts.Any(t => t.Length > MaxOptionLength))
        {
            return Refuse(PollsStrings.Refuse_OptionTooLong, MaxOptionLength);
        }

        if (texts.Count is < 2 or > 10)
        {
            return Refuse(PollsStrings.Refuse_OptionCount, texts.Count);
        }

        var maxChoices = NumberOf(data["maxChoices"]) ?? 1;
        if (maxChoices < 1 || maxChoices > texts.Count)
        {
            return Refuse(PollsStrings.Refuse_MaxChoices, texts.Count);
        }

        var visibility = PollVisibility.Live;
        if (data.GetString("visibility") is { Length: > 0 } named && (!Enum.TryParse(named, ignoreCase: false, out visibility) || !Enum.IsDefined(visibility)))
        {
            return (null, PollsStrings.Refuse_Visibility);
        }

        var timeZone = data.GetString("timeZone") is { Length: > 0 } zone ? zone : PollsOptions.DefaultTimeZone;
        if (!PollCards.TimeZones.Contains(timeZone, StringComparer.Ordinal))
        {
            return (null, PollsStrings.Refuse_TimeZone);
        }

        if (!TryClosing(data.GetString("closeDate"), data.GetString("closeTime"), timeZone, out var closesAt))
        {
            return (null, PollsStrings.Refuse_Closing);
        }

        return (new Poll
        {
            Id = NewId(),
            Question = question,
            Options = [.. texts.Select((t, i) => new PollOption((i + 1).ToString(CultureInfo.InvariantCulture), t))],
            MaxChoices = maxChoices,
            Anonymous = data.GetFlag("anonymous"),
            Visibility = visibility,
            ClosesAt = closesAt,
            TimeZone = timeZone,
            Culture = context.Culture.Name,
            ConversationId = context.Conversation.Id,
            TenantId = context.Conversation.TenantId,
            DialogKey = data.GetString("dialogKey"),
            LauncherMessageId = data.GetString("launcherId") is { Length: > 0 and <= 200 } launcher ? launcher : null,
            CreatedBy = context.User,
            CreatedAt = time.GetUtcNow(),
            Status = PollStatus.Draft,
        }, null);
    }

    private async Task<IEnumerable<string>> PrefilledAsync(IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var annex = knowledge.AnnexIITopics;
        var catalogue = new List<CatalogueTopic>();
        foreach (var source in topicSources)
        {
            catalogue.AddRange(await source.ListAsync(cancellationToken));
        }

        // Values the card never offered (forged or stale) add nothing.
        return values.Select(v =>
            v.StartsWith(AnnexPrefix, StringComparison.Ordinal) && int.TryParse(v.AsSpan(AnnexPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < annex.Count ? annex[i].Title
            : v.StartsWith(TopicPrefix, StringComparison.Ordinal) ? catalogue.FirstOrDefault(t => t.Id == v[TopicPrefix.Length..])?.Title
            : null)
            .OfType<string>()
            .Select(t => t.Length > MaxOptionLength ? t[..(MaxOptionLength - 1)] + "…" : t);
    }

    /// <summary>Teams sends Input.Number as a string; a forged payload may send a number or anything else.</summary>
    private static int? NumberOf(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue(out int n) => n,
            JsonValueKind.String when int.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        }
        : null;

    /// <summary>Date and time as the moderator's clock shows them in <paramref name="timeZone"/>, stored as UTC; no date means no closing time.</summary>
    private bool TryClosing(string? date, string? timeOfDay, string timeZone, out DateTimeOffset? closesAt)
    {
        closesAt = null;
        if (string.IsNullOrWhiteSpace(date))
        {
            return string.IsNullOrWhiteSpace(timeOfDay);
        }

        if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        var clock = new TimeOnly(23, 59);
        if (!string.IsNullOrWhiteSpace(timeOfDay) && !TimeOnly.TryParseExact(timeOfDay.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out clock))
        {
            return false;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = day.ToDateTime(clock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        closesAt = utc;
        return utc > time.GetUtcNow();
    }

    /// <summary>A new dialog's key: a dialog submitted twice carries the same one.</summary>
    public static string NewDialogKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="key"/> is one <see cref="NewDialogKey"/> could have made.</summary>
    public static bool IsDialogKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower);

    /// <summary>The dialog's inputs filled in from a draft, for Edit.</summary>
    public static PollForm FormOf(Poll draft)
    {
        var closes = draft.ClosesAt is { } utc ? TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(draft.TimeZone)) : (DateTimeOffset?)null;
        return new PollForm(
            draft.DialogKey ?? NewDialogKey(),
            draft.LauncherMessageId,
            draft.Question,
            string.Join("\n", draft.Options.Select(o => o.Text)),
            draft.MaxChoices,
            draft.Anonymous,
            draft.Visibility,
            closes?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            closes?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
            draft.TimeZone);
    }

    private static (Poll?, string?) Refuse(string format, int value) => (null, string.Format(CultureInfo.CurrentCulture, format, value));

    /// <summary>Short enough to type in "export poll &lt;id&gt;", without look-alike characters.</summary>
    private static string NewId() => new(RandomNumberGenerator.GetItems<char>("abcdefghjkmnpqrstuvwxyz23456789", 6));
}
