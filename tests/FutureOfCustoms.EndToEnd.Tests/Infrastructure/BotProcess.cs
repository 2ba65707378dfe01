using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.EndToEnd.Tests.Infrastructure;

// The bot exactly as it ships: the built FutureOfCustoms.Bot.dll run by `dotnet`, on its own loopback port
// and data directory. The port and the data directory survive restarts, so the Playground keeps reaching
// it and state on disk can be checked across a crash.
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, string?> _environment;
    private readonly HttpClient _http;
    private ChildProcess? _process;
    private int _starts;

    private BotProcess(int port, string dataDirectory, Dictionary<string, string?> environment)
    {
        Port = port;
        DataDirectory = dataDirectory;
        _environment = environment;
        _http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public Uri MessagesEndpoint => new(BaseUri, "api/messages");

    public string DataDirectory { get; }

    public string SqlitePath => Path.Combine(DataDirectory, "bot.db");

    public bool IsRunning => _process is { HasExited: false };

    public string LogPath => _process?.LogPath ?? string.Empty;

    public static string DllPath
    {
        get
        {
            // The test assembly sits in tests/<project>/bin/<Configuration>/<tfm>/; the bot was built by the
            // same `dotnet test` into the same relative folder of its own project.
            var testProject = Path.Combine(ToolPaths.RepoRoot, "tests", "FutureOfCustoms.EndToEnd.Tests");
            var relativeOutput = Path.GetRelativePath(testProject, AppContext.BaseDirectory);
            return Path.GetFullPath(Path.Combine(ToolPaths.RepoRoot, "src", "FutureOfCustoms.Bot", relativeOutput, "FutureOfCustoms.Bot.dll"));
        }
    }

    /// <param name="configuration">Extra configuration as environment variables (`Bot__Moderators__0`, ...);
    /// a null value removes an inherited variable.</param>
    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string?>? configuration = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DllPath))
        {
            throw new InvalidOperationException($"The bot is not built: {DllPath} is missing (dotnet build the solution first).");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("foc-e2e-bot-").FullName;
        var environment = new Dictionary<string, string?>
        {
            // Not Development: that would load the developer's user secrets into the test.
            ["ASPNETCORE_ENVIRONMENT"] = "EndToEnd",
            ["DOTNET_ENVIRONMENT"] = "EndToEnd",
            ["ASPNETCORE_URLS"] = null,
            // Workstation GC: the CI machine has two cores shared by several jobs.
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_NOLOGO"] = "1",
            ["MicrosoftAppId"] = string.Empty,
            ["MicrosoftAppPassword"] = string.Empty,
            ["Storage__Sqlite__Path"] = Path.Combine(dataDirectory, "bot.db"),
            ["Storage__Files__Path"] = Path.Combine(dataDirectory, "files"),
            ["Search__Embedded__IndexPath"] = Path.Combine(dataDirectory, "index"),
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var bot = new BotProcess(FreePort.Pick(), dataDirectory, environment);
        try
        {
            await bot.LaunchAsync(cancellationToken);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    public async Task<JsonNode> GetHealthAsync(CancellationToken cancellationToken = default) =>
        await _http.GetFromJsonAsync<JsonNode>(new Uri("healthz", UriKind.Relative), cancellationToken)
        ?? throw new InvalidOperationException("/healthz answered null.");

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(StopGracePeriod);
            _process.Dispose();
            _process = null;
        }
    }

    public void Kill() => _process?.Kill();

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await LaunchAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the run over it is not.
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        _starts++;
        _process = ChildProcess.Start(
            $"bot-{Port}-{_starts}",
            "dotnet",
            [DllPath, "--urls", BaseUri.ToString().TrimEnd('/')],
            Path.GetDirectoryName(DllPath)!,
            _environment);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited during start-up. {_process.Describe()}");
            }

            try
            {
                await GetHealthAsync(timeout.Token);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(150), CancellationToken.None);
        }

        throw new TimeoutException($"The bot did not answer /healthz within {StartTimeout.TotalSeconds:0} s ({last?.Message}). {_process.Describe()}");
    }
}
