using System.Globalization;
using System.Threading.RateLimiting;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Localization;
using FutureOfCustoms.Bot.Observability;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Hosting;

/// <summary>
/// Per-member allowances on the verbs that write (questions, suggestions, answers, votes): a token bucket per
/// member and kind, from System.Threading.RateLimiting. Over it, the member is told how long to wait and the
/// command does not run; the buckets are partitioned by member, so nobody else waits.
/// </summary>
internal sealed partial class MemberRateLimits : ICommandFilter, IDisposable
{
    private readonly IReadOnlyDictionary<string, (string Bucket, int Limit)> _buckets;
    private readonly PartitionedRateLimiter<(string Bucket, string Member, int Limit)> _limiter;
    private readonly BotTelemetry _telemetry;
    private readonly ILogger<MemberRateLimits> _logger;

    public MemberRateLimits(IOptions<RateLimitOptions> options, BotTelemetry telemetry, ILogger<MemberRateLimits> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var window = options.Value.Window;
        _buckets = options.Value.Buckets;
        _telemetry = telemetry;
        _logger = logger;
        _limiter = PartitionedRateLimiter.Create<(string Bucket, string Member, int Limit), (string, string)>(key => RateLimitPartition.GetTokenBucketLimiter(
            (key.Bucket, key.Member),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = key.Limit,
                TokensPerPeriod = key.Limit,
                ReplenishmentPeriod = window,
                QueueLimit = 0,

                // The partitioned limiter replenishes its partitions itself, on one timer for all of them.
                AutoReplenishment = false,
            }));
    }

    public async Task<CommandReply> RunAsync(CommandDefinition definition, CommandContext context, Func<Task<CommandReply>> inner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inner);
        if (!_buckets.TryGetValue(definition.Verb, out var bucket))
        {
            return await inner();
        }

        using var lease = _limiter.AttemptAcquire((bucket.Bucket, context.User.Key, bucket.Limit));
        if (lease.IsAcquired)
        {
            return await inner();
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = (long)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        LogLimited(_logger, context.User.Id, bucket.Bucket, seconds);
        _telemetry.Limited(definition.Verb);
        return CommandReply.Refusal(Plural.Format(context.Culture, HostingStrings.ResourceManager.GetString(nameof(HostingStrings.RateLimited), context.Culture)!, seconds));
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {User} went over the {Bucket} allowance; told to wait {Seconds} s")]
    private static partial void LogLimited(ILogger logger, string user, string bucket, long seconds);
}
