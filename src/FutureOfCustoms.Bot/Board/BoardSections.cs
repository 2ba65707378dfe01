using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Knowledge.Answers;
using FutureOfCustoms.Bot.Localization;
using FutureOfCustoms.Bot.Suggestions;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Board;

internal sealed record BoardCount(string Name, int Count, string Label);

internal sealed record BoardAnswer(string Author, string Administration, string Text, string? Choice);

internal sealed record BoardQuestion(int Number, string Text, string AnswersLabel, IReadOnlyList<BoardCount>? Tally, IReadOnlyList<BoardAnswer> Answers);

internal sealed record BoardDiscussion(bool Started, string? Title, bool Open, string? Participation, IReadOnlyList<BoardCount> Administrations, IReadOnlyList<BoardQuestion> Questions);

internal sealed record BoardSuggestion(
    string Id, int Number, string Title, string Why, string Kind, string Status, string StatusName, bool Pending,
    string Author, string Administration, DateTimeOffset CreatedAt, string? ReviewerName, string? ReviewReason, string? MergedIntoTitle);

internal sealed record BoardMergeTarget(string Value, string Title);

internal sealed record BoardSuggestions(IReadOnlyList<BoardSuggestion> Items, IReadOnlyList<BoardMergeTarget>? MergeTargets);

internal sealed record BoardUnanswered(string Text, int Asked, string AskedLabel, DateTimeOffset LastAskedAt);

internal sealed record BoardModeration(int WindowDays, IReadOnlyList<BoardUnanswered> Unanswered, IReadOnlyList<string> DigestPreview);

