using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Search;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FutureOfCustoms.Bot.Tests.Hosting;

public sealed class DataPathTests
{
    [Fact]
    public async Task Relative_data_settings_all_land_under_the_content_root_whatever_the_working_directory()
    {
        using var factory = new ContentRootFactory(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = "data/futureofcustoms.db",
            ["Storage:Files:Path"] = "data/files",
            ["Search:Embedded:IndexPath"] = "data/index",
        });

        using var client = factory.CreateClient();
        _ = factory.Services.GetRequiredService<IFileStore>();
        // The start-up indexing runs in the background; writing the corpus here makes the folder exist now.
        await factory.Services.GetRequiredService<IKnowledgeIndex>().SynchronizeCorpusAsync(
            factory.Services.GetRequiredService<KnowledgeCorpus>().Passages, CancellationToken.None);

        var data = Path.Combine(factory.DataDirectory, "data");
        Assert.True(File.Exists(Path.Combine(data, "futureofcustoms.db")), "the SQLite file is not under the content root");
        Assert.True(Directory.Exists(Path.Combine(data, "files")), "the files folder is not under the content root");
        Assert.True(Directory.Exists(Path.Combine(data, "index")), "the index is not under the content root");
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "data")), "something wrote data beside the binaries");
    }

    [Fact]
    public void An_absolute_data_setting_is_kept_as_it_is()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "bot.db");

        Assert.Equal(absolute, Bot.Storage.DataPath.Resolve(new Environment("/srv/bot"), absolute));
    }

    // The temporary data directory doubles as the content root, so nothing lands in the repository.
    private sealed class ContentRootFactory(IDictionary<string, string?> settings) : BotApplicationFactory(settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseContentRoot(DataDirectory);
        }
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "FutureOfCustoms.Bot";

        public string ContentRootPath { get; set; } = contentRoot;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
