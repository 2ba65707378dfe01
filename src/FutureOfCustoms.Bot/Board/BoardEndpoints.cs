using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Suggestions;
using Microsoft.Extensions.FileProviders;

namespace FutureOfCustoms.Bot.Board;

internal static class BoardEndpoints
{
    /// <summary>The board's pages: one page, its sections chosen by the last path segment.</summary>
    public static readonly IReadOnlySet<string> Views = new HashSet<string>(StringComparer.Ordinal) { "polls", "poll", "discussion", "suggestions", "moderation" };

    private const int MaxReviewBody = 4096;

    // Teams shows tabs in frames of its own origins; nothing else may frame the board, and the page loads only its own files.
    private const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.skype.com";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplication MapBoard(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Board", "wwwroot");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            RequestPath = "/board/static",
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

        app.MapGet("/board", (HttpContext http) => Page(http, root));
        app.MapGet("/board/{view}", (string view, HttpContext http) => Views.Contains(view) ? Page(http, root) : Results.NotFound());

        var api = app.MapGroup("/board/api");
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });

        // The page's words are no data: the page needs them to say that sign-in failed.
        api.MapGet("/strings", (string? lang) =>
        {
            var culture = CultureInfo.GetCultureInfo(lang is { Length: >= 2 } l && l.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr" : "en");
            var set = BoardStrings.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: true)!;
            var strings = set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => BoardStrings.ResourceManager.GetString((string)e.Key, culture));
            return Results.Json(strings);
        });

        api.MapGet("/me", (HttpContext http, BoardAccess access, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, viewer => Task.FromResult(Results.Json(new { name = viewer.User.Name, viewer.IsModerator, conversation = viewer.Scope.Home.Id, meeting = viewer.Scope.Home.MeetingId is not null }, Json)), cancellationToken));

        // The polls of this meeting's chat that close when it ends, and marking one (moderators).
        api.MapGet("/meeting", (HttpContext http, BoardAccess access, MeetingPolls meetings, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer => Results.Json(new { closeAtEnd = await meetings.MarkedAsync(viewer.Scope.Home.Id, cancellationToken) }, Json), cancellationToken));

        api.MapPost("/polls/{id}/close-at-meeting-end", (string id, HttpContext http, BoardAccess access, BoardPolls polls, MeetingPolls meetings, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer =>
            {
                if (!viewer.IsModerator)
                {
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                }

                return await polls.FindAsync(id, viewer, cancellationToken) is not { } poll ? Results.NotFound()
                    : await meetings.MarkAsync(poll, viewer.User, cancellationToken) is { } refusal ? Results.Json(new { refusal = refusal.ToString() }, Json, statusCode: StatusCodes.Status409Conflict)
                    : Results.NoContent();
            }, cancellationToken));

        api.MapGet("/polls", (HttpContext http, BoardAccess access, BoardPolls polls, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer => Results.Json(await polls.ListAsync(viewer, cancellationToken), Json), cancellationToken));

        api.MapGet("/polls/{id}", (string id, HttpContext http, BoardAccess access, BoardPolls polls, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer => await polls.FindAsync(id, viewer, cancellationToken) is { } poll
                ? Results.Json(await polls.ViewAsync(poll, viewer, cancellationToken), Json)
                : Results.NotFound(), cancellationToken));

        api.MapGet("/polls/{id}/live", (string id, HttpContext http, BoardAccess access, BoardPolls polls, LivePolls live, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer => await polls.FindAsync(id, viewer, cancellationToken) is { } poll
                ? new LiveStream(poll, viewer, polls, live)
                : Results.NotFound(), cancellationToken));

        api.MapGet("/discussion", (HttpContext http, BoardAccess access, BoardSections sections, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer => Results.Json(await sections.DiscussionAsync(viewer.Culture, cancellationToken), Json), cancellationToken));

        api.MapGet("/suggestions", (HttpContext http, BoardAccess access, BoardSections sections, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer => Results.Json(await sections.SuggestionsAsync(viewer, cancellationToken), Json), cancellationToken));

        api.MapPost("/suggestions/{id}/review", (string id, HttpContext http, BoardAccess access, CommandRouter router, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, viewer => ReviewAsync(id, http.Request, viewer, router, cancellationToken), cancellationToken));

        api.MapGet("/moderation", (HttpContext http, BoardAccess access, BoardSections sections, CancellationToken cancellationToken)
            => WithViewerAsync(http, access, async viewer => viewer.IsModerator
                ? Results.Json(await sections.ModerationAsync(viewer, cancellationToken), Json)
                : Results.StatusCode(StatusCodes.Status403Forbidden), cancellationToken));
        return app;
    }

    private static IResult Page(HttpContext http, string root)
    {
        http.Response.Headers.ContentSecurityPolicy = PagePolicy;
        http.Response.Headers.CacheControl = "no-cache";
        return Results.File(Path.Combine(root, "index.html"), "text/html; charset=utf-8");
    }

    /// <summary>Runs <paramref name="answer"/> for a member of the board's conversation, in their language; anyone else gets the refusal only.</summary>
    private static async Task<IResult> WithViewerAsync(HttpContext http, BoardAccess access, Func<BoardViewer, Task<IResult>> answer, CancellationToken cancellationToken)
    {
        var (viewer, refusal) = await access.ResolveAsync(http, cancellationToken);
        if (viewer is null)
        {
            return refusal!;
        }

        // The features' resources follow the request's culture, as they follow a turn's.
        CultureInfo.CurrentCulture = viewer.Culture;
        CultureInfo.CurrentUICulture = viewer.Culture;
        return await answer(viewer);
    }

    /// <summary>A moderator's review, through the same verb, moderator check and rules as the suggestion card's buttons.</summary>
    private static async Task<IResult> ReviewAsync(string id, HttpRequest request, BoardViewer viewer, CommandRouter router, CancellationToken cancellationToken)
    {
        if (!viewer.IsModerator)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (request.ContentLength is null or > MaxReviewBody || !request.HasJsonContentType())
        {
            return Results.BadRequest();
        }

        JsonObject? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body, Json, cancellationToken);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        var verb = body?["action"] is JsonValue action && action.TryGetValue(out string? named) ? named switch
        {
            "accept" => SuggestionReviewCommand.AcceptVerb,
            "merge" => SuggestionReviewCommand.MergeVerb,
            "decline" => SuggestionReviewCommand.DeclineVerb,
            _ => null,
        } : null;
        if (verb is null)
        {
            return Results.BadRequest();
        }

        var data = new JsonObject { ["id"] = id };
        foreach (var field in new[] { "reason", "target" })
        {
            if (body![field] is JsonValue value && value.TryGetValue(out string? text))
            {
                data[field] = text;
            }
        }

        var reply = await router.RouteActionAsync(viewer.Turn, CommandSource.Execute, verb, data, cancellationToken);
        var message = reply.Messages.Count > 0 ? reply.Messages[0].Text : null;
        return reply.IsRefusal
            ? Results.Json(new { message }, Json, statusCode: StatusCodes.Status409Conflict)
            : Results.Json(new { message }, Json);
    }

    /// <summary>
    /// Server-sent events: one "counts" event now and at every change, until the poll closes or the viewer leaves.
    /// The page reads it with fetch (an EventSource cannot send the sign-in token) and reconnects when it ends.
    /// </summary>
    private sealed class LiveStream(Polls.Poll poll, BoardViewer viewer, BoardPolls polls, LivePolls live) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var cancellationToken = httpContext.RequestAborted;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.Body.FlushAsync(cancellationToken);
            var visible = await polls.CountsVisibleAsync(poll, viewer, cancellationToken);
            var members = await polls.MembersAsync(poll, cancellationToken);
            try
            {
                await foreach (var counts in live.FollowAsync(poll, cancellationToken))
                {
                    // A member who may see the counts once they vote sees them from the update after their vote.
                    visible = visible || await polls.CountsVisibleAsync(poll with { Status = counts.Open ? poll.Status : Polls.PollStatus.Closed }, viewer, cancellationToken);
                    await response.WriteAsync("event: counts\ndata: ", cancellationToken);
                    await JsonSerializer.SerializeAsync(response.Body, BoardPolls.Live(poll, counts, visible, members, viewer.Culture), Json, cancellationToken);
                    await response.WriteAsync("\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The viewer left.
            }
        }
    }
}
