using System.Globalization;

namespace FutureOfCustoms.Benchmarks;

/// <summary>Resident size of the host in its own child process after 10,000 and 20,000 mixed turns.</summary>
internal static class MemoryBenchmark
{
    private const int BlockTurns = 2_000;
    private const int Blocks = 10;
    private const int Concurrency = 8;
    // Issue 13's limit with the embedding model loaded (it was 250 MB before the model).
    private const double LimitMb = 500;
    private const double GrowthToleranceMb = 15;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(8);

    private static readonly string[] Texts = ["help", "What is coordinated border management?", "How does the group see e-commerce?", "help", "Tell me about the AEO programme", "What is the future of customs?"];

    public static async Task<int> RunAsync(TextWriter output)
    {
        await using var host = await HostProcess.StartAsync("memory");
        var activities = new Activities(host.Port);
        using var http = Load.Client(host.Port);
        using var limit = new CancellationTokenSource(TimeLimit);
        var curve = new List<(int Turns, double RssMb)> { (0, host.ResidentMb()) };
        output.WriteLine($"| Turns | VmRSS MB |");
        output.WriteLine($"|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 0 | {curve[0].RssMb:0.0} |"));
        var sent = 0;
        for (var block = 0; block < Blocks && !limit.IsCancellationRequested; block++)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(worker => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < BlockTurns && !limit.IsCancellationRequested)
                {
                    var turn = sent + i;
                    await Load.PostAsync(http, activities.Message(Texts[turn % Texts.Length], turn % 500), limit.Token);
                }
            })));
            sent += BlockTurns;
            curve.Add((sent, host.ResidentMb()));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {sent} | {curve[^1].RssMb:0.0} |"));
        }

        var at10k = curve.First(c => c.Turns >= 10_000).RssMb;
        var at20k = curve[^1].RssMb;
        var pass = curve.Max(c => c.RssMb) < LimitMb && at20k - at10k < GrowthToleranceMb && curve[^1].Turns >= 20_000;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS at 10,000 turns {at10k:0.0} MB, at {curve[^1].Turns:N0} turns {at20k:0.0} MB (growth {at20k - at10k:+0.0;-0.0} MB; limits: < {LimitMb} MB, growth < {GrowthToleranceMb} MB): {(pass ? "PASS" : "FAIL")}"));
        return pass ? 0 : 1;
    }
}
