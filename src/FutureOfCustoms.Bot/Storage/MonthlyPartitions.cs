using System.Globalization;

namespace FutureOfCustoms.Bot.Storage;

/// <summary>Records kept by month of their UTC time, so a period's report reads only the months it covers.</summary>
internal static class MonthlyPartitions
{
    public const int Length = 6;

    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public static IEnumerable<string> Covering(DateTimeOffset start, DateTimeOffset end)
    {
        for (var month = new DateTime(start.UtcDateTime.Year, start.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc); month < end.UtcDateTime; month = month.AddMonths(1))
        {
            yield return Of(month);
        }
    }
}
