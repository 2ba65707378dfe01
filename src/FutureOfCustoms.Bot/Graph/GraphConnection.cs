using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// The one GraphServiceClient, created on first use so a bot without Graph settings never builds a credential.
/// The credential is a keyed service: tests put a stub in its place, the client and its JSON handling stay real.
/// </summary>
internal sealed class GraphConnection(IOptions<GraphOptions> options, IServiceProvider services) : IDisposable
{
    private readonly Lazy<GraphServiceClient> _client = new(() =>
    {
        var baseUrl = new Uri(options.Value.BaseUrl.TrimEnd('/'));

        // The token goes to the configured host only; app-only ".default" grants what the admin consented to.
        var authentication = new AzureIdentityAuthenticationProvider(
            services.GetRequiredKeyedService<TokenCredential>(GraphOptions.SectionName),
            allowedHosts: [baseUrl.Host],
            scopes: [baseUrl.GetLeftPart(UriPartial.Authority) + "/.default"]);
        return new GraphServiceClient(authentication, baseUrl.ToString());
    });

    public bool Enabled => options.Value.Enabled;

    public GraphServiceClient Client => Enabled
        ? _client.Value
        : throw new InvalidOperationException("Graph is not configured (Graph:ClientId or Graph:UseManagedIdentity); callers check Enabled first.");

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    /// <summary>The app's credential from the Graph section; validation has made sure exactly one way applies.</summary>
    public static TokenCredential CreateCredential(GraphOptions options)
    {
        if (options.UseManagedIdentity)
        {
            return string.IsNullOrWhiteSpace(options.ClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return new ClientCertificateCredential(options.TenantId, options.ClientId, options.CertificatePath);
        }

        return new ClientCertificateCredential(options.TenantId, options.ClientId, FindCertificate(options.CertificateThumbprint!));
    }

    private static X509Certificate2 FindCertificate(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException($"Graph:CertificateThumbprint {thumbprint} is in neither the CurrentUser nor the LocalMachine 'My' certificate store.");
    }
}
