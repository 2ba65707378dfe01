using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// Microsoft Graph, for what the Bot Framework cannot tell: team owners, members' organisations, shared files.
/// Without an app (ClientId) or managed identity, each feature falls back and /healthz says so.
/// </summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    public string? TenantId { get; set; }

    /// <summary>The Entra app's client id; with managed identity, the user-assigned identity's client id (optional).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A .pfx or .pem file holding the app's certificate and private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>A certificate in the CurrentUser or LocalMachine "My" store.</summary>
    public string? CertificateThumbprint { get; set; }

    public bool UseManagedIdentity { get; set; }

    /// <summary>Graph's root; another cloud (e.g. https://graph.microsoft.us/v1.0) or, in tests, a local fake.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How long a team's owners and a member's organisation are remembered before Graph is asked again.</summary>
    public TimeSpan OwnerCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Shared files larger than this are not downloaded for indexing.</summary>
    public int MaxFileSizeMegabytes { get; set; } = 20;

    public bool Enabled => UseManagedIdentity || !string.IsNullOrWhiteSpace(ClientId);

    internal long MaxFileSizeBytes => MaxFileSizeMegabytes * 1024L * 1024L;
}

/// <summary>Every problem at once, naming the setting and what would fix it.</summary>
internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
        {
            errors.Add($"Graph:BaseUrl must be an absolute https URL such as {GraphOptions.DefaultBaseUrl} (http only for a local test server); it is '{options.BaseUrl}'.");
        }

        if (options.OwnerCacheDuration <= TimeSpan.Zero || options.OwnerCacheDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"Graph:OwnerCacheDuration must be between 00:00:01 and 1.00:00:00 (e.g. 00:05:00); it is {options.OwnerCacheDuration}.");
        }

        if (options.MaxFileSizeMegabytes is < 1 or > 250)
        {
            errors.Add($"Graph:MaxFileSizeMegabytes must be between 1 and 250; it is {options.MaxFileSizeMegabytes}.");
        }

        var secrets = new[] { options.ClientSecret, options.CertificatePath, options.CertificateThumbprint }.Count(s => !string.IsNullOrWhiteSpace(s));
        if (options.UseManagedIdentity)
        {
            if (secrets > 0)
            {
                errors.Add("Graph:UseManagedIdentity is true: remove Graph:ClientSecret, Graph:CertificatePath and Graph:CertificateThumbprint (a managed identity has no secret).");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.ClientId))
        {
            if (string.IsNullOrWhiteSpace(options.TenantId))
            {
                errors.Add("Graph:TenantId is required with Graph:ClientId: the directory (tenant) id or domain of the Entra app.");
            }

            if (secrets != 1)
            {
                errors.Add("Graph:ClientId needs exactly one of Graph:ClientSecret, Graph:CertificatePath or Graph:CertificateThumbprint (or set Graph:UseManagedIdentity to true).");
            }

            if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !File.Exists(options.CertificatePath))
            {
                errors.Add($"Graph:CertificatePath '{options.CertificatePath}' does not exist.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.TenantId) || secrets > 0)
        {
            errors.Add("Graph:ClientId is missing: with only a tenant, secret or certificate Graph cannot be used. Set Graph:ClientId, or remove the Graph settings to run without Graph.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
