using System.Text.Json.Nodes;

namespace FutureOfCustoms.Bot.Cards;

// Placeholder until the cards branch merges: replaced by that branch's file.
public interface ICardRenderer
{
    JsonObject Render(string templateName, object data);
}
