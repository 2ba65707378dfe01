using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FutureOfCustoms.Bot.Observability;

/// <summary>
/// The bot's own traces and metrics, under one name that OpenTelemetry (or dotnet-counters) subscribes to.
/// Instruments come from the host's <see cref="IMeterFactory"/>, so each host (and each test's) has its own.
/// </summary>
public sealed class BotTelemetry : IDisposable
{
    public const string Name = "FutureOfCustoms.Bot";

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _votes;
    private readonly Counter<long> _sends;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _limited;

    public BotTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(Name);
        _turns = _meter.CreateCounter<long>("bot.turns", "{turn}", "Turns handled, by command verb.");
        _turnDuration = _meter.CreateHistogram<double>("bot.turn.duration", "s", "Time from an activity's arrival to the end of its turn, by command verb.");
        _answers = _meter.CreateCounter<long>("bot.answers", "{question}", "Questions asked, by whether the knowledge base found an answer or declined.");
        _votes = _meter.CreateCounter<long>("bot.votes", "{vote}", "Votes cast in polls.");
        _sends = _meter.CreateCounter<long>("bot.connector.calls", "{call}", "Calls to the Bot Connector, by kind (new message or repeatable) and outcome (ok, unknown, or the HTTP status given up on).");
        _retries = _meter.CreateCounter<long>("bot.connector.retries", "{retry}", "Connector calls tried again, by kind and the status that caused it.");
        _throttled = _meter.CreateCounter<long>("bot.connector.throttled", "{answer}", "429 answers from the Bot Connector.");
        _limited = _meter.CreateCounter<long>("bot.member.limited", "{turn}", "Turns refused because one member went over a rate limit, by verb.");
    }

    /// <summary>The source of the bot's spans (one per turn, and one per piece of background work).</summary>
    public static ActivitySource Traces { get; } = new(Name);

    /// <summary>Queue depth and age, read when the exporter collects; registered by the work queue.</summary>
    public void ObserveQueue(Func<Measurement<long>> depth, Func<Measurement<double>> oldestAge)
    {
        _meter.CreateObservableGauge("bot.queue.depth", depth, "{item}", "Work items waiting or in hand in the durable queue.");
        _meter.CreateObservableGauge("bot.queue.age", oldestAge, "s", "Age of the oldest waiting work item.");
    }

    public void Turn(string verb, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("verb", verb);
        _turns.Add(1, tag);
        _turnDuration.Record(duration.TotalSeconds, tag);
    }

    public void Answer(bool found) => _answers.Add(1, new KeyValuePair<string, object?>("outcome", found ? "found" : "declined"));

    public void Vote() => _votes.Add(1);

    public void ConnectorCall(string kind, string outcome)
        => _sends.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void ConnectorRetry(string kind, int? status)
    {
        _retries.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("status", status ?? 0));
        if (status == 429)
        {
            _throttled.Add(1);
        }
    }

    public void Limited(string verb) => _limited.Add(1, new KeyValuePair<string, object?>("verb", verb));

    public void Dispose() => _meter.Dispose();
}
