using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>
/// Reading card inputs safely: Teams sends every input as a string (toggles as "true"/"false",
/// multi-select choice sets as "a,b"), and forged payloads may send anything else.
/// </summary>
public static class CardData
{
    public static string? GetString(this JsonObject data, string key)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
    }

    public static bool GetFlag(this JsonObject data, string key)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data[key] switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => string.Equals(value.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>The values of a multi-select choice set (comma-separated), trimmed, without empties.</summary>
    public static IReadOnlyList<string> GetList(this JsonObject data, string key)
        => data.GetString(key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
