using System.Collections.Generic;
using System.Linq;
using System.Text;
using Hooks.Sdk.Generators.Model;

namespace Hooks.Sdk.Generators.Emit;

/// <summary>
/// Builds Label Studio's <c>GET /api/webhooks/info/</c> document for a catalogue at compile time:
/// <c>{"ACTION":{"name":...,"description":...,"key":...,"organization-only":bool,"opt-in":bool},...}</c>, compact, in
/// declaration order: Label Studio's members, then whether only webhooks that list the action receive it.
/// </summary>
internal static class InfoDocumentBuilder
{
    public static string Build(IEnumerable<ActionModel> actions, bool? organizationOnly)
    {
        var json = new StringBuilder("{");
        foreach (ActionModel action in actions.Where(action => organizationOnly is null || action.OrganizationOnly == organizationOnly))
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }
            AppendString(json, action.Action).Append(":{\"name\":");
            AppendString(json, action.Name).Append(",\"description\":");
            AppendString(json, action.Description).Append(",\"key\":");
            AppendString(json, action.Key).Append(",\"organization-only\":").Append(action.OrganizationOnly ? "true" : "false")
                .Append(",\"opt-in\":").Append(action.OptIn ? "true" : "false").Append('}');
        }
        return json.Append('}').ToString();
    }

    /// <summary>Appends a JSON string, escaping what JSON requires and writing other text as is (UTF-8 on the wire).</summary>
    private static StringBuilder AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: json.Append(c); break;
            }
        }
        return json.Append('"');
    }
}
