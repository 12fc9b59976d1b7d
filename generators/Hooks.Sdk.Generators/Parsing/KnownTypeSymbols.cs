using Microsoft.CodeAnalysis;

namespace Hooks.Sdk.Generators.Parsing;

/// <summary>
/// The types the parser compares against, resolved once per compilation (from the generator's
/// <c>CompilationProvider</c>) rather than once per [WebhookActions] class. Null when the compilation lacks one.
/// </summary>
internal sealed class KnownTypeSymbols(Compilation compilation)
{
    public INamedTypeSymbol? WebhookActionAttribute { get; } = compilation.GetTypeByMetadataName(KnownNames.WebhookActionAttribute);

    public INamedTypeSymbol? WebhookNestedFieldAttribute { get; } = compilation.GetTypeByMetadataName(KnownNames.WebhookNestedFieldAttribute);

    public INamedTypeSymbol? JsonSerializerContext { get; } = compilation.GetTypeByMetadataName(KnownNames.JsonSerializerContext);

    public INamedTypeSymbol? JsonSerializableAttribute { get; } = compilation.GetTypeByMetadataName(KnownNames.JsonSerializableAttribute);
}
