using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>`suggestions` and its card's paging and filters: newest first.</summary>
internal sealed class SuggestionListCommand(SuggestionRepository repository, SuggestionCards cards, IOptions<SuggestionsOptions> options) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var status = Filter(context, "status", Enum.GetNames<SuggestionStatus>());
        var kind = Filter(context, "kind", Enum.GetNames<SuggestionKind>());
        var block = context.Data.GetString("block") is { Length: 1 } letter && char.IsAsciiLetterLower(letter[0]) ? letter : SuggestionCards.AnyFilter;
        var matching = (await repository.ListAsync(cancellationToken))
            .Where(s => status == SuggestionCards.AnyFilter || s.Status.ToString() == status)
            .Where(s => kind == SuggestionCards.AnyFilter || s.Fields.Kind.ToString() == kind)
            .Where(s => block == SuggestionCards.AnyFilter || s.Fields.BuildingBlocks.Contains(block))
            .ToList();
        var size = options.Value.PageSize;
        var pageCount = Math.Max(1, (matching.Count + size - 1) / size);
        var page = int.TryParse(context.Data.GetString("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var requested) ? Math.Clamp(requested, 1, pageCount) : 1;
        var card = cards.List([.. matching.Skip((page - 1) * size).Take(size)], page, pageCount, matching.Count, (status, kind, block), context.TimeZone ?? TimeZoneInfo.Utc);
        return context.IsFromCard ? CommandReply.Update(card) : CommandReply.Card(card, SuggestionsStrings.List_Title);
    }

    /// <summary>A filter value from the card, or "any" for anything not offered (a forged value filters nothing in).</summary>
    private static string Filter(CommandContext context, string key, string[] allowed)
        => context.Data.GetString(key) is { } value && allowed.Contains(value, StringComparer.Ordinal) ? value : SuggestionCards.AnyFilter;
}
