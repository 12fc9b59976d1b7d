using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Hooks.Sdk.Generators.Emit;
using Hooks.Sdk.Generators.Model;
using Hooks.Sdk.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static Hooks.Sdk.Generators.Diagnostics.DiagnosticDescriptors;

namespace Hooks.Sdk.Generators;

/// <summary>
/// Completes every [WebhookActions] class with its catalogue, typed descriptors, emit helpers and payload
/// serializers, and reports declaration mistakes, including an action declared by two classes of one compilation.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class WebhookActionsGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<KnownTypeSymbols> knownTypes = context.CompilationProvider
            .Select(static (compilation, _) => new KnownTypeSymbols(compilation))
            .WithTrackingName(TrackingNames.KnownTypes);

        // The first two steps carry Roslyn objects (the class's syntax context, the compilation's symbols) and re-run
        // on every edit, as a transform with a semantic model does anyway; the parse after them yields equatable
        // values, so what follows it is cached.
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.WebhookActionsAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (syntax, _) => syntax)
            .WithTrackingName(TrackingNames.Declarations)
            .Combine(knownTypes)
            .Select(static (pair, cancellationToken) => CatalogueParser.Parse(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<CatalogueModel> models = parsed
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Models);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        IncrementalValuesProvider<DiagnosticInfo> duplicates = parsed
            .SelectMany(static (result, _) => result.Declared)
            .Collect()
            .SelectMany(static (declared, _) => FindDuplicatesAcrossCatalogues(declared))
            .WithTrackingName(TrackingNames.Duplicates);

        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(duplicates, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(models, static (output, model) =>
        {
            if (CatalogueEmitter.TryRender(model, out string source, out string error))
            {
                output.AddSource(model.HintName, SourceText.From(source, Encoding.UTF8));
            }
            else
            {
                output.ReportDiagnostic(Diagnostic.Create(RenderFailed, Location.None, model.DisplayName, error));
            }
        });
    }

    /// <summary>
    /// Reports every declaration of an action after the first, when another catalogue declared it first. Duplicates
    /// inside one catalogue are its parser's business. "First" is by catalogue name, then position, so the result
    /// does not depend on the order of syntax trees.
    /// </summary>
    private static ImmutableArray<DiagnosticInfo> FindDuplicatesAcrossCatalogues(ImmutableArray<DeclaredAction> declared)
    {
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        foreach (IGrouping<string, DeclaredAction> group in declared.GroupBy(action => action.Action))
        {
            List<DeclaredAction> ordered = group
                .OrderBy(action => action.Catalogue, System.StringComparer.Ordinal)
                .ThenBy(action => action.Location?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(action => action.Location?.TextSpan.Start)
                .ToList();
            DeclaredAction first = ordered[0];
            foreach (DeclaredAction duplicate in ordered.Skip(1).Where(action => action.Catalogue != first.Catalogue))
            {
                diagnostics.Add(DiagnosticInfo.Create(DuplicateAction, duplicate.Location, duplicate.Action, first.Catalogue));
            }
        }
        return diagnostics.ToImmutable();
    }
}

/// <summary>The names given to pipeline steps with <c>WithTrackingName</c>, so tests can assert what re-ran.</summary>
public static class TrackingNames
{
    /// <summary>The compilation-wide symbols the parser compares against, once per compilation.</summary>
    public const string KnownTypes = nameof(KnownTypes);

    /// <summary>Each [WebhookActions] class found, with its semantic model.</summary>
    public const string Declarations = nameof(Declarations);

    /// <summary>Each [WebhookActions] class read into a model, its diagnostics and its action names.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The models that can be emitted.</summary>
    public const string Models = nameof(Models);

    /// <summary>The declaration diagnostics.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>Actions declared by two catalogues of one compilation.</summary>
    public const string Duplicates = nameof(Duplicates);
}