/// <summary>
/// The board's other sections, each read through its feature's own store or service and shown with the same
/// counting rules as its cards: the Annex III discussion, topic suggestions, and the moderators' part.
/// </summary>
internal sealed class BoardSections(
    DiscussionStore discussions,
    SuggestionRepository suggestions,
    SuggestionWorkflow workflow,
    QuestionLog questions,
    DigestService digests,
    TimeProvider time,
    IOptions<BoardOptions> options)
{
    /// <summary>The Annex III discussion as it stands; "not started" until someone opened it (reading never creates it).</summary>
    public async Task<BoardDiscussion> DiscussionAsync(CultureInfo culture, CancellationToken cancellationToken)
    {
        var set = (await discussions.ListAsync(cancellationToken)).FirstOrDefault(s => s.Name == AnnexIIIDiscussion.Name);
        if (set is null)
        {
            return new BoardDiscussion(false, null, false, null, [], []);
        }

        var answers = await discussions.AnswersAsync(set.Name, cancellationToken);
        var participation = DiscussionCompilation.Participation(answers);
        var tally = AnswerTally.Of(answers);
        return new BoardDiscussion(
            true,
            set.Title,
            set.Status == DiscussionStatus.Open,
            string.Format(culture, Text(nameof(BoardStrings.Discussion_Participation), culture), Count(nameof(BoardStrings.Count_Delegates), participation.Delegates, culture), Count(nameof(BoardStrings.Count_Administrations), participation.Administrations, culture)),
            [.. tally.Administrations.Where(a => a.Value > 0).OrderBy(a => a.Key, StringComparer.Create(culture, ignoreCase: true)).Select(a => new BoardCount(a.Key, a.Value, Count(nameof(BoardStrings.Count_Answers), a.Value, culture)))],
            [.. set.Questions.Select(q =>
            {
                var own = DiscussionCompilation.ForQuestion(answers, q.Number);
                var choices = (q.Choices ?? []).ToDictionary(c => c.Value, AnnexIIIDiscussion.LabelOf, StringComparer.Ordinal);
                return new BoardQuestion(
                    q.Number,
                    q.Text,
                    Count(nameof(BoardStrings.Count_Answers), own.Count, culture),
                    q.IsClosed ? [.. DiscussionCompilation.Tallies(q, answers).Select(t => new BoardCount(t.Label, t.Count, Count(nameof(BoardStrings.Count_Answers), t.Count, culture)))] : null,
                    [.. own.Select(a => new BoardAnswer(a.AuthorName, a.Current.Administration, a.Current.Text, a.Current.Choice is { } c ? choices.GetValueOrDefault(c, c) : null))]);
            })]);
    }

    /// <summary>Every suggestion, newest first; moderators also get what a pending one can be merged into.</summary>
    public async Task<BoardSuggestions> SuggestionsAsync(BoardViewer viewer, CancellationToken cancellationToken)
    {
        var items = (await suggestions.ListAsync(cancellationToken)).Select(s => new BoardSuggestion(
            s.Id, s.Number, s.Fields.Title, s.Fields.Why, s.Fields.Kind.ToString(), s.Status.ToString(), SuggestionCatalogue.StatusName(s.Status), s.Status == SuggestionStatus.Pending,
            s.Author.Name, s.Fields.Administration, s.CreatedAt, s.ReviewerName, s.ReviewReason, s.MergedIntoTitle)).ToList();
        var targets = viewer.IsModerator && items.Any(s => s.Pending)
            ? (await workflow.MergeTargetsAsync(null, cancellationToken)).Select(t => new BoardMergeTarget(t.Value, t.Title)).ToList()
            : null;
        return new BoardSuggestions(items, targets);
    }

    /// <summary>The moderators' part: questions that found no answer lately, and the next digest as it would read now.</summary>
    public async Task<BoardModeration> ModerationAsync(BoardViewer viewer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = options.Value.UnansweredWindow;
        var unanswered = (await questions.ListAsync(now - window, now, cancellationToken))
            .Where(q => !q.Answered)
            .GroupBy(q => q.Normalized, StringComparer.Ordinal)
            .Select(g => (Latest: g.MaxBy(q => q.AskedAt)!, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Latest.AskedAt)
            .Select(g => new BoardUnanswered(g.Latest.Text, g.Count, Count(nameof(BoardStrings.Count_Asked), g.Count, viewer.Culture), g.Latest.AskedAt))
            .ToList();

        var (target, problem) = await digests.ResolveAsync(viewer.Scope.Home, cancellationToken);
        IReadOnlyList<string> preview = target is null ? [problem ?? string.Empty] : Lines(await digests.PreviewAsync(target, cancellationToken));
        return new BoardModeration((int)window.TotalDays, unanswered, preview);
    }

    /// <summary>The readable text of a message: its text, then each text block and fact of its card, in order.</summary>
    internal static IReadOnlyList<string> Lines(OutgoingMessage message)
    {
        var lines = new List<string>();
        if (message.Card is null && !string.IsNullOrWhiteSpace(message.Text))
        {
            lines.Add(message.Text);
        }

        Collect(message.Card, lines);
        return lines;
    }

    private static void Collect(JsonNode? node, List<string> lines)
    {
        switch (node)
        {
            case JsonObject element when element["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)element["type"] is "TextBlock" or "TextRun":
                if ((string?)element["text"] is { Length: > 0 } text)
                {
                    lines.Add(text);
                }

                break;
            case JsonObject element when element["title"] is JsonValue title && element["value"] is JsonValue value && title.GetValueKind() == System.Text.Json.JsonValueKind.String:
                lines.Add($"{(string?)title} {(string?)value}");
                break;
            case JsonObject element:
                // Actions are buttons for Teams, not text to read.
                foreach (var (key, child) in element.Where(p => p.Key is not "actions" and not "selectAction"))
                {
                    Collect(child, lines);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, lines);
                }

                break;
        }
    }

    private static string Text(string name, CultureInfo culture) => BoardStrings.ResourceManager.GetString(name, culture)!;

    private static string Count(string name, int count, CultureInfo culture) => Plural.Format(culture, Text(name, culture), count);
}
