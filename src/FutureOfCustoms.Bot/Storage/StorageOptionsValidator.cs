using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Storage;

internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(options.Sqlite.Path))
                {
                    failures.Add("Storage:Sqlite:Path must name the SQLite database file, e.g. data/futureofcustoms.db.");
                }

                if (string.IsNullOrWhiteSpace(options.Files.Path))
                {
                    failures.Add("Storage:Files:Path must name a folder for exported and uploaded files, e.g. data/files.");
                }

                break;
            case StorageProvider.AzureTables:
                ValidateAzure(options, failures);
                break;
            default:
                failures.Add($"Storage:Provider must be {nameof(StorageProvider.Sqlite)} or {nameof(StorageProvider.AzureTables)}.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAzure(StorageOptions options, List<string> failures)
    {
        var tables = options.AzureTables;
        if (!tables.IsConfigured)
        {
            failures.Add("Storage:AzureTables needs a ConnectionString, or an Endpoint (https://<account>.table.core.windows.net) reached with managed identity.");
        }

        if (tables.ConnectionString is null && tables.Endpoint is { IsAbsoluteUri: false })
        {
            failures.Add("Storage:AzureTables:Endpoint must be an absolute URL, e.g. https://<account>.table.core.windows.net.");
        }

        if (!TablePrefix().IsMatch(tables.TablePrefix ?? string.Empty))
        {
            failures.Add("Storage:AzureTables:TablePrefix must be 1-20 letters or digits starting with a letter (table names allow nothing else), e.g. foc.");
        }

        var blobs = options.AzureBlobs;
        if (!blobs.IsConfigured && string.IsNullOrWhiteSpace(tables.ConnectionString))
        {
            failures.Add("Storage:AzureBlobs needs a ConnectionString or an Endpoint (https://<account>.blob.core.windows.net) when Storage:AzureTables signs in with an Endpoint: files and work leases live in Blob Storage.");
        }

        if (blobs.ConnectionString is null && blobs.Endpoint is { IsAbsoluteUri: false })
        {
            failures.Add("Storage:AzureBlobs:Endpoint must be an absolute URL, e.g. https://<account>.blob.core.windows.net.");
        }

        if (!ContainerName().IsMatch(blobs.Container ?? string.Empty) || blobs.Container!.Contains("--", StringComparison.Ordinal))
        {
            failures.Add("Storage:AzureBlobs:Container must be 3-63 lower-case letters, digits or single dashes, starting and ending with a letter or digit, e.g. foc-files.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    private static partial Regex TablePrefix();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
