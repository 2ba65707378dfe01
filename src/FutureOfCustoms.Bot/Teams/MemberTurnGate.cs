using System.Threading.RateLimiting;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// One member's turns run one at a time (System.Threading.RateLimiting's concurrency limiter, partitioned by
/// member); the others wait in a short queue. Messages and invokes only: proactive turns are the bot's own. A member who fires many turns at once then holds one turn's worth
/// of the bot's CPU, not many, so everyone else keeps their pace. Past the queue the turn is refused with a wait.
/// </summary>
internal sealed partial class MemberTurnGate : Microsoft.Bot.Builder.IMiddleware, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ILogger<MemberTurnGate> _logger;

    public MemberTurnGate(IOptions<RateLimitOptions> options, ILogger<MemberTurnGate> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _logger = logger;
        _limiter = PartitionedRateLimiter.Create<string, string>(member => RateLimitPartition.GetConcurrencyLimiter(member, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.TurnsAtOncePerMember,
            QueueLimit = settings.QueuedTurnsPerMember,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        // Only what members send: a proactive turn (a digest posted while the moderator's `digest post` turn holds
        // their permit) carries that member as its user and would wait for itself.
        var from = turnContext.Activity.From;
        if (turnContext.Activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke) || from?.Id is not { Length: > 0 } id)
        {
            await next(cancellationToken);
            return;
        }

        using var lease = await _limiter.AcquireAsync(UserRef.KeyOf(id, from.AadObjectId), 1, cancellationToken);
        if (lease.IsAcquired)
        {
            await next(cancellationToken);
            return;
        }

        LogRefused(_logger, id);
        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            var culture = TurnMapping.CultureOf(turnContext.Activity);
            await turnContext.SendActivityAsync(MessageFactory.Text(Localization.Plural.Format(culture, HostingStrings.ResourceManager.GetString(nameof(HostingStrings.RateLimited), culture)!, 5)), cancellationToken);
        }
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {User} has too many turns waiting; this one was refused")]
    private static partial void LogRefused(ILogger logger, string user);
}
