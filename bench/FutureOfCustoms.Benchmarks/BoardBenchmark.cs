using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The board issue's load: 200 members watch a poll's live chart on the board (server-sent events) while all 200
/// vote at the same moment. Measured: how long after the last vote's response each viewer holds the final counts
/// (target: every viewer within 2 s), and the bot's added CPU per viewer update, from the same bursts with and
/// without viewers. For the choice of server-sent events over short polling, the CPU of one poll request (what a
/// viewer polling every second would cost the bot each second) is measured on the same host.
/// </summary>
internal static class BoardBenchmark
{
    private const int Viewers = Activities.Members;
    private const int Bursts = 5;
    private const int PollRequests = 2000;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(TextWriter output)
    {
        // The board takes the member from the URL only in the Development environment with no app id; the child inherits it.
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Development");
        await using var host = await HostProcess.StartAsync("board");
        var activities = new Activities(host.Port);
        using var http = Load.Client(host.Port);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        // Connections open, the roster read, the channel known to the bot and the vote path tiered up.
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            await VoteBenchmark.BurstAsync(http, member => activities.Vote(member, VoteBenchmark.Choice(member, warmUp)), limit.Token);
        }

        var idleWithout = await IdleCpuPerSecondAsync(host, limit.Token);
        var withoutViewers = TimeSpan.Zero;
        for (var burst = 0; burst < Bursts; burst++)
        {
            var before = host.CpuTime();
            await VoteBenchmark.BurstAsync(http, member => activities.Vote(member, VoteBenchmark.Choice(member, 10 + burst)), limit.Token);
            withoutViewers += host.CpuTime() - before;
        }

        using var viewerHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Viewers + 10, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var viewers = Enumerable.Range(0, Viewers).Select(i => new Viewer(viewerHttp, Activities.AadObjectId(i))).ToList();
        viewers.ForEach(v => v.Start(limit.Token));
        await Task.WhenAll(viewers.Select(v => v.Connected));

        output.WriteLine("| Burst | Votes | Last vote answered (ms after release) | Viewers at final counts | Slowest viewer after the last vote (ms) | Median viewer (ms) |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var withViewers = TimeSpan.Zero;
        var updates = 0L;
        var worst = 0.0;
        for (var burst = 0; burst < Bursts; burst++)
        {
            // Burst numbers whose counts differ from the previous burst's (the last one without viewers was 14).
            var expected = Expected(21 + burst);
            viewers.ForEach(v => v.Expect(expected));
            var received = viewers.Sum(v => v.Updates);
            var cpuBefore = host.CpuTime();
            var release = Stopwatch.GetTimestamp();
            await VoteBenchmark.BurstAsync(http, member => activities.Vote(member, VoteBenchmark.Choice(member, 21 + burst)), limit.Token);
            var lastVote = Stopwatch.GetTimestamp();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
            wait.CancelAfter(TimeSpan.FromSeconds(30));
            var reached = await Task.WhenAll(viewers.Select(v => v.FinalAsync(wait.Token)));
            withViewers += host.CpuTime() - cpuBefore;
            updates += viewers.Sum(v => v.Updates) - received;
            var lags = reached.Select(at => at is { } t ? Math.Max(0, Stopwatch.GetElapsedTime(lastVote, t).TotalMilliseconds) : double.PositiveInfinity).Order().ToArray();
            worst = Math.Max(worst, lags[^1]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {burst + 1} | {Activities.Members} | {Stopwatch.GetElapsedTime(release, lastVote).TotalMilliseconds:0} | {reached.Count(r => r is not null)} of {Viewers} | {lags[^1]:0} | {lags[lags.Length / 2]:0} |"));
        }

        // Idle cost: the watch reading the box with 200 viewers connected and no votes.
        var idlePerSecond = await IdleCpuPerSecondAsync(host, limit.Token);

        var perUpdate = (withViewers - withoutViewers).TotalMilliseconds / Math.Max(1, updates);
        var perRequest = await PollRequestCpuAsync(host, viewerHttp, limit.Token);
        foreach (var viewer in viewers)
        {
            viewer.Stop();
            viewer.Dispose();
        }

        var pass = worst <= Target.TotalMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Viewers} viewers, {Bursts} bursts of {Activities.Members} simultaneous votes: slowest viewer at final counts {worst:0} ms after the last vote (target {Target.TotalMilliseconds:0} ms: {(pass ? "PASS" : "FAIL")}); {updates} viewer updates; the bot's CPU per burst {withoutViewers.TotalMilliseconds / Bursts:0} ms without viewers, {withViewers.TotalMilliseconds / Bursts:0} ms with: {perUpdate:0.000} ms added per viewer update; {idlePerSecond:0.0} ms/s while 200 viewers watch a quiet poll, {idleWithout:0.0} ms/s with none"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Short polling instead: {perRequest:0.000} ms of the bot's CPU per poll request, so 200 viewers polling every second would cost {perRequest * Viewers:0} ms/s, at any vote rate, for counts up to 1 s old."));
        return pass ? 0 : 1;
    }

