using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Tests.Support;

/// <summary>Reading what the bot answered, in System.Text.Json terms.</summary>
public static class Replies
{
    public static IEnumerable<Activity> Messages(this IEnumerable<Activity> replies) => replies.Where(a => a.Type == ActivityTypes.Message);

    /// <summary>The first Adaptive Card the bot sent.</summary>
    public static JsonObject Card(this IEnumerable<Activity> replies)
    {
        var attachment = replies.Messages().SelectMany(a => a.Attachments ?? []).FirstOrDefault(a => a.ContentType == "application/vnd.microsoft.card.adaptive")
            ?? throw new Xunit.Sdk.XunitException("The bot sent no Adaptive Card. It sent: " + string.Join(" | ", replies.Select(r => $"{r.Type}: {r.Text}")));
        return JsonNode.Parse(JToken.FromObject(attachment.Content).ToString())!.AsObject();
    }

    public static string Texts(this IEnumerable<Activity> replies) => string.Join("\n", replies.Messages().Select(a => a.Text));

    /// <summary>The adaptiveCard/action invoke response.</summary>
    public static AdaptiveCardInvokeResponse InvokeResponse(this IEnumerable<Activity> replies)
    {
        var activity = replies.FirstOrDefault(a => a.Type == ActivityTypesEx.InvokeResponse)
            ?? throw new Xunit.Sdk.XunitException("No invoke response.");
        var invoke = (InvokeResponse)activity.Value;
        return invoke.Body as AdaptiveCardInvokeResponse ?? JObject.FromObject(invoke.Body).ToObject<AdaptiveCardInvokeResponse>()!;
    }

    public static JsonObject InvokeCard(this IEnumerable<Activity> replies)
    {
        var response = replies.InvokeResponse();
        Assert.Equal("application/vnd.microsoft.card.adaptive", response.Type);
        return JsonNode.Parse(JToken.FromObject(response.Value).ToString())!.AsObject();
    }

    /// <summary>Every text in a card, flattened, for assertions on what a reader sees.</summary>
    public static string AllText(this JsonNode card)
    {
        var texts = new List<string>();
        Collect(card, texts);
        return string.Join("\n", texts);
    }

    /// <summary>Every FactSet fact in a card, in order.</summary>
    public static IEnumerable<(string Title, string Value)> AllFacts(this JsonNode card)
    {
        var facts = new List<(string, string)>();
        CollectFacts(card, facts);
        return facts;
    }

    private static void CollectFacts(JsonNode? node, List<(string, string)> facts)
    {
        if (node is JsonObject obj && obj["type"]?.GetValue<string>() == "FactSet" && obj["facts"] is JsonArray list)
        {
            facts.AddRange(list.OfType<JsonObject>().Select(f => (f["title"]?.GetValue<string>() ?? string.Empty, f["value"]?.GetValue<string>() ?? string.Empty)));
            return;
        }

        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] })
        {
            CollectFacts(child, facts);
        }
    }

    private static void Collect(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is JsonValue v && v.TryGetValue(out string? s) && key is "text" or "title" or "value" or "placeholder" or "label")
                    {
                        texts.Add(s);
                    }
                    else
                    {
                        Collect(value, texts);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, texts);
                }

                break;
        }
    }
}
