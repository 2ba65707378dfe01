using BenchmarkDotNet.Running;
using FutureOfCustoms.Benchmarks;

// One command per benchmark; every load loop is bounded in count and time, and all traffic stays on 127.0.0.1.
return args switch
{
    ["turns", ..] => await TurnBenchmark.RunAsync(Console.Out),
    ["search", .. var rest] => RunSearch(rest),
    ["quality", .. var rest] => await QualityBenchmark.RunAsync(Console.Out, rest),
    ["votes", ..] => await VoteBenchmark.RunAsync(Console.Out),
    ["memory", ..] => await MemoryBenchmark.RunAsync(Console.Out),
    ["flood", ..] => await FloodBenchmark.RunAsync(Console.Out),
    ["digest", .. var rest] => await DigestBenchmark.RunAsync(Console.Out, rest),
    ["board", ..] => await BoardBenchmark.RunAsync(Console.Out),
    [PlainEchoBot.Command, var port, _] => await PlainEchoBot.RunChildAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["host", var port, var dataDirectory] => await BenchmarkHost.RunChildAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), dataDirectory),
    _ => Unavailable("usage: dotnet run -c Release --project bench/FutureOfCustoms.Benchmarks -- turns|votes|search|quality [--misses] [--evidence]|memory|flood|digest [azurite]|board"),
};

static int RunSearch(string[] rest)
{
    BenchmarkRunner.Run([typeof(SearchBenchmarks), typeof(SearchIndexBuildBenchmarks)], args: rest);
    return 0;
}

static int Unavailable(string message)
{
    Console.WriteLine(message);
    return 2;
}
