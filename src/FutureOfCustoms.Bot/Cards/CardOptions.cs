namespace FutureOfCustoms.Bot.Cards;

internal sealed class CardOptions
{
    public const string SectionName = "Cards";

    /// <summary>Folder of the <c>*.json</c> templates; relative paths are resolved against the application folder.</summary>
    public string TemplatePath { get; set; } = "cards";

    public string ResolvedTemplatePath => Path.GetFullPath(TemplatePath, AppContext.BaseDirectory);
}
