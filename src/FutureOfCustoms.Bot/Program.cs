using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
builder.Services.AddSingleton<TeamsBotAdapter>();
builder.Services.AddSingleton<IBot, EchoBot>();
builder.Services.AddCards(builder.Configuration);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
app.MapPost("/api/messages", (HttpRequest req, HttpResponse res, TeamsBotAdapter adapter, IBot bot) => adapter.ProcessAsync(req, res, bot));
app.Run();

internal sealed class EchoBot : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext<Microsoft.Bot.Schema.IMessageActivity> turnContext, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync(MessageFactory.Text("echo: " + turnContext.Activity.Text), cancellationToken);
}

public partial class Program;
