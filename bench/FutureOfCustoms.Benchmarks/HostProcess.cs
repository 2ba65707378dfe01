using System.Diagnostics;
using System.Globalization;
using FutureOfCustoms.Testing;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The bot's host in its own child process (this program's <c>host</c> command), so what is read from
/// /proc (resident size, CPU time) is the bot's alone and not the load generator's.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    /// <param name="command">This program's command that runs the child: the bot's host, or the plain echo bot.</param>
    public static async Task<HostProcess> StartAsync(string name, string command = "host")
    {
        var dataDirectory = Directory.CreateTempSubdirectory($"foc-bench-{name}-").FullName;
        var port = FreePort.Pick();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(HostProcess).Assembly.Location, command, port.ToString(CultureInfo.InvariantCulture), dataDirectory })
        {
            info.ArgumentList.Add(argument);
        }

        var host = new HostProcess(Process.Start(info)!, port, dataDirectory);
        if (await host._process.StandardOutput.ReadLineAsync() != "ready")
        {
            await host.DisposeAsync();
            throw new InvalidOperationException("The host child did not start.");
        }

        return host;
    }

    public double ResidentMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>User and system CPU time the host has used so far.</summary>
    public TimeSpan CpuTime()
    {
        // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name (which may hold spaces) closes.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>Stops the host; its data directory stays for the caller to read, and goes with <see cref="DisposeAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    // USER_HZ: 100 on every Linux the benchmark runs on (getconf CLK_TCK).
    private const int ClockTicksPerSecond = 100;
}
