using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace FutureOfCustoms.EndToEnd.Tests.Hostile;

/// <summary>
/// The built bot killed with SIGKILL while many conversations write at once: after a restart on the same data
/// directory the SQLite file is consistent and holds every write the bot acknowledged with a 200.
/// Each acknowledged personal-chat turn has stored its conversation reference and the member's personal-chat
/// entry; feature writes (suggestions, votes) join the list of checks as they land.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Writers = 16;
    private const int MaxTurnsPerWriter = 400;

    [Fact]
    public async Task A_bot_killed_mid_write_restarts_with_a_consistent_store_holding_every_acknowledged_write()
    {
        await using var bot = await BotProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = bot.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var turn = 0; turn < MaxTurnsPerWriter && !stop.IsCancellationRequested; turn++)
            {
                var user = $"{w:D8}-0000-4000-8000-{turn:D12}";
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri("api/messages", UriKind.Relative), PersonalMessage(user), stop.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add(user);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The kill cuts requests in flight: they were never acknowledged, so nothing is expected of them.
                    return;
                }
            }
        })).ToList();

        // Kill once writes are well under way, while the writers are still busy.
        while (acknowledged.Count < 150 && !stop.IsCancellationRequested && writers.Any(t => !t.IsCompleted))
        {
            await Task.Delay(20);
        }

        bot.Kill();
        var acknowledgedBeforeKill = acknowledged.ToHashSet();
        await Task.WhenAll(writers);
        await bot.RestartAsync();
        var health = await bot.GetHealthAsync();

        Assert.True(acknowledgedBeforeKill.Count >= 150, $"only {acknowledgedBeforeKill.Count} writes were acknowledged before the kill");
        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal("ok", IntegrityCheck(bot.SqlitePath));
        var stored = StoredPersonalChats(bot.SqlitePath);
        var missing = acknowledgedBeforeKill.Where(user => !stored.Contains(user)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledgedBeforeKill.Count} acknowledged writes are missing after the crash, e.g. {string.Join(", ", missing.Take(5))}");
    }

    private static JsonObject PersonalMessage(string aadObjectId) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        // Replies come back in the response; nothing is sent to a connector, and none off this machine.
        ["serviceUrl"] = "http://127.0.0.1:9/",
        ["deliveryMode"] = "expectReplies",
        ["locale"] = "en-US",
        ["text"] = "help",
        ["from"] = new JsonObject { ["id"] = $"29:{aadObjectId}", ["name"] = "Crash Test", ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = "28:bot-id", ["name"] = "Future of Customs" },
        ["conversation"] = new JsonObject { ["id"] = $"a:crash-{aadObjectId}", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
    };

    private static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static HashSet<string> StoredPersonalChats(string path)
    {
        using var connection = OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT d.id FROM documents d JOIN documents c ON c.collection = 'conversations' AND c.id = 'a:crash-' || d.id WHERE d.collection = 'personal-chats'";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
