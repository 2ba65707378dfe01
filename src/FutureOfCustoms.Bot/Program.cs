using FutureOfCustoms.Bot.Board;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Teams;

// "search" and "index" run the knowledge CLI on the bot's own services; their arguments are not settings.
var isCli = args is ["search" or "index", ..];
var builder = WebApplication.CreateBuilder(isCli ? [] : args);
builder.Services.AddFutureOfCustomsBot(builder.Configuration);
if (isCli)
{
    // stdout carries the command's output only (search --json is one JSON object): logs go to stderr.
    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
}

var app = builder.Build();
if (isCli)
{
    return await KnowledgeCli.TryRunAsync(args, app.Services, Console.Out) ?? 2;
}

app.MapHealth();
app.MapBot();
app.MapDownloads();
app.MapBoard();
app.Run();
return 0;

public partial class Program;
