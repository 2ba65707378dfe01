namespace FutureOfCustoms.Bot.Commands;

public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Entra object ids (the activity's from.aadObjectId) of the group's moderators.</summary>
    public IReadOnlyList<string> Moderators { get; set; } = [];

    /// <summary>
    /// Entra tenant ids whose users may use the bot; others get a polite refusal and nothing is stored. Required
    /// when MicrosoftAppId is set (a multi-tenant app registration can be installed by any tenant); empty
    /// locally, where every tenant is let in.
    /// </summary>
    public IReadOnlyList<string> AllowedTenants { get; set; } = [];
}
