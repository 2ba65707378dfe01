using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Support;

/// <summary>The real host in memory, on a temporary SQLite file, with settings overridable per test.</summary>
public class BotApplicationFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<Action<IServiceCollection>> _services = [];

    public BotApplicationFactory()
        : this(null)
    {
    }

    internal BotApplicationFactory(IDictionary<string, string?>? settings)
    {
        DataDirectory = Directory.CreateTempSubdirectory("foc-http-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(DataDirectory, "bot.db"),
            ["Storage:Files:Path"] = Path.Combine(DataDirectory, "files"),
            ["Search:Embedded:IndexPath"] = Path.Combine(DataDirectory, "index"),
            ["Bot:Moderators:0"] = TestBot.ModeratorAadId,
            ["MicrosoftAppId"] = string.Empty,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => _services.ForEach(configure => configure(services)));
    }

    /// <summary>Adds test-only services (e.g. a command that fails) before the host is first created.</summary>
    public BotApplicationFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Posts a Teams-shaped activity with deliveryMode expectReplies, so the replies come back in the response.</summary>
    public async Task<(HttpResponseMessage Response, JsonArray Activities)> PostActivityAsync(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity["deliveryMode"] = "expectReplies";
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity);
        var body = response.IsSuccessStatusCode && response.Content.Headers.ContentLength != 0
            ? await response.Content.ReadFromJsonAsync<JsonObject>()
            : null;
        return (response, body?["activities"] as JsonArray ?? []);
    }

    public static JsonObject TeamsMessage(string text, string aadObjectId = TestBot.MemberAadId, string conversationType = "personal", string? conversationId = null) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = LocalConnector.ServiceUrl,
        ["locale"] = "en-US",
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = $"29:{aadObjectId}", ["name"] = TestBot.NameOf(aadObjectId), ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = TestBot.BotId, ["name"] = "Future of Customs" },
        ["conversation"] = new JsonObject { ["id"] = conversationId ?? $"a:personal-{aadObjectId}", ["conversationType"] = conversationType, ["tenantId"] = TestBot.TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TestBot.TenantId } },
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on some platforms; the temp folder is cleaned by the OS.
            }
        }
    }
}
