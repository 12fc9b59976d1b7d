using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using static Hooks.Sdk.Generators.Diagnostics.DiagnosticDescriptors;

namespace Hooks.Sdk.Generators.Analyzers;

/// <summary>
/// Checks [ApiWebhook] and [ApiWebhookForDelete] on controller actions: the action name must be declared by a
/// [WebhookActions] class of this compilation or of a referenced assembly, [ApiWebhook] does not belong on DELETE
/// and [ApiWebhookForDelete] belongs only on DELETE.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiWebhookUsageAnalyzer : DiagnosticAnalyzer
{
    private static readonly Dictionary<string, string> VerbAttributes = new(StringComparer.Ordinal)
    {
        ["Microsoft.AspNetCore.Mvc.HttpGetAttribute"] = "GET",
        ["Microsoft.AspNetCore.Mvc.HttpPostAttribute"] = "POST",
        ["Microsoft.AspNetCore.Mvc.HttpPutAttribute"] = "PUT",
        ["Microsoft.AspNetCore.Mvc.HttpPatchAttribute"] = "PATCH",
        ["Microsoft.AspNetCore.Mvc.HttpDeleteAttribute"] = "DELETE",
        ["Microsoft.AspNetCore.Mvc.HttpHeadAttribute"] = "HEAD",
        ["Microsoft.AspNetCore.Mvc.HttpOptionsAttribute"] = "OPTIONS",
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(UnknownAction, ApiWebhookOnDelete, ApiWebhookForDeleteOnNonDelete);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            Compilation compilation = start.Compilation;
            INamedTypeSymbol? apiWebhook = compilation.GetTypeByMetadataName(KnownNames.ApiWebhookAttribute);
            INamedTypeSymbol? apiWebhookForDelete = compilation.GetTypeByMetadataName(KnownNames.ApiWebhookForDeleteAttribute);
            if (apiWebhook is null || apiWebhookForDelete is null)
            {
                return;
            }
            var knownActions = new Lazy<HashSet<string>>(() => DeclaredActions(compilation, start.CancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(
                symbol => AnalyzeMethod(symbol, apiWebhook, apiWebhookForDelete, knownActions),
                SymbolKind.Method);
        });
    }

    private static void AnalyzeMethod(
        SymbolAnalysisContext context, INamedTypeSymbol apiWebhook, INamedTypeSymbol apiWebhookForDelete, Lazy<HashSet<string>> knownActions)
    {
        var method = (IMethodSymbol)context.Symbol;
        ImmutableArray<AttributeData> attributes = method.GetAttributes();
        HashSet<string>? verbs = null;
        foreach (AttributeData attribute in attributes)
        {
            bool isApiWebhook = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, apiWebhook);
            if (!isApiWebhook && !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, apiWebhookForDelete))
            {
                continue;
            }
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
            if (attribute.ConstructorArguments.FirstOrDefault().Value is string action && !knownActions.Value.Contains(action))
            {
                Location location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.Expression.GetLocation() ?? syntax?.GetLocation() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(UnknownAction, location, action));
            }

            verbs ??= HttpVerbs(attributes);
            bool handlesDelete = verbs.Contains("DELETE");
            if (isApiWebhook && handlesDelete)
            {
                context.ReportDiagnostic(Diagnostic.Create(ApiWebhookOnDelete, syntax?.GetLocation() ?? Location.None, method.Name));
            }
            else if (!isApiWebhook && verbs.Count > 0 && !handlesDelete)
            {
                context.ReportDiagnostic(Diagnostic.Create(ApiWebhookForDeleteOnNonDelete, syntax?.GetLocation() ?? Location.None, method.Name));
            }
        }
    }

    /// <summary>The HTTP methods an action declares through MVC's verb attributes; empty when it declares none.</summary>
    private static HashSet<string> HttpVerbs(ImmutableArray<AttributeData> attributes)
    {
        var verbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (AttributeData attribute in attributes)
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is null)
            {
                continue;
            }
            if (VerbAttributes.TryGetValue(name, out string? verb))
            {
                verbs.Add(verb);
            }
            else if (name == KnownNames.AcceptVerbsAttribute)
            {
                foreach (TypedConstant argument in attribute.ConstructorArguments)
                {
                    IEnumerable<TypedConstant> values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
                    verbs.UnionWith(values.Select(value => value.Value).OfType<string>());
                }
            }
        }
        return verbs;
    }

    /// <summary>
    /// The action names declared by [WebhookActions] classes in this compilation and in the referenced assemblies
    /// that can declare them (those that reference Hooks.Sdk, and Hooks.Sdk itself).
    /// </summary>
    private static HashSet<string> DeclaredActions(Compilation compilation, CancellationToken cancellationToken)
    {
        var actions = new HashSet<string>(StringComparer.Ordinal);
        INamedTypeSymbol? catalogueAttribute = compilation.GetTypeByMetadataName(KnownNames.WebhookActionsAttribute);
        INamedTypeSymbol? actionAttribute = compilation.GetTypeByMetadataName(KnownNames.WebhookActionAttribute);
        if (catalogueAttribute is null || actionAttribute is null)
        {
            return actions;
        }
        IAssemblySymbol sdk = catalogueAttribute.ContainingAssembly;
        IEnumerable<IAssemblySymbol> assemblies = compilation.SourceModule.ReferencedAssemblySymbols
            .Where(assembly => SymbolEqualityComparer.Default.Equals(assembly, sdk)
                || assembly.Modules.Any(module => module.ReferencedAssemblySymbols.Contains(sdk, SymbolEqualityComparer.Default)))
            .Prepend(compilation.Assembly);
        foreach (IAssemblySymbol assembly in assemblies)
        {
            foreach (INamedTypeSymbol type in Types(assembly.GlobalNamespace, cancellationToken))
            {
                if (!type.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, catalogueAttribute)))
                {
                    continue;
                }
                actions.UnionWith(type.GetMembers().OfType<IFieldSymbol>()
                    .Where(field => field.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, actionAttribute)))
                    .Select(field => field.ConstantValue)
                    .OfType<string>());
            }
        }
        return actions;
    }

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol scope, CancellationToken cancellationToken)
    {
        foreach (INamespaceOrTypeSymbol member in scope.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol nested)
            {
                foreach (INamedTypeSymbol type in Types(nested, cancellationToken))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (INamedTypeSymbol inner in type.GetTypeMembers())
                {
                    yield return inner;
                }
            }
        }
    }
}
