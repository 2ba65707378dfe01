using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>Renders the suggestion cards; every text comes from <see cref="SuggestionsStrings"/>, user text is bound as data (escaped by the renderer).</summary>
internal sealed class SuggestionCards(ICardRenderer renderer, SuggestionCatalogue catalogue)
{
    public const string AnyFilter = "any";

    public JsonObject Form(SuggestionForm form, string cardId, Suggestion? editing, IReadOnlyList<SimilarTopic> similar)
    {
        var data = new JsonObject
        {
            ["heading"] = editing is null ? SuggestionsStrings.Form_Title : string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Form_EditTitle, editing.Number),
            ["intro"] = SuggestionsStrings.Form_Intro,
            ["labels"] = new JsonObject
            {
                ["title"] = SuggestionsStrings.Field_Title,
                ["why"] = SuggestionsStrings.Field_Why,
                ["kind"] = SuggestionsStrings.Field_Kind,
                ["blocks"] = SuggestionsStrings.Field_Blocks,
                ["bodies"] = SuggestionsStrings.Field_Bodies,
                ["administration"] = SuggestionsStrings.Field_Administration,
                ["volunteer"] = SuggestionsStrings.Field_Volunteer,
                ["required"] = SuggestionsStrings.Error_Required,
                ["submit"] = SuggestionsStrings.Button_Submit,
                ["submitAnyway"] = SuggestionsStrings.Button_SubmitAnyway,
                ["cancel"] = SuggestionsStrings.Button_Cancel,
            },
            ["values"] = new JsonObject
            {
                ["title"] = form.Title,
                ["why"] = form.Why,
                ["kind"] = form.Kind,
                ["blocks"] = form.BuildingBlocks,
                ["bodies"] = form.Bodies,
                ["administration"] = form.Administration,
                ["volunteer"] = form.Volunteer ? "true" : "false",
            },
            ["errors"] = new JsonObject([.. form.Errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
            ["kinds"] = Choices(SuggestionCatalogue.Kinds()),
            ["blocks"] = Choices(catalogue.BuildingBlocks),
            ["bodies"] = Choices(catalogue.Bodies.Select(b => (b, SuggestionCatalogue.BodyName(b)))),
            ["cardId"] = cardId,
            ["editId"] = editing?.Id ?? string.Empty,
        };
        if (!form.IsValid)
        {
            data["summaryError"] = SuggestionsStrings.Error_Summary;
        }

        if (similar.Count > 0)
        {
            data["similarHeading"] = SuggestionsStrings.Similar_Heading;
            data["similar"] = new JsonArray([.. similar.Select(s => (JsonNode)new JsonObject { ["line"] = s.Line })]);
        }

        return renderer.Render("suggestions-form", data);
    }

    public JsonObject View(Suggestion suggestion, string? notice, IReadOnlyList<(string Value, string Title)> mergeTargets, TimeZoneInfo zone)
    {
        var fields = suggestion.Fields;
        var facts = new List<JsonNode>
        {
            Fact(SuggestionsStrings.View_Status, SuggestionCatalogue.StatusName(suggestion.Status)),
            Fact(SuggestionsStrings.View_Kind, SuggestionCatalogue.KindName(fields.Kind)),
            Fact(SuggestionsStrings.View_Blocks, OrNone(fields.BuildingBlocks.Select(b => catalogue.BuildingBlocks.FirstOrDefault(c => c.Value == b).Title ?? b))),
            Fact(SuggestionsStrings.View_Bodies, OrNone(fields.Bodies.Select(SuggestionCatalogue.BodyName))),
            Fact(SuggestionsStrings.View_Administration, fields.Administration),
            Fact(SuggestionsStrings.View_Volunteer, fields.Volunteer ? SuggestionsStrings.Yes : SuggestionsStrings.No),
            Fact(SuggestionsStrings.View_Author, suggestion.Author.Name),
            Fact(SuggestionsStrings.View_Submitted, Time(suggestion.CreatedAt, zone)),
        };
        if (suggestion.MergedIntoTitle is not null)
        {
            facts.Add(Fact(SuggestionsStrings.View_MergedInto, suggestion.MergedIntoTitle));
        }

        if (suggestion.ReviewReason is not null)
        {
            facts.Add(Fact(SuggestionsStrings.View_Reason, suggestion.ReviewReason));
        }

        var data = new JsonObject
        {
            ["heading"] = string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.View_Title, suggestion.Number, fields.Title),
            ["facts"] = new JsonArray([.. facts]),
            ["whyLabel"] = SuggestionsStrings.View_Why,
            ["why"] = fields.Why,
            ["pending"] = suggestion.Status == SuggestionStatus.Pending,
            ["id"] = suggestion.Id,
            ["targets"] = Choices(mergeTargets),
            ["labels"] = new JsonObject
            {
                ["edit"] = SuggestionsStrings.Button_Edit,
                ["withdraw"] = SuggestionsStrings.Button_Withdraw,
                ["accept"] = SuggestionsStrings.Button_Accept,
                ["merge"] = SuggestionsStrings.Button_Merge,
                ["decline"] = SuggestionsStrings.Button_Decline,
                ["target"] = SuggestionsStrings.Field_MergeTarget,
                ["reason"] = SuggestionsStrings.Field_Reason,
                ["confirmMerge"] = SuggestionsStrings.Button_ConfirmMerge,
                ["confirmDecline"] = SuggestionsStrings.Button_ConfirmDecline,
                ["all"] = SuggestionsStrings.Button_AllSuggestions,
            },
        };
        if (notice is not null)
        {
            data["notice"] = notice;
        }

        return renderer.Render("suggestions-view", data);
    }

