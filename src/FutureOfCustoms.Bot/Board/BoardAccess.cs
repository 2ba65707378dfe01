using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Teams;
using Microsoft.AspNetCore.Authentication;

namespace FutureOfCustoms.Bot.Board;

/// <summary>
/// The conversation a board is opened in and the conversations it covers: a channel's board covers its whole
/// team (every channel the bot knows there), a meeting's or group chat's covers that chat.
/// </summary>
internal sealed record BoardScope(ConversationRef Home, IReadOnlySet<string> Conversations)
{
    public bool Covers(string conversationId) => Conversations.Contains(TurnMapping.WithoutThread(conversationId));
}

/// <summary>A signed-in member of the board's conversation, in the language the page asked for.</summary>
internal sealed record BoardViewer(UserRef User, bool IsModerator, CultureInfo Culture, BoardScope Scope)
{
    public TurnInfo Turn => new(User, Scope.Home, Culture);
}

/// <summary>
/// The one gate of every board request: a well-formed query, a signed-in user (401), a conversation the bot is
/// in (404), and the user a member of it or a moderator (403). Refusals carry no data.
/// </summary>
internal sealed class BoardAccess(IConversationDirectory directory, PollRoster roster, IModeratorPolicy moderators)
{
    public const string ConversationParameter = "conversation";
    public const string LanguageParameter = "lang";

    /// <summary>A query longer than this is refused: the page's own never comes near it.</summary>
    public const int MaxQueryLength = 2048;

    private const int MaxValueLength = 512;

    // The page's own parameters; "theme" is read by the page only, but the same URL reaches the server.
    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal)
    {
        ConversationParameter, LanguageParameter, "theme", "view", "poll", BoardIdentity.DevelopmentUserParameter,
    };

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    public async Task<(BoardViewer? Viewer, IResult? Refusal)> ResolveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(http.Request))
        {
            return (null, Results.BadRequest());
        }

        var authenticated = await http.AuthenticateAsync(BoardIdentity.Scheme);
        if (!authenticated.Succeeded || BoardIdentity.UserOf(authenticated.Principal) is not { } signedIn)
        {
            return (null, Results.Unauthorized());
        }

        if (!BoardIdentity.HasBoardScope(authenticated.Principal))
        {
            return (null, Results.StatusCode(StatusCodes.Status403Forbidden));
        }

        var scope = await ScopeAsync(http.Request.Query[ConversationParameter].ToString(), cancellationToken);
        if (scope is null)
        {
            return (null, Results.NotFound());
        }

        var user = new UserRef(signedIn.ObjectId, signedIn.Name, signedIn.ObjectId);
        var isModerator = await moderators.IsModeratorAsync(user, scope.Home, cancellationToken);
        if (!isModerator && !(await roster.MembersAsync(scope.Home.Id, cancellationToken)).Any(m => string.Equals(m.AadObjectId, user.AadObjectId, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Results.StatusCode(StatusCodes.Status403Forbidden));
        }

        var culture = http.Request.Query[LanguageParameter].ToString().StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
        return (new BoardViewer(user, isModerator, culture, scope), null);
    }

    private static bool IsWellFormed(HttpRequest request)
        => request.QueryString.Value is not { Length: > MaxQueryLength }
            && request.Query.All(p => KnownParameters.Contains(p.Key) && p.Value.Count == 1 && p.Value[0] is { Length: <= MaxValueLength } value && !value.Any(char.IsControl));

    /// <summary>The named conversation, or without one the only team the bot is in (the personal tab).</summary>
    private async Task<BoardScope?> ScopeAsync(string conversationId, CancellationToken cancellationToken)
    {
        var known = (await directory.ListAsync(cancellationToken)).Where(c => c.Installed && c.Conversation.Kind != ConversationKind.Personal).ToList();
        KnownConversation? home;
        if (conversationId.Length == 0)
        {
            var teams = known.Where(c => c.Conversation.Kind == ConversationKind.Channel).GroupBy(c => c.Conversation.TeamId).ToList();
            home = teams.Count == 1 ? teams[0].OrderBy(c => c.FirstSeenAt).First() : null;
        }
        else
        {
            var id = TurnMapping.WithoutThread(conversationId);
            home = known.FirstOrDefault(c => c.Conversation.Id == id);
        }

        if (home is null)
        {
            return null;
        }

        var teamId = home.Conversation.Kind == ConversationKind.Channel ? home.Conversation.TeamId : null;
        var covered = teamId is null
            ? [home.Conversation.Id]
            : known.Where(c => c.Conversation.TeamId == teamId).Select(c => c.Conversation.Id).ToHashSet(StringComparer.Ordinal);
        return new BoardScope(home.Conversation, covered.ToHashSet(StringComparer.Ordinal));
    }
}
