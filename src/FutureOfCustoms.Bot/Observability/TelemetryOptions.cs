namespace FutureOfCustoms.Bot.Observability;

/// <summary>
/// The "Telemetry" section: where OpenTelemetry traces and metrics go. Off by default (nothing is exported, no
/// exporter is even registered); an OTLP endpoint, an Azure Monitor connection string, or both turn it on.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>An OTLP collector, e.g. http://localhost:4317 (gRPC) or http://localhost:4318 with <see cref="OtlpProtocol"/> HttpProtobuf.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Grpc or HttpProtobuf.</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>The Application Insights connection string: traces and metrics go to Azure Monitor.</summary>
    public string? AzureMonitorConnectionString { get; set; }

    internal bool IsOn => OtlpEndpoint is not null || !string.IsNullOrWhiteSpace(AzureMonitorConnectionString);
}
