using System.Text.Json.Nodes;

namespace FutureOfCustoms.Bot.Cards;

/// <summary>Turns a card template of the <c>cards/</c> folder and data into an Adaptive Card.</summary>
internal interface ICardRenderer
{
    /// <summary>Names of the loaded templates (file names without <c>.json</c>).</summary>
    IReadOnlyCollection<string> TemplateNames { get; }

    /// <param name="templateName">File name without <c>.json</c>, e.g. <c>welcome</c>.</param>
    /// <param name="data">Any object (serialized camelCase) or a <see cref="JsonNode"/>; bound to <c>$root</c>.</param>
    /// <returns>A new card the caller may modify.</returns>
    JsonObject Render(string templateName, object data);
}