    public JsonObject List(IReadOnlyList<Suggestion> page, int pageNumber, int pageCount, int total, (string Status, string Kind, string Block) filters, TimeZoneInfo zone)
        => renderer.Render("suggestions-list", new
        {
            heading = SuggestionsStrings.List_Title,
            labels = new
            {
                status = SuggestionsStrings.List_FilterStatus,
                kind = SuggestionsStrings.List_FilterKind,
                block = SuggestionsStrings.List_FilterBlock,
                filter = SuggestionsStrings.Button_Filter,
                empty = SuggestionsStrings.List_Empty,
                open = SuggestionsStrings.Button_Open,
                previous = SuggestionsStrings.Button_Previous,
                next = SuggestionsStrings.Button_Next,
            },
            filters = new { status = filters.Status, kind = filters.Kind, block = filters.Block },
            statuses = WithAny(Enum.GetValues<SuggestionStatus>().Select(s => (s.ToString(), SuggestionCatalogue.StatusName(s)))),
            kinds = WithAny(SuggestionCatalogue.Kinds()),
            blocks = WithAny(catalogue.BuildingBlocks),
            items = page.Select(s => new
            {
                line = string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.List_Line, s.Number, s.Fields.Title),
                detail = string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.List_Detail, SuggestionCatalogue.StatusName(s.Status), s.Fields.Administration, s.Author.Name, Time(s.CreatedAt, zone)),
                id = s.Id,
            }),
            pageLine = Plural.Format(CultureInfo.CurrentUICulture, SuggestionsStrings.List_Page, total, pageNumber, pageCount),
            hasPrevious = pageNumber > 1,
            previousPage = (pageNumber - 1).ToString(CultureInfo.InvariantCulture),
            hasNext = pageNumber < pageCount,
            nextPage = (pageNumber + 1).ToString(CultureInfo.InvariantCulture),
        });

    public JsonObject Cancelled() => renderer.Render("suggestions-cancelled", new { text = SuggestionsStrings.Cancelled });

    public JsonObject Export(int count, Uri csv, Uri xlsx) => renderer.Render("suggestions-export", new
    {
        heading = Plural.Format(CultureInfo.CurrentUICulture, SuggestionsStrings.Export_Heading, count),
        csvLabel = SuggestionsStrings.Export_Csv,
        csvUrl = csv.ToString(),
        xlsxLabel = SuggestionsStrings.Export_Xlsx,
        xlsxUrl = xlsx.ToString(),
    });

    /// <summary>In the zone of the member the card is made for, named, since a card posted in a channel is read in
    /// other zones too: "2026-03-02 10:15 (Europe/Brussels)".</summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd HH:mm} ({1})", local, zone.Id);
    }

    private static JsonObject Fact(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static string OrNone(IEnumerable<string> values)
    {
        var joined = string.Join(", ", values);
        return joined.Length == 0 ? SuggestionsStrings.View_None : joined;
    }

    private static JsonArray Choices(IEnumerable<(string Value, string Title)> choices)
        => new([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);

    private static JsonArray WithAny(IEnumerable<(string Value, string Title)> choices)
        => Choices(choices.Prepend((AnyFilter, SuggestionsStrings.List_Any)));
}
