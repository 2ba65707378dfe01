using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FutureOfCustoms.Bot.Tests.Storage;

public sealed class TimeOrderedIdsTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("foc-time-ids-").FullName;

    [Fact]
    public void A_week_is_covered_by_the_utc_days_it_touches_and_a_long_period_by_months()
    {
        Assert.Equal(["20261123", "20261124", "20261125", "20261126", "20261127", "20261128", "20261129", "20261130"], TimeOrderedIds.Covering(Monday, Monday.AddDays(7)));
        Assert.Equal(["20261123"], TimeOrderedIds.Covering(Monday, Monday.AddHours(1)));
        Assert.Equal(["202611", "202612", "202701", "202702"], TimeOrderedIds.Covering(Monday, Monday.AddDays(90)));
    }

    [Fact]
    public async Task Listing_a_period_returns_exactly_the_records_from_its_start_up_to_its_end()
    {
        var store = new SqliteDocumentStore(Path.Combine(_directory, "store.db"));
        DateTimeOffset[] times = [Monday.AddTicks(-1), Monday, Monday.AddDays(3), Monday.AddDays(7).AddTicks(-1), Monday.AddDays(7), Monday.AddDays(40)];
        await store.ExecuteAsync("records", "p", [.. times.Select((t, i) => StoreOperation.Insert($"at-{TimeOrderedIds.Of(t)}-{i}", new Record(t)))]);
        await store.InsertAsync("records", "p", "other-" + TimeOrderedIds.Of(Monday.AddDays(1)), new Record(Monday.AddDays(1)));

        var week = await TimeOrderedIds.ListAsync<Record>(store, "records", "p", "at-", Monday, Monday.AddDays(7), CancellationToken.None);
        var quarter = await TimeOrderedIds.ListAsync<Record>(store, "records", "p", "at-", Monday.AddDays(-1), Monday.AddDays(89), CancellationToken.None);

        Assert.Equal(times[1..4], week.Select(d => d.Value.At));
        Assert.Equal(times, quarter.Select(d => d.Value.At));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed record Record(DateTimeOffset At);
}
