using System.Text.Json.Nodes;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using FutureOfCustoms.EndToEnd.Tests.Scale;

namespace FutureOfCustoms.EndToEnd.Tests.Board;

/// <summary>
/// The built bot in its own process, in the Development environment with no app id (so the board takes the member
/// from the URL), added to a team whose roster the fake connector answers, with a live poll, a closed poll,
/// answers to the Annex III discussion and a pending suggestion, all made through /api/messages as Teams would.
/// </summary>
public sealed class BoardFixture : IAsyncLifetime
{
    public const string ModeratorAadId = TwoInstanceFixture.ModeratorAadId;
    public const string MemberAadId = "00000000-0000-0000-0000-00000000b0b0";
    public const string VoterAadId = "00000000-0000-0000-0000-00000000b0c0";

    private FakeBotConnector? _connector;
    private BotProcess? _bot;

    internal BotProcess Bot => _bot ?? throw new InvalidOperationException("The bot did not start; see the collection's first failure.");

    internal TeamsActivityClient Teams { get; private set; } = null!;

    public string LivePollId { get; private set; } = string.Empty;

    public string ClosedPollId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (!ToolPaths.IsCi && ToolPaths.WhyMissing([RequiredTool.Chromium, RequiredTool.NodeModules]) is not null)
        {
            return;
        }

        _connector = await FakeBotConnector.StartAsync();
        foreach (var member in new[] { ModeratorAadId, MemberAadId, VoterAadId })
        {
            _connector.Members.Enqueue(($"29:{member}", Name(member), member));
        }

        // Development is what lets the board take the member from the URL. It also loads a developer's user secrets;
        // BotProcess's own environment variables (no MicrosoftAppId, a temporary store) still win over them.
        _bot = await BotProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Bot__Moderators__0"] = ModeratorAadId,
        });
        Teams = new TeamsActivityClient(_bot.MessagesEndpoint, _connector.Url);
        await Teams.AddBotToTeamAsync(ModeratorAadId);

        ClosedPollId = await LaunchPollAsync("Which paper should the PTC read first?");
        await VoteAsync(ClosedPollId, MemberAadId, 2);
        await VoteAsync(ClosedPollId, VoterAadId, 2);
        await Teams.ExecuteAsync("poll.close", new JsonObject { ["pollId"] = ClosedPollId }, ModeratorAadId);
        LivePollId = await LaunchPollAsync("Which topic should the autumn PTC take first?");
        await VoteAsync(LivePollId, VoterAadId, 1);

        await AnswerAsync(MemberAadId, 4, "Printed spare parts cross borders as files: valuation needs a rule.", "partly", "Customs of Ruritania");
        await AnswerAsync(VoterAadId, 1, "Risk profiles for design files, shared between administrations.", null, "Customs of Freedonia");
        await Teams.ExecuteAsync("suggestions.submit", TwoInstanceTests.Suggestion(TwoInstanceTests.NewCardId(), "Quantum-safe signatures for customs certificates"), MemberAadId, inChannel: false);
    }

    public Task<string> VoteAsync(string pollId, string aadObjectId, int option)
        => Teams.ExecuteAsync("poll.vote", new JsonObject { ["pollId"] = pollId, ["choices"] = option.ToString(System.Globalization.CultureInfo.InvariantCulture) }, aadObjectId);

    public Uri Page(string view, string aadObjectId, string lang = "en", string theme = "default", string? poll = null)
    {
        var query = $"conversation={Uri.EscapeDataString(TeamsActivityClient.ChannelId)}&lang={lang}&as={aadObjectId}";
        query += theme == "default" ? string.Empty : $"&theme={theme}";
        query += poll is null ? string.Empty : $"&poll={poll}";
        return new Uri(Bot.BaseUri, $"board/{view}?{query}");
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        if (_connector is not null)
        {
            await _connector.DisposeAsync();
        }
    }

    private static string Name(string aadObjectId) => $"Delegate {aadObjectId[^4..]}";

    private Task<string> LaunchPollAsync(string question) => TwoInstanceTests.LaunchPollAsync(Teams, Teams, question, closesAt: null);

    private Task<string> AnswerAsync(string aadObjectId, int question, string text, string? choice, string administration)
    {
        var data = new JsonObject { ["discussion"] = "annex-iii", ["question"] = question, ["text"] = text, ["administration"] = administration };
        if (choice is not null)
        {
            data["choice"] = choice;
        }

        return Teams.ExecuteAsync("discussion.save", data, aadObjectId);
    }

}

[CollectionDefinition(Name)]
public sealed class BoardCollectionDefinition : ICollectionFixture<BoardFixture>
{
    public const string Name = "The board in Chromium";
}
