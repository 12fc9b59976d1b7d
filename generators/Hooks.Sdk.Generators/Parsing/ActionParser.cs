using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Hooks.Sdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Hooks.Sdk.Generators.Diagnostics.DiagnosticDescriptors;
using static Hooks.Sdk.Generators.Parsing.CatalogueParser;

namespace Hooks.Sdk.Generators.Parsing;

/// <summary>
/// Reads the [WebhookAction] fields of one class. Every problem becomes a diagnostic at the offending argument, and an
/// action with an error is left out of the model so that the rest of the catalogue still generates.
/// </summary>
internal sealed class ActionParser(
    string catalogue,
    JsonContextInfo? jsonContext,
    INamedTypeSymbol? actionAttribute,
    INamedTypeSymbol? nestedFieldAttribute,
    string catalogueAccessibility,
    List<DiagnosticInfo> diagnostics)
{
    private readonly HashSet<string> _seen = new(System.StringComparer.Ordinal);

    public List<ActionModel> Actions { get; } = [];

    public List<DeclaredAction> Declared { get; } = [];

    public void Parse(IFieldSymbol field, CancellationToken cancellationToken)
    {
        AttributeData? attribute = field.GetAttributes()
            .FirstOrDefault(candidate => SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, actionAttribute));
        if (attribute is null)
        {
            return;
        }
        var declarator = field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as VariableDeclaratorSyntax;
        LocationInfo? fieldLocation = LocationInfo.From(declarator?.Identifier.GetLocation());
        if (!field.IsConst || field.Type.SpecialType != SpecialType.System_String || field.ConstantValue is not string action)
        {
            Report(ActionNotConstString, fieldLocation, field.Name);
            return;
        }

        LocationInfo? valueLocation = LocationInfo.From(declarator?.Initializer?.Value) ?? fieldLocation;
        if (!IsValidActionName(action))
        {
            Report(InvalidActionName, valueLocation, action);
            return;
        }
        Declared.Add(new DeclaredAction(action, catalogue, valueLocation));
        if (!_seen.Add(action))
        {
            Report(DuplicateAction, valueLocation, action, catalogue);
            return;
        }

        var declaration = new ActionDeclaration(field, action, attribute, cancellationToken);
        int errors = diagnostics.Count;
        ActionModel? model = Build(declaration, cancellationToken);
        if (model is not null && diagnostics.Count == errors)
        {
            Actions.Add(model);
        }
    }

    private ActionModel? Build(ActionDeclaration declaration, CancellationToken cancellationToken)
    {
        string action = declaration.Action;
        string name = declaration.Attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        if (string.IsNullOrWhiteSpace(name))
        {
            Report(EmptyDisplayName, declaration.Location(null, 0), action);
        }
        string? key = NamedArgument(declaration.Attribute, "Key") as string;
        if (!IsValidMemberName(key) || key == "action")
        {
            Report(InvalidKey, declaration.Location("Key"), action, key ?? "");
        }

        var model = NamedArgument(declaration.Attribute, "Model") as ITypeSymbol;
        bool many = NamedArgument(declaration.Attribute, "Many") is true;
        bool onlyIds = NamedArgument(declaration.Attribute, "OnlyIds") is true;
        bool organizationOnly = NamedArgument(declaration.Attribute, "OrganizationOnly") is true;
        bool optIn = NamedArgument(declaration.Attribute, "OptIn") is true;
        string? projectPath = NamedArgument(declaration.Attribute, "Project") as string;
        AttributeData[] nested = declaration.Field.GetAttributes()
            .Where(candidate => SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, nestedFieldAttribute))
            .ToArray();

        if (organizationOnly && projectPath is not null)
        {
            Report(OrganizationOnlyWithProject, declaration.Location("Project"), action);
        }
        if (model is null)
        {
            CheckRawOptions(declaration, many, onlyIds, projectPath, nested);
            return new ActionModel(declaration.Field.Name, action, name, Description(declaration), key ?? "", organizationOnly,
                optIn, many, OnlyIds: false, catalogueAccessibility, Model: null, ProjectPath: null, ProjectIdExpression: null,
                EquatableArray<NestedFieldModel>.Empty);
        }
        if (onlyIds && nested.Length > 0)
        {
            Report(OptionNeedsModel, LocationInfo.From(nested[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken)), action,
                "nested fields together with OnlyIds; an ids-only payload carries nothing but the ids");
            nested = [];
        }

        ModelInfo? modelInfo = ReadModel(declaration, model, onlyIds);
        string? projectIdExpression = projectPath is null ? null : ProjectIdExpression(declaration, model, projectPath);
        List<NestedFieldModel> nestedFields = nested.Select(attribute => ReadNested(declaration, model, key, attribute, cancellationToken))
            .Where(field => field is not null)
            .ToList()!;
        if (modelInfo is null)
        {
            return null;
        }
        string accessibility = catalogueAccessibility == "public" ? Accessibility(model) : "internal";
        return new ActionModel(declaration.Field.Name, action, name, Description(declaration), key ?? "", organizationOnly, optIn, many,
            onlyIds, accessibility, modelInfo, projectPath, projectIdExpression, nestedFields.ToEquatableArray());
    }

    private void CheckRawOptions(ActionDeclaration declaration, bool many, bool onlyIds, string? projectPath, AttributeData[] nested)
    {
        string? option = many ? "Many" : onlyIds ? "OnlyIds" : projectPath is not null ? "Project" : nested.Length > 0 ? "[WebhookNestedField]" : null;
        if (option is not null)
        {
            Report(OptionNeedsModel, declaration.Location(option.StartsWith("[") ? null : option), declaration.Action,
                $"{option} without a Model; set Model = typeof(...) or remove {option}");
        }
    }

    private ModelInfo? ReadModel(ActionDeclaration declaration, ITypeSymbol model, bool onlyIds)
    {
        LocationInfo? location = declaration.Location("Model");
        ITypeSymbol? idType = MemberPath.FindMemberType(model, "Id");
        bool isNumber = idType is not null && MemberPath.IsInteger(idType);
        if (idType is null || !isNumber && !MemberPath.IsGuid(idType))
        {
            Report(ModelWithoutId, location, model.ToDisplayString(), declaration.Action);
            return null;
        }
        string? contextName = null;
        if (!onlyIds)
        {
            if (!RequireInContext(model, declaration.Action, location))
            {
                return null;
            }
            contextName = jsonContext!.TypeName;
        }
        return new ModelInfo(FullName(model), FullName(idType), isNumber, contextName);
    }

    private string? ProjectIdExpression(ActionDeclaration declaration, ITypeSymbol model, string path)
    {
        LocationInfo? location = declaration.Location("Project");
        MemberPath? target = path == KnownNames.SelfProject
            ? MemberPath.Root(model)
            : MemberPath.Resolve(model, path, out string? error) ?? Fail(error);
        if (target is null)
        {
            return null;
        }
        MemberPath? id = MemberPath.IsInteger(target.Type) ? target : target.Member("Id");
        if (id is null || !MemberPath.IsInteger(id.Type))
        {
            Fail(path == KnownNames.SelfProject
                ? $"the model '{model.ToDisplayString()}' has no integer 'Id' to use as its project id"
                : $"it must end in an integer project id or in an object with an integer 'Id', but '{target.Type.ToDisplayString()}' is neither");
            return null;
        }
        return id.Expression;

        MemberPath? Fail(string? reason)
        {
            Report(InvalidProjectPath, location, path, declaration.Action, reason ?? "");
            return null;
        }
    }

    private NestedFieldModel? ReadNested(
        ActionDeclaration declaration, ITypeSymbol model, string? key, AttributeData attribute, CancellationToken cancellationToken)
    {
        string name = attribute.ConstructorArguments.ElementAtOrDefault(0).Value as string ?? "";
        string path = attribute.ConstructorArguments.ElementAtOrDefault(1).Value as string ?? "";
        LocationInfo? nameLocation = ArgumentLocation(attribute, null, 0, cancellationToken);
        if (!IsValidMemberName(name) || name is "action" or "project" || name == key)
        {
            Report(InvalidNestedField, nameLocation, name, declaration.Action,
                "its name must be a plain JSON member name other than 'action', 'project' and the action's key");
            return null;
        }
        if (!declaration.NestedNames.Add(name))
        {
            Report(InvalidNestedField, nameLocation, name, declaration.Action, "another nested field of the action has the same name");
            return null;
        }
        LocationInfo? pathLocation = ArgumentLocation(attribute, null, 1, cancellationToken);
        MemberPath? value = MemberPath.Resolve(model, path, out string? error);
        if (value is null)
        {
            Report(InvalidNestedField, pathLocation, name, declaration.Action, error ?? "");
            return null;
        }
        if (!RequireInContext(value.Type, declaration.Action, pathLocation))
        {
            return null;
        }
        return new NestedFieldModel(name, path, FullName(value.Type), value.Expression, value.CanBeNull);
    }

    private bool RequireInContext(ITypeSymbol type, string action, LocationInfo? location)
    {
        if (jsonContext is null)
        {
            Report(InvalidJsonContext, location, $"'{catalogue}' declares action '{action}' with a model but sets no JsonContext");
            return false;
        }
        if (!jsonContext.IsValid)
        {
            return false;
        }
        if (!jsonContext.Declares(type))
        {
            Report(TypeMissingFromJsonContext, location, type.ToDisplayString(), action, jsonContext.DisplayName);
            return false;
        }
        return true;
    }

    private static string Description(ActionDeclaration declaration) =>
        NamedArgument(declaration.Attribute, "Description") as string ?? "";

    private static string FullName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    /// <summary>One [WebhookAction] field being read.</summary>
    private sealed class ActionDeclaration(IFieldSymbol field, string action, AttributeData attribute, CancellationToken cancellationToken)
    {
        public IFieldSymbol Field { get; } = field;

        public string Action { get; } = action;

        public AttributeData Attribute { get; } = attribute;

        public HashSet<string> NestedNames { get; } = new(System.StringComparer.Ordinal);

        public LocationInfo? Location(string? name, int position = -1) => ArgumentLocation(Attribute, name, position, cancellationToken);
    }
}
