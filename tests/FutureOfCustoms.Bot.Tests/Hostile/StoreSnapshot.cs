using Microsoft.Data.Sqlite;

namespace FutureOfCustoms.Bot.Tests.Hostile;

/// <summary>Every stored document, read straight from the SQLite file, to prove that refused input wrote nothing.</summary>
internal static class StoreSnapshot
{
    /// <summary>
    /// What any accepted turn may write, whoever sends it: the conversation reference (needed for proactive
    /// messages) and the personal-chat index. Every other collection must be untouched by refused input.
    /// </summary>
    public static readonly IReadOnlyList<string> TurnBookkeepingCollections = ["conversations", "personal-chats"];

    public static List<string> Take(string dataDirectory)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "bot.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT collection, partition, id, etag, json FROM documents WHERE collection NOT IN ({string.Join(", ", TurnBookkeepingCollections.Select(c => $"'{c}'"))}) ORDER BY collection, partition, id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetString(0)}/{reader.GetString(1)}/{reader.GetString(2)} {reader.GetString(3)} {reader.GetString(4)}");
        }

        return rows;
    }
}
