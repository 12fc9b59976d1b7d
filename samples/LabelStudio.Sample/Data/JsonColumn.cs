using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabelStudio.Sample.Data;

/// <summary>Stores a JSON object or array as text, compared by content, so SQLite and PostgreSQL both hold it.</summary>
public static class JsonColumn
{
    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property)
        where T : JsonNode? =>
        // EF Core never hands nulls to a converter, so both directions see values.
        property.HasConversion(
            node => node!.ToJsonString(null),
            text => (T)JsonNode.Parse(text, null, default)!,
            new ValueComparer<T>(
                (left, right) => JsonNode.DeepEquals(left, right),
                node => node == null ? 0 : node.ToJsonString(null).GetHashCode(StringComparison.Ordinal),
                node => node == null ? node! : (T)node.DeepClone()));
}
