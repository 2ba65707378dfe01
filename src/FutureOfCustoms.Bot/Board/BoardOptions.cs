namespace FutureOfCustoms.Bot.Board;

/// <summary>The live board: the Teams tab's pages and the data they read (section "Board").</summary>
public sealed class BoardOptions
{
    public const string SectionName = "Board";

    /// <summary>
    /// The Entra application ID URI Teams single sign-on tokens are issued for (the manifest's
    /// webApplicationInfo.resource), e.g. api://bot.example.org/botid-{MicrosoftAppId}. With MicrosoftAppId
    /// set and this empty, nobody can sign in to the board.
    /// </summary>
    public string? ApplicationIdUri { get; set; }

    /// <summary>
    /// The Teams app's id (the manifest's "id", TEAMS_APP_ID): the in-meeting notification of a poll launched in a
    /// meeting chat opens the board through it. Empty: no in-meeting notification.
    /// </summary>
    public string? TeamsAppId { get; set; }

    /// <summary>How often a poll someone watches is read for new counts (covers votes taken by other instances too).</summary>
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How far back the moderators' list of unanswered questions goes.</summary>
    public TimeSpan UnansweredWindow { get; set; } = TimeSpan.FromDays(30);
}
