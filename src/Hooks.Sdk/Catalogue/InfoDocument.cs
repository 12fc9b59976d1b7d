namespace Hooks.Sdk;

/// <summary>Joins the precomputed info documents of several catalogues into one JSON object, once at start-up.</summary>
internal static class InfoDocument
{
    public static ReadOnlyMemory<byte> Merge(IReadOnlyList<WebhookCatalogue> catalogues, bool? organizationOnly)
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
