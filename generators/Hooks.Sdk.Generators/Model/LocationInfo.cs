using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Hooks.Sdk.Generators.Model;

/// <summary>A location without its syntax tree, so that a diagnostic can travel through the pipeline and stay equatable.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(Location? location) => location?.SourceTree is null
        ? null
        : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
