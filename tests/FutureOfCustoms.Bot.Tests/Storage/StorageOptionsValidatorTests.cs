using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    [Fact]
    public void Azure_tables_with_one_connection_string_serves_tables_files_and_leases()
    {
        var options = new StorageOptions { Provider = StorageProvider.AzureTables, AzureTables = { ConnectionString = "UseDevelopmentStorage=true" } };

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Azure_tables_through_managed_identity_needs_both_endpoints()
    {
        var tablesOnly = new StorageOptions { Provider = StorageProvider.AzureTables, AzureTables = { Endpoint = new Uri("https://acct.table.core.windows.net") } };
        var both = new StorageOptions
        {
            Provider = StorageProvider.AzureTables,
            AzureTables = { Endpoint = new Uri("https://acct.table.core.windows.net") },
            AzureBlobs = { Endpoint = new Uri("https://acct.blob.core.windows.net") },
        };

        Assert.Contains("Storage:AzureBlobs needs a ConnectionString or an Endpoint", new StorageOptionsValidator().Validate(null, tablesOnly).FailureMessage, StringComparison.Ordinal);
        Assert.True(new StorageOptionsValidator().Validate(null, both).Succeeded);
    }

    [Theory]
    [InlineData(null, "foc", "foc-files", "Storage:AzureTables needs a ConnectionString, or an Endpoint")]
    [InlineData("UseDevelopmentStorage=true", "1foc", "foc-files", "Storage:AzureTables:TablePrefix must be 1-20 letters or digits")]
    [InlineData("UseDevelopmentStorage=true", "foc-bot", "foc-files", "Storage:AzureTables:TablePrefix must be 1-20 letters or digits")]
    [InlineData("UseDevelopmentStorage=true", "foc", "Foc_Files", "Storage:AzureBlobs:Container must be 3-63 lower-case letters")]
    [InlineData("UseDevelopmentStorage=true", "foc", "foc--files", "Storage:AzureBlobs:Container must be 3-63 lower-case letters")]
    public void Bad_azure_settings_are_named_in_the_message(string? connectionString, string prefix, string container, string expected)
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.AzureTables,
            AzureTables = { ConnectionString = connectionString, TablePrefix = prefix },
            AzureBlobs = { Container = container },
        };

        Assert.Contains(expected, new StorageOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }
}
