using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using static Hooks.Sdk.Generators.Diagnostics.DiagnosticDescriptors;

namespace Hooks.Sdk.Generators.Analyzers;

/// <summary>
/// Checks the webhook filters, both the MVC attributes ([ApiWebhook], [ApiWebhookForDelete]) and the endpoint
/// helpers (<c>.WithApiWebhook</c>, <c>.WithApiWebhookForDelete</c>): the action must be declared by a [WebhookActions]
/// class of this compilation or of a referenced assembly and be of the kind the filter sends (a model to reload, or
/// ids captured before a delete); on controller actions, [ApiWebhook] does not belong on DELETE and
/// [ApiWebhookForDelete] belongs only on DELETE.
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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        UnknownAction, ApiWebhookOnDelete, ApiWebhookForDeleteOnNonDelete, ReloadOfActionWithoutModel, DeleteOfActionWithoutOnlyIds);

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
            INamedTypeSymbol? endpointFilters = compilation.GetTypeByMetadataName(KnownNames.ApiWebhookEndpointFilters);
            INamedTypeSymbol? catalogueAttribute = compilation.GetTypeByMetadataName(KnownNames.WebhookActionsAttribute);
            INamedTypeSymbol? actionAttribute = compilation.GetTypeByMetadataName(KnownNames.WebhookActionAttribute);
            if (apiWebhook is null || apiWebhookForDelete is null || catalogueAttribute is null || actionAttribute is null)
            {
                return;
            }
            var actions = new Lazy<Dictionary<string, DeclaredAction>>(
                () => DeclaredActions.Find(compilation, catalogueAttribute, actionAttribute, start.CancellationToken),
                LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(
                symbol => AnalyzeMethod(symbol, apiWebhook, apiWebhookForDelete, actions),
                SymbolKind.Method);
            if (endpointFilters is not null)
            {
                start.RegisterOperationAction(
                    operation => AnalyzeInvocation(operation, endpointFilters, actions),
                    OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeMethod(
        SymbolAnalysisContext context, INamedTypeSymbol apiWebhook, INamedTypeSymbol apiWebhookForDelete, Lazy<Dictionary<string, DeclaredAction>> actions)
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
            if (attribute.ConstructorArguments.FirstOrDefault().Value is string action)
            {
                Location location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.Expression.GetLocation() ?? syntax?.GetLocation() ?? Location.None;
                CheckAction(context.ReportDiagnostic, actions.Value, action, location, forDelete: !isApiWebhook,
                    isApiWebhook ? "[ApiWebhook]" : "[ApiWebhookForDelete]");
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

    /// <summary><c>.WithApiWebhook(action)</c> and <c>.WithApiWebhookForDelete(action)</c> with a constant action.</summary>
    private static void AnalyzeInvocation(
        OperationAnalysisContext context, INamedTypeSymbol endpointFilters, Lazy<Dictionary<string, DeclaredAction>> actions)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol target = invocation.TargetMethod;
        if (!SymbolEqualityComparer.Default.Equals(target.ContainingType, endpointFilters)
            || target.Name is not ("WithApiWebhook" or "WithApiWebhookForDelete"))
        {
            return;
        }
        IArgumentOperation? argument = invocation.Arguments.FirstOrDefault(candidate => candidate.Parameter?.Name == "action");
        if (argument?.Value.ConstantValue is { HasValue: true, Value: string action })
        {
            bool forDelete = target.Name == "WithApiWebhookForDelete";
            CheckAction(context.ReportDiagnostic, actions.Value, action, argument.Value.Syntax.GetLocation(), forDelete, $".{target.Name}");
        }
    }

    /// <summary>The action must be declared, with a model for the reload filters and as ids-only for the delete filters.</summary>
    private static void CheckAction(
        Action<Diagnostic> report, Dictionary<string, DeclaredAction> actions, string action, Location location, bool forDelete, string filter)
    {
        if (!actions.TryGetValue(action, out DeclaredAction declared))
        {
            report(Diagnostic.Create(UnknownAction, location, action));
        }
        else if (forDelete && !declared.OnlyIds)
        {
            report(Diagnostic.Create(DeleteOfActionWithoutOnlyIds, location, action, filter));
        }
        else if (!forDelete && !declared.HasModel)
        {
            report(Diagnostic.Create(ReloadOfActionWithoutModel, location, action, filter));
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
}
