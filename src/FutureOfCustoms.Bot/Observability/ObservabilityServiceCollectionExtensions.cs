using Azure.Monitor.OpenTelemetry.AspNetCore;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FutureOfCustoms.Bot.Observability;

internal static class ObservabilityServiceCollectionExtensions
{
    public const string ServiceName = "futureofcustoms-bot";

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<BotTelemetry>();

        // The outermost filter: a turn refused by a rate limit is still a turn, timed and counted.
        services.AddSingleton<ICommandFilter, TurnTelemetry>();

        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>()
            .Bind(section)
            .Validate(o => o.OtlpEndpoint is null || (o.OtlpEndpoint.IsAbsoluteUri && o.OtlpEndpoint.Scheme is "http" or "https"), "Telemetry:OtlpEndpoint must be an absolute http(s) address, e.g. http://localhost:4317.")
            .Validate(o => o.OtlpProtocol is "Grpc" or "HttpProtobuf", "Telemetry:OtlpProtocol must be Grpc or HttpProtobuf.")
            .ValidateOnStart();
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.IsOn)
        {
            return services;
        }

        // The Azure Monitor distro brings ASP.NET Core's instrumentation itself; adding it again would double the spans.
        var azureMonitor = !string.IsNullOrWhiteSpace(settings.AzureMonitorConnectionString);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: HealthEndpoints.Version))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BotTelemetry.Name);
                if (!azureMonitor)
                {
                    tracing.AddAspNetCoreInstrumentation();
                }

                if (settings.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(o => Otlp(o, endpoint, settings));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name);
                if (!azureMonitor)
                {
                    metrics.AddAspNetCoreInstrumentation();
                }

                if (settings.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, endpoint, settings));
                }
            });
        if (azureMonitor)
        {
            telemetry.UseAzureMonitor(o => o.ConnectionString = settings.AzureMonitorConnectionString);
        }

        return services;
    }

    private static void Otlp(OtlpExporterOptions options, Uri endpoint, TelemetryOptions settings)
    {
        options.Endpoint = endpoint;
        options.Protocol = settings.OtlpProtocol == "HttpProtobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
