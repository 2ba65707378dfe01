using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
builder.Services.AddSingleton<TeamsBotAdapter>();
builder.Services.AddSingleton<IBot, EchoBot>();
builder.Services.AddKnowledge(builder.Configuration);
var app = builder.Build();
if (await KnowledgeCli.TryRunAsync(args, app.Services, Console.Out) is { } exitCode)
{
    return exitCode;
}

app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
app.MapPost("/api/messages", (HttpRequest req, HttpResponse res, TeamsBotAdapter adapter, IBot bot) => adapter.ProcessAsync(req, res, bot));
app.Run();
return 0;

internal sealed class EchoBot : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext<Microsoft.Bot.Schema.IMessageActivity> turnContext, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync(MessageFactory.Text("echo: " + turnContext.Activity.Text), cancellationToken);
}

public partial class Program;
