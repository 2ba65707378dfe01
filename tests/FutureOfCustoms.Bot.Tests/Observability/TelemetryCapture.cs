using System.Diagnostics;
using FutureOfCustoms.Bot.Observability;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FutureOfCustoms.Bot.Tests.Observability;

/// <summary>
/// The bot's own traces and metrics into OpenTelemetry's in-memory exporter. OpenTelemetry listens to meters by
/// name across the process, so the tests that read it run alone (<see cref="TelemetryTestsRunAlone"/>).
/// </summary>
internal sealed class TelemetryCapture
{
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly List<Activity> _spans = [];
    private IServiceProvider? _services;

    public IReadOnlyList<Activity> Spans => _spans;

    public void Configure(IServiceCollection services)
        => services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(BotTelemetry.Name).AddInMemoryExporter(_spans))
            .WithMetrics(m => m.AddMeter(BotTelemetry.Name).AddInMemoryExporter(_metrics));

    /// <summary>Starts the providers (a host would at start-up), so measurements from now on are seen.</summary>
    public void Start(IServiceProvider services)
    {
        _services = services;
        services.GetRequiredService<MeterProvider>();
        services.GetRequiredService<TracerProvider>();
    }

    /// <summary>The sum of a counter (or count of a histogram) over the points carrying every given tag.</summary>
    public long Total(string name, params (string Key, object Value)[] tags)
    {
        _metrics.Clear();
        _services!.GetRequiredService<MeterProvider>().ForceFlush();
        long total = 0;
        foreach (var point in _metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints.Select(p => (m.MetricType, Point: p))))
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out var value) && Equals(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))))
            {
                total += point.MetricType == MetricType.Histogram ? point.Point.GetHistogramCount() : point.Point.GetSumLong();
            }
        }

        return total;
    }

    public IReadOnlyList<Activity> FlushedSpans()
    {
        _services!.GetRequiredService<TracerProvider>().ForceFlush();
        return _spans;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone
{
    public const string Name = "Telemetry";
}
