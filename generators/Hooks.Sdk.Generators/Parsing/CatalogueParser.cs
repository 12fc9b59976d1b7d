using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Hooks.Sdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Hooks.Sdk.Generators.Diagnostics.DiagnosticDescriptors;

namespace Hooks.Sdk.Generators.Parsing;

/// <summary>Reads one [WebhookActions] class into a <see cref="ParseResult"/>: symbols in, strings and diagnostics out.</summary>
internal static class CatalogueParser
{
    private static readonly Regex ActionName = new("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex MemberName = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    private const int MaxActionLength = 128;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, KnownTypeSymbols known, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        if (!CanComplete(type, diagnostics, cancellationToken))
        {
            return new ParseResult(null, diagnostics.ToEquatableArray(), EquatableArray<DeclaredAction>.Empty);
        }

        var parser = new ActionParser(
            type.ToDisplayString(),
            ReadJsonContext(context.Attributes[0], known, diagnostics, cancellationToken),
            known.WebhookActionAttribute,
            known.WebhookNestedFieldAttribute,
            Accessibility(type),
            diagnostics);

        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            parser.Parse(field, cancellationToken);
        }

        var containing = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, outer);
        }
        var model = new CatalogueModel(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.ToDisplayString(),
            containing.Select(Declaration).ToEquatableArray(),
            Accessibility(type),
            string.Concat(containing.Select(outer => outer.Name)) + type.Name + "ServiceCollectionExtensions",
            parser.Actions.ToEquatableArray());
        return new ParseResult(model, diagnostics.ToEquatableArray(), parser.Declared.ToEquatableArray());
    }

    private static bool CanComplete(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        bool canComplete = true;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            var declarations = current.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .ToList();
            if (!declarations.All(declaration => declaration.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                diagnostics.Add(DiagnosticInfo.Create(CatalogueNotPartial, LocationInfo.From(declarations.FirstOrDefault()?.Identifier.GetLocation()), current.Name));
                canComplete = false;
            }
            if (current.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(GenericCatalogue, LocationInfo.From(declarations.FirstOrDefault()?.Identifier.GetLocation()), current.Name));
                canComplete = false;
            }
        }
        return canComplete;
    }

    private static JsonContextInfo? ReadJsonContext(
        AttributeData attribute, KnownTypeSymbols known, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (NamedArgument(attribute, "JsonContext") is not INamedTypeSymbol context)
        {
            return null;
        }
        INamedTypeSymbol? baseType = known.JsonSerializerContext;
        bool isContext = false;
        for (INamedTypeSymbol? current = context.BaseType; current is not null; current = current.BaseType)
        {
            isContext |= SymbolEqualityComparer.Default.Equals(current, baseType);
        }
        if (!isContext)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                InvalidJsonContext,
                ArgumentLocation(attribute, "JsonContext", -1, cancellationToken),
                $"'{context.ToDisplayString()}' is not a JsonSerializerContext"));
            return new JsonContextInfo(context, IsValid: false, []);
        }
        INamedTypeSymbol? serializable = known.JsonSerializableAttribute;
        ITypeSymbol[] types = context.GetAttributes()
            .Where(candidate => SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, serializable))
            .Select(candidate => candidate.ConstructorArguments.FirstOrDefault().Value)
            .OfType<ITypeSymbol>()
            .ToArray();
        return new JsonContextInfo(context, IsValid: true, types);
    }

    private static string Declaration(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "partial record struct " + type.Name,
        { IsRecord: true } => "partial record " + type.Name,
        { TypeKind: TypeKind.Struct } => "partial struct " + type.Name,
        { TypeKind: TypeKind.Interface } => "partial interface " + type.Name,
        _ => "partial class " + type.Name,
    };

    /// <summary>"public" when every type in <paramref name="types"/>, with its containing types and type arguments, is public.</summary>
    internal static string Accessibility(params ITypeSymbol?[] types) =>
        types.All(IsEffectivelyPublic) ? "public" : "internal";

    private static bool IsEffectivelyPublic(ITypeSymbol? type) => type switch
    {
        null => true,
        IArrayTypeSymbol array => IsEffectivelyPublic(array.ElementType),
        ITypeParameterSymbol => true,
        INamedTypeSymbol named => named.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public
            && IsEffectivelyPublic(named.ContainingType)
            && named.TypeArguments.All(IsEffectivelyPublic),
        _ => type.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public,
    };

    internal static object? NamedArgument(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value;

    /// <summary>The location of a named argument, else of the positional one, else of the attribute.</summary>
    internal static LocationInfo? ArgumentLocation(AttributeData attribute, string? name, int position, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = syntax.ArgumentList?.Arguments ?? default;
        AttributeArgumentSyntax? argument = arguments.FirstOrDefault(candidate => name is not null && candidate.NameEquals?.Name.Identifier.ValueText == name)
            ?? (position >= 0 && position < arguments.Count && arguments[position].NameEquals is null ? arguments[position] : null);
        return LocationInfo.From(argument?.Expression ?? (SyntaxNode)syntax);
    }

    internal static bool IsValidMemberName(string? name) => name is not null && MemberName.IsMatch(name);

    internal static bool IsValidActionName(string action) => action.Length <= MaxActionLength && ActionName.IsMatch(action);
}

/// <summary>The JSON context of a catalogue and the types it declares; lives only inside the transform.</summary>
internal sealed class JsonContextInfo(INamedTypeSymbol type, bool IsValid, ITypeSymbol[] serializableTypes)
{
    public bool IsValid { get; } = IsValid;

    public string TypeName { get; } = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public string DisplayName { get; } = type.ToDisplayString();

    public bool Declares(ITypeSymbol candidate) =>
        serializableTypes.Any(declared => SymbolEqualityComparer.Default.Equals(declared, candidate));
}
