using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>What every <see cref="IFileStore"/> promises, for the local folder and Blob Storage alike.</summary>
public abstract class FileStoreContract
{
    protected abstract IFileStore Files { get; }

    [ContractFact]
    public async Task A_file_reads_back_byte_for_byte()
    {
        var content = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 7)).ToArray();

        await Files.SaveAsync("export-1.xlsx", content);

        Assert.Equal(content, await Files.ReadAsync("export-1.xlsx"));
    }

    [ContractFact]
    public async Task Saving_again_replaces_the_content()
    {
        await Files.SaveAsync("report.csv", "first"u8.ToArray());
        await Files.SaveAsync("report.csv", "second"u8.ToArray());

        Assert.Equal("second"u8.ToArray(), await Files.ReadAsync("report.csv"));
    }

    [ContractFact]
    public async Task A_missing_file_reads_as_null()
    {
        Assert.Null(await Files.ReadAsync("nothing-" + Guid.NewGuid().ToString("N")));
    }

    [ContractFact]
    public async Task Deleting_removes_the_file_and_deleting_again_is_fine()
    {
        await Files.SaveAsync("temporary.bin", new byte[] { 1, 2, 3 });

        await Files.DeleteAsync("temporary.bin");
        await Files.DeleteAsync("temporary.bin");

        Assert.Null(await Files.ReadAsync("temporary.bin"));
    }

    [ContractFact]
    public async Task An_empty_file_is_a_file()
    {
        await Files.SaveAsync("empty.txt", ReadOnlyMemory<byte>.Empty);

        var content = await Files.ReadAsync("empty.txt");

        Assert.NotNull(content);
        Assert.Empty(content);
    }

    [ContractFact]
    public async Task Names_that_could_leave_the_store_are_refused()
    {
        foreach (var name in new[] { "../escape", "leases/digest", "a\\b", "c:thing", " " })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Files.SaveAsync(name, new byte[] { 1 }));
        }
    }
}