    private static async Task<double> IdleCpuPerSecondAsync(HostProcess host, CancellationToken cancellationToken)
    {
        var before = host.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        return (host.CpuTime() - before).TotalMilliseconds / 5;
    }

    private static Dictionary<string, int> Expected(int burst)
        => Enumerable.Range(0, Activities.Members).GroupBy(member => (((member + burst) % 3) + 1).ToString(CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The bot's CPU per GET of one poll's board view, 200 at a time: what short polling would pay per viewer and interval.</summary>
    private static async Task<double> PollRequestCpuAsync(HostProcess host, HttpClient http, CancellationToken cancellationToken)
    {
        var before = host.CpuTime();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Viewers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < PollRequests)
            {
                var member = Activities.AadObjectId(next % Viewers);
                using var response = await http.GetAsync(new Uri($"board/api/polls/{BenchmarkHost.PollId}?{Viewer.Query(member)}", UriKind.Relative), cancellationToken);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
        })));
        return (host.CpuTime() - before).TotalMilliseconds / PollRequests;
    }

    /// <summary>One board viewer: the live stream of the poll, read as the page reads it, keeping the latest counts.</summary>
    private sealed class Viewer(HttpClient http, string member) : IDisposable
    {
        private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _lock = new();
        private IReadOnlyDictionary<string, int>? _expected;
        private TaskCompletionSource<long?> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _updates;

        public Task Connected => _connected.Task;

        public long Updates => Interlocked.Read(ref _updates);

        public static string Query(string member) => $"conversation={Uri.EscapeDataString(Activities.ChannelConversationId)}&as={member}";

        public void Start(CancellationToken cancellationToken) => _ = Task.Run(() => ReadAsync(cancellationToken), CancellationToken.None);

        public void Expect(IReadOnlyDictionary<string, int> expected)
        {
            lock (_lock)
            {
                _expected = expected;
                _final = new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        /// <summary>When this viewer first held the expected counts (a Stopwatch timestamp), or null when it never did in time.</summary>
        public async Task<long?> FinalAsync(CancellationToken cancellationToken)
        {
            Task<long?> final;
            lock (_lock)
            {
                final = _final.Task;
            }

            try
            {
                return await final.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        public void Stop() => _stop.Cancel();

        public void Dispose() => _stop.Dispose();

        private async Task ReadAsync(CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"board/api/polls/{BenchmarkHost.PollId}/live?{Query(member)}", UriKind.Relative));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(linked.Token));
                while (await reader.ReadLineAsync(linked.Token) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var at = Stopwatch.GetTimestamp();
                    var options = JsonNode.Parse(line["data: ".Length..])!["options"]!.AsArray();
                    var counts = options.ToDictionary(o => (string)o!["id"]!, o => (int?)o!["votes"] ?? 0);
                    Interlocked.Increment(ref _updates);
                    _connected.TrySetResult();
                    lock (_lock)
                    {
                        if (_expected is { } expected && expected.All(e => counts.GetValueOrDefault(e.Key) == e.Value))
                        {
                            _final.TrySetResult(at);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                _connected.TrySetException(ex);
            }
        }
    }
}
