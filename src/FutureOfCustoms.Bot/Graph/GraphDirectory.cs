using System.Globalization;
using Microsoft.Graph.Models;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>A member's organisation as the tenant's directory has it.</summary>
internal sealed record Organisation(string? CompanyName, string? Department, string? Country)
{
    /// <summary>"Hungarian Customs (Hungary)": the company, else the department, with the country when known.</summary>
    public string? Administration
    {
        get
        {
            var name = string.IsNullOrWhiteSpace(CompanyName) ? Department?.Trim() : CompanyName.Trim();
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            return string.IsNullOrWhiteSpace(Country) ? name : string.Format(CultureInfo.CurrentCulture, GraphStrings.Organisation_WithCountry, name, Country.Trim());
        }
    }
}

/// <summary>Team owners and member profiles read from Graph, cached.</summary>
internal sealed class GraphDirectory(GraphConnection graph, GraphCache<IReadOnlySet<string>> owners, GraphCache<Organisation?> organisations)
{
    private const string OwnerRole = "owner";

    /// <summary>The Entra object ids of the team's owners (members with the owner role).</summary>
    public Task<IReadOnlySet<string>> TeamOwnersAsync(string teamGroupId, CancellationToken cancellationToken)
        => owners.GetAsync(teamGroupId, async ct =>
        {
            var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var page = await graph.Client.Teams[teamGroupId].Members.GetAsync(r => r.QueryParameters.Filter = $"roles/any(r:r eq '{OwnerRole}')", ct);
            while (page is not null)
            {
                // The filter narrows the page where Graph supports it; the role is checked here either way.
                foreach (var member in (page.Value ?? []).OfType<AadUserConversationMember>())
                {
                    if (member.UserId is { Length: > 0 } userId && member.Roles?.Contains(OwnerRole, StringComparer.OrdinalIgnoreCase) == true)
                    {
                        found.Add(userId);
                    }
                }

                page = page.OdataNextLink is { Length: > 0 } next
                    ? await graph.Client.Teams[teamGroupId].Members.WithUrl(next).GetAsync(cancellationToken: ct)
                    : null;
            }

            return (IReadOnlySet<string>)found;
        }, cancellationToken);

    public Task<Organisation?> OrganisationAsync(string userId, CancellationToken cancellationToken)
        => organisations.GetAsync(userId, async ct =>
        {
            var user = await graph.Client.Users[userId].GetAsync(r => r.QueryParameters.Select = ["companyName", "department", "country"], ct);
            return user is null ? null : new Organisation(user.CompanyName, user.Department, user.Country);
        }, cancellationToken);
}
