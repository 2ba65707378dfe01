using System.Globalization;

namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// Ids that begin with their UTC time, so the records of a period are read with a few prefix listings (one per
/// day it touches, or per month for a long period) instead of the whole partition they share with other documents.
/// </summary>
internal static class TimeOrderedIds
{
    private const string Format = "yyyyMMddHHmmssfffffff";

    // Beyond this a period is read by month: a digest that covers a long absence should not make hundreds of queries.
    private static readonly TimeSpan DailyUpTo = TimeSpan.FromDays(62);

    /// <summary>The id's time part: fixed width, so ordinal order is time order.</summary>
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The id of a record filed under <paramref name="time"/>, as <see cref="ListAsync"/> finds it: <paramref name="rest"/> keeps records of the same time apart.</summary>
    public static string Id(string idPrefix, DateTimeOffset time, string rest) => $"{idPrefix}{Of(time)}-{rest}";

    /// <summary>The documents whose id is <paramref name="idPrefix"/> + <see cref="Of"/>(a time in [start, end)) + anything.</summary>
    public static async Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(IDocumentStore store, string collection, string partition, string idPrefix, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (from, to) = (idPrefix + Of(start), idPrefix + Of(end));
        var listed = await Task.WhenAll(Covering(start, end).Select(prefix => store.ListByPrefixAsync<T>(collection, partition, idPrefix + prefix, cancellationToken)));
        return [.. listed.SelectMany(documents => documents).Where(d => string.CompareOrdinal(d.Id, from) >= 0 && string.CompareOrdinal(d.Id, to) < 0)];
    }

    /// <summary>Time prefixes whose ids together hold every time in [start, end): whole UTC days, or months for a long period.</summary>
    internal static IEnumerable<string> Covering(DateTimeOffset start, DateTimeOffset end)
    {
        var (from, to) = (start.UtcDateTime, end.UtcDateTime);
        if (to - from <= DailyUpTo)
        {
            for (var day = from.Date; day < to; day = day.AddDays(1))
            {
                yield return day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            }

            yield break;
        }

        foreach (var month in MonthlyPartitions.Covering(start, end))
        {
            yield return month;
        }
    }
}
