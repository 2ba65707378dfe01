using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Teams;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FutureOfCustoms.Bot.Tests.Hostile;

public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Fixed so a failure is reproducible; change it to explore, then keep any input that failed as a regression test.</summary>
    private const int Seed = 20261123;
    private const int InvalidCount = 6_000;
    private const int PlausibleCount = 4_000;
    private const int Parallelism = 4;

    private static readonly string Apology = TeamsStrings.TurnError;

    [Fact]
    public async Task Ten_thousand_hostile_activities_get_no_5xx_keep_the_bot_up_and_invalid_ones_change_no_data()
    {
        output.WriteLine($"Fuzz seed: {Seed}");
        // Thousands of refused inputs would flood the console; failures are collected and reported below.
        await using var connector = await FakeBotConnector.StartAsync();
        using var factory = new BotApplicationFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" });
        using var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        await SeedAsync(store);
        var fuzzer = new ActivityFuzzer(Seed, factory.Services.GetRequiredService<CommandCatalog>(), connector.Url);
        var before = StoreSnapshot.Take(factory.DataDirectory);

        var invalid = await SendAllAsync(client, fuzzer.Invalid(InvalidCount));
        var afterInvalid = StoreSnapshot.Take(factory.DataDirectory);
        var plausible = await SendAllAsync(client, fuzzer.Plausible(PlausibleCount));
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Report("invalid", invalid);
        Report("plausible", plausible);
        Assert.Equal(InvalidCount + PlausibleCount, invalid.Sent + plausible.Sent);
        Assert.Empty(invalid.Failures);
        Assert.Empty(plausible.Failures);
        Assert.Empty(invalid.TurnErrors);
        Assert.Empty(plausible.TurnErrors);
        Assert.Equal(before, afterInvalid);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<FuzzRun> SendAllAsync(HttpClient client, IEnumerable<FuzzInput> inputs)
    {
        var run = new FuzzRun();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = deadline.Token }, async (input, ct) =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var content = new ByteArrayContent(input.Body);
                if (input.ContentType is not null)
                {
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.ContentType);
                }

                using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content, ct);
                run.Statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(ct)).Contains(Apology, StringComparison.Ordinal))
                {
                    run.TurnErrors.Add(input.ToString());
                }

                if ((int)response.StatusCode >= 500)
                {
                    run.Failures.Add($"HTTP {(int)response.StatusCode} for {input}");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !deadline.IsCancellationRequested)
            {
                run.Failures.Add($"{ex.GetType().Name}: {ex.Message} for {input}");
            }

            run.Record(watch.Elapsed);
        });
        return run;
    }

    /// <summary>Documents a feature would have stored, so "unchanged" also means nothing was overwritten or deleted.</summary>
    private static async Task SeedAsync(IDocumentStore store)
    {
        await store.UpsertAsync("members", "profiles", TestBot.MemberAadId, new { administration = "Customs A" });
        await store.UpsertAsync("fuzz-seed", "p1", "item-1", new { title = "Existing item", votes = 3 });
        await store.UpsertAsync("fuzz-seed", "p1", "item-2", new { title = "Other member's item", owner = TestBot.OtherMemberAadId });
    }

    private void Report(string phase, FuzzRun run)
    {
        output.WriteLine($"{phase}: {run.Sent} requests, statuses {string.Join(", ", run.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}, slowest {run.Slowest.TotalMilliseconds:0} ms");
        foreach (var failure in run.Failures.Concat(run.TurnErrors.Select(e => "unhandled turn error: " + e)).Take(20))
        {
            output.WriteLine("FAIL " + failure);
        }
    }

    private sealed class FuzzRun
    {
        private long _slowestTicks;
        private int _sent;

        public ConcurrentDictionary<int, int> Statuses { get; } = new();

        public ConcurrentBag<string> Failures { get; } = [];

        /// <summary>Inputs that reached the apology of an unhandled exception: no 5xx, but a crash the bot should not have.</summary>
        public ConcurrentBag<string> TurnErrors { get; } = [];

        public int Sent => _sent;

        public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

        public void Record(TimeSpan elapsed)
        {
            Interlocked.Increment(ref _sent);
            long current;
            while (elapsed.Ticks > (current = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, elapsed.Ticks, current) != current)
            {
            }
        }
    }
}
