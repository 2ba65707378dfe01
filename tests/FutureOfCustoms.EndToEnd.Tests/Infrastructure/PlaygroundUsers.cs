using System.Globalization;
using System.Text;

namespace FutureOfCustoms.EndToEnd.Tests.Infrastructure;

internal sealed record PlaygroundUser(string Id, string Name, string AadObjectId, string GivenName, string Surname)
{
    public string Email => $"{GivenName}.{Surname}@example.org".ToLowerInvariant();
}

// Known people for every Playground the tests start. The Playground's own UI (and its messages API) always
// acts as `currentUser`, so the moderator is the current user; the others act through custom activities.
internal static class PlaygroundUsers
{
    public const string TenantId = "7a1c0b1e-0000-4000-8000-00000000c0de";
    public const string BotId = "28:00000000-0000-4000-8000-00000000b07";
    public const string BotName = "Test Bot";
    public const string PersonalChatId = "personal-chat-e2e";
    public const string GroupChatId = "group-chat-e2e";
    public const string TeamId = "team-e2e";
    public const string SecondChannelId = "channel-e2e-discussion";

    public static readonly PlaygroundUser Moderator =
        new("29:moderator", "Mona Moderator", "6f1e2d3c-0000-4000-8000-000000000001", "Mona", "Moderator");

    public static readonly IReadOnlyList<PlaygroundUser> Members =
    [
        new("29:member-1", "Amara Okafor", "6f1e2d3c-0000-4000-8000-000000000011", "Amara", "Okafor"),
        new("29:member-2", "Bruno Costa", "6f1e2d3c-0000-4000-8000-000000000012", "Bruno", "Costa"),
        new("29:member-3", "Chen Wei", "6f1e2d3c-0000-4000-8000-000000000013", "Chen", "Wei"),
        new("29:member-4", "Dana Levi", "6f1e2d3c-0000-4000-8000-000000000014", "Dana", "Levi"),
        new("29:member-5", "Emil Novak", "6f1e2d3c-0000-4000-8000-000000000015", "Emil", "Novak"),
    ];

    // The Playground's schema demands exactly five `users` besides `currentUser`.
    public static string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("version: \"0.1.1\"");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"tenantId: {TenantId}");
        yaml.AppendLine("bot:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: \"{BotId}\"");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  name: {BotName}");
        yaml.AppendLine("currentUser:");
        AppendUser(yaml, Moderator, "  ");
        yaml.AppendLine("users:");
        foreach (var member in Members)
        {
            AppendUser(yaml, member, "  - ", "    ");
        }

        yaml.AppendLine("personalChat:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: {PersonalChatId}");
        yaml.AppendLine("groupChat:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: {GroupChatId}");
        yaml.AppendLine("  name: Customs Group Chat");
        yaml.AppendLine("team:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: {TeamId}");
        yaml.AppendLine("  name: VWG Future of Customs");
        yaml.AppendLine("  aadGroupId: 6f1e2d3c-0000-4000-8000-0000000000aa");
        yaml.AppendLine("  channels:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    - id: {SecondChannelId}");
        yaml.AppendLine("      name: Discussion");
        return yaml.ToString();
    }

    private static void AppendUser(StringBuilder yaml, PlaygroundUser user, string firstIndent, string? indent = null)
    {
        indent ??= firstIndent;
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{firstIndent}id: \"{user.Id}\"");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}name: {user.Name}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}userPrincipleName: {user.Email}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}aadObjectId: {user.AadObjectId}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}givenName: {user.GivenName}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}surname: {user.Surname}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}email: {user.Email}");
    }
}
