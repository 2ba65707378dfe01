using System.Globalization;
using System.Net.Sockets;

namespace FutureOfCustoms.Testing;

// Azure Storage emulator, Blob and Table services, in memory, on ports picked at run time so several
// worktrees and CI jobs can run side by side.
public sealed class Azurite : IAsyncLifetime
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's published well-known development key, not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly List<ChildProcess> _processes = [];

    public int BlobPort { get; private set; }

    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public async Task InitializeAsync()
    {
        // Its tests are skipped on a developer machine without the tools (E2EFact, ContractFact); on CI this fails them.
        if (ToolPaths.SkipUnlessCi([RequiredTool.Node, RequiredTool.NodeModules]) is not null)
        {
            return;
        }

        ToolPaths.Require(RequiredTool.Node, RequiredTool.NodeModules);
        BlobPort = FreePort.Pick();
        TablePort = FreePort.Pick();
        Start("blob", ToolPaths.AzuriteBlobMain, "--blobHost", "--blobPort", BlobPort);
        Start("table", ToolPaths.AzuriteTableMain, "--tableHost", "--tablePort", TablePort);
        await Task.WhenAll(WaitForPortAsync(_processes[0], BlobPort), WaitForPortAsync(_processes[1], TablePort));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.StopAsync(TimeSpan.FromSeconds(5));
            process.Dispose();
        }
    }

    private static async Task WaitForPortAsync(ChildProcess process, int port)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited during start-up. {process.Describe()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Azurite did not listen on {port} within {StartTimeout.TotalSeconds:0} s. {process.Describe()}");
    }

    private void Start(string service, string mainJs, string hostOption, string portOption, int port)
    {
        _processes.Add(ChildProcess.Start(
            $"azurite-{service}-{port}",
            ToolPaths.Node!,
            [
                mainJs,
                hostOption, "127.0.0.1",
                portOption, port.ToString(CultureInfo.InvariantCulture),
                // Without these it writes files, logs per request, calls home and rejects newer SDKs' API versions.
                "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            ],
            ToolPaths.Artifacts));
    }
}
