using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Teams;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddStorage(builder.Configuration)
    .AddCards(builder.Configuration)
    .AddCommands(builder.Configuration)
    .AddTeamsBot(builder.Configuration)
    .AddHosting(builder.Configuration);

var app = builder.Build();
app.MapHealth();
app.MapBot();
app.MapDownloads();
app.Run();

public partial class Program;
