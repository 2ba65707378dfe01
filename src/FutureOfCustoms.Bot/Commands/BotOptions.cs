namespace FutureOfCustoms.Bot.Commands;

public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Entra object ids (the activity's from.aadObjectId) of the group's moderators.</summary>
    public IReadOnlyList<string> Moderators { get; set; } = [];
}
