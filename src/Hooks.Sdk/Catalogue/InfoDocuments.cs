namespace Hooks.Sdk.Catalogue;

/// <summary>The three <c>GET /api/webhooks/info/</c> documents: every action, organization-only ones, the others.</summary>
internal sealed record InfoDocuments(ReadOnlyMemory<byte> All, ReadOnlyMemory<byte> OrganizationOnly, ReadOnlyMemory<byte> ProjectLevel)
{
    public ReadOnlyMemory<byte> Select(bool? organizationOnly) => organizationOnly switch
    {
        null => All,
        true => OrganizationOnly,
        false => ProjectLevel,
    };

    /// <summary>Joins the documents of several catalogues into one JSON object each, once at start-up.</summary>
    public static InfoDocuments Merge(IReadOnlyList<WebhookCatalogue> catalogues) =>
        new(Merge(catalogues, null), Merge(catalogues, true), Merge(catalogues, false));

    private static ReadOnlyMemory<byte> Merge(IReadOnlyList<WebhookCatalogue> catalogues, bool? organizationOnly)
    {
        if (catalogues.Count == 1)
        {
            return catalogues[0].GetInfoJson(organizationOnly);
        }

        // Each document is a compact object: its members are the bytes between the outer braces.
        var merged = new List<byte>(capacity: 1024) { (byte)'{' };
        foreach (WebhookCatalogue catalogue in catalogues)
        {
            ReadOnlySpan<byte> members = catalogue.GetInfoJson(organizationOnly).Span[1..^1];
            if (members.IsEmpty)
            {
                continue;
            }
            if (merged.Count > 1)
            {
                merged.Add((byte)',');
            }
            merged.AddRange(members);
        }
        merged.Add((byte)'}');
        return merged.ToArray();
    }
}
