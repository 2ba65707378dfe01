namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// Where a relative data setting (the SQLite file, the files folder, the local search index) lands: always
/// under the host's content root, so the database and the index sit side by side whatever the process's
/// working directory or build output folder. With `dotnet run --project src/FutureOfCustoms.Bot` the content
/// root is that project folder; a published bot's is the folder it runs from. Files shipped with the bot
/// (cards, corpus, synonyms) are read from the application folder instead: they are copied there by the build.
/// </summary>
internal static class DataPath
{
    public static string Resolve(IHostEnvironment environment, string path)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Path.GetFullPath(path, environment.ContentRootPath);
    }
}
