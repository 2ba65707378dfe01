using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FutureOfCustoms.Testing;

// A process the tests start: output goes to a log file under artifacts/ and a tail is kept for failure
// messages. Every live instance is killed when the test host exits, whatever happened to the fixtures.
public sealed class ChildProcess : IDisposable
{
    private const int TailLines = 60;

    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly Lock _logLock = new();

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Live.Keys)
            {
                child.Kill();
            }
        };
    }

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true, Encoding.UTF8) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var logPath = Path.Combine(ToolPaths.Artifacts, $"{name}.log");
        var child = new ChildProcess(name, process, logPath);
        child.Append($"--- {DateTimeOffset.UtcNow:O} start: {fileName} {string.Join(' ', info.ArgumentList)} (cwd {workingDirectory})");
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        Live.TryAdd(child, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public string Tail() => string.Join(Environment.NewLine, _tail);

    public string Describe() => $"{Name} (pid {_process.Id}, log {LogPath}); last output:{Environment.NewLine}{Tail()}";

    // SIGTERM lets ASP.NET Core and node shut down cleanly; SIGKILL follows if they take too long.
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (!_process.HasExited && !OperatingSystem.IsWindows())
        {
            _ = NativeMethods.kill(_process.Id, NativeMethods.SigTerm);
        }

        using var grace = new CancellationTokenSource(gracePeriod);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            Append($"--- did not exit within {gracePeriod.TotalSeconds:0} s of SIGTERM; killing");
        }

        Kill();
    }

    // Simulates a crash: no shutdown hooks run.
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone between the check and the kill.
        }

        Live.TryRemove(this, out _);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > TailLines && _tail.TryDequeue(out _))
        {
        }

        lock (_logLock)
        {
            if (_log.BaseStream.CanWrite)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static class NativeMethods
    {
        public const int SigTerm = 15;

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int kill(int pid, int sig);
    }
}
