using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Hooks.Sdk.Generators.Analyzers;

/// <summary>What the filters need to know of a declared action: whether it has a model, and whether it sends ids only.</summary>
internal readonly record struct DeclaredAction(bool HasModel, bool OnlyIds);

/// <summary>
/// The actions declared by [WebhookActions] classes, at any depth of nesting, in a compilation and in the referenced
/// assemblies that can declare them (those that reference Hooks.Sdk, and Hooks.Sdk itself).
/// </summary>
internal static class DeclaredActions
{
    public static Dictionary<string, DeclaredAction> Find(
        Compilation compilation, INamedTypeSymbol catalogueAttribute, INamedTypeSymbol actionAttribute, CancellationToken cancellationToken)
    {
        var actions = new Dictionary<string, DeclaredAction>(StringComparer.Ordinal);
        IAssemblySymbol sdk = catalogueAttribute.ContainingAssembly;
        IEnumerable<IAssemblySymbol> assemblies = compilation.SourceModule.ReferencedAssemblySymbols
            .Where(assembly => SymbolEqualityComparer.Default.Equals(assembly, sdk)
                || assembly.Modules.Any(module => module.ReferencedAssemblySymbols.Contains(sdk, SymbolEqualityComparer.Default)))
            .Prepend(compilation.Assembly);
        foreach (INamedTypeSymbol type in assemblies.SelectMany(assembly => Types(assembly.GlobalNamespace, cancellationToken)))
        {
            if (!type.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, catalogueAttribute)))
            {
                continue;
            }
            foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
            {
                AttributeData? declaration = field.GetAttributes()
                    .FirstOrDefault(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, actionAttribute));
                if (declaration is not null && field.ConstantValue is string action)
                {
                    actions[action] = new DeclaredAction(
                        HasModel: Named(declaration, "Model") is ITypeSymbol,
                        OnlyIds: Named(declaration, "OnlyIds") is true);
                }
            }
        }
        return actions;
    }

    private static object? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value;

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceOrTypeSymbol scope, CancellationToken cancellationToken)
    {
        IEnumerable<INamespaceOrTypeSymbol> members = scope is INamespaceSymbol space ? space.GetMembers() : scope.GetTypeMembers();
        foreach (INamespaceOrTypeSymbol member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamedTypeSymbol type)
            {
                yield return type;
            }
            foreach (INamedTypeSymbol inner in Types(member, cancellationToken))
            {
                yield return inner;
            }
        }
    }
}
