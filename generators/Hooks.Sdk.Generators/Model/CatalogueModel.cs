namespace Hooks.Sdk.Generators.Model;

/// <summary>Everything the emitter needs to complete one [WebhookActions] class; strings and flags only.</summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="ClassName">The class name.</param>
/// <param name="DisplayName">The dotted name, for messages and the catalogue's <c>Name</c>.</param>
/// <param name="ContainingTypes">Declarations of containing types, outermost first (<c>partial class Outer</c>).</param>
/// <param name="Accessibility">"public" or "internal": the class's effective accessibility.</param>
/// <param name="ExtensionsClassName">The top-level class that holds the <c>Add{ClassName}</c> extension.</param>
/// <param name="Actions">The valid actions, in declaration order.</param>
internal sealed record CatalogueModel(
    string? Namespace,
    string ClassName,
    string DisplayName,
    EquatableArray<string> ContainingTypes,
    string Accessibility,
    string ExtensionsClassName,
    EquatableArray<ActionModel> Actions)
{
    public string HintName => DisplayName + ".WebhookActions.g.cs";

    public string FullName => "global::" + DisplayName;
}

/// <summary>One valid declared action.</summary>
/// <param name="FieldName">The const field, for example <c>TasksCreated</c>.</param>
/// <param name="Action">Its value, for example <c>TASKS_CREATED</c>.</param>
/// <param name="Name">The human-readable name.</param>
/// <param name="Description">The description.</param>
/// <param name="Key">The payload key.</param>
/// <param name="OrganizationOnly">Organization-level webhooks only.</param>
/// <param name="OptIn">Only webhooks that list the action receive it.</param>
/// <param name="Many">The key holds a list.</param>
/// <param name="OnlyIds">The payload carries ids only.</param>
/// <param name="Accessibility">"public" or "internal", so that generated members never expose an internal model publicly.</param>
/// <param name="Model">The model, or null for a raw action.</param>
/// <param name="ProjectPath">The declared project path, or null.</param>
/// <param name="ProjectIdExpression">C# expression of the project id over <c>instance</c>, or null.</param>
/// <param name="NestedFields">The nested fields, in declaration order.</param>
internal sealed record ActionModel(
    string FieldName,
    string Action,
    string Name,
    string Description,
    string Key,
    bool OrganizationOnly,
    bool OptIn,
    bool Many,
    bool OnlyIds,
    string Accessibility,
    ModelInfo? Model,
    string? ProjectPath,
    string? ProjectIdExpression,
    EquatableArray<NestedFieldModel> NestedFields)
{
    public bool KeyIsProject => Key == "project";
}

/// <summary>The model of an action.</summary>
/// <param name="TypeName">Fully qualified type name.</param>
/// <param name="IdTypeName">Fully qualified type of its <c>Id</c>.</param>
/// <param name="IdIsNumber">Whether the id is written as a JSON number (otherwise as a string, for Guid).</param>
/// <param name="JsonContextTypeName">Fully qualified JSON context that has its type info, or null for ids-only actions.</param>
internal sealed record ModelInfo(string TypeName, string IdTypeName, bool IdIsNumber, string? JsonContextTypeName);

/// <summary>A payload member read from each model through a member path.</summary>
/// <param name="Name">The payload member name.</param>
/// <param name="Path">The declared path.</param>
/// <param name="TypeName">Fully qualified type written, without nullability.</param>
/// <param name="ValueExpression">C# expression of the value over <c>instance</c>.</param>
/// <param name="CanBeNull">Whether the value can be null, so the emitter writes a null check.</param>
internal sealed record NestedFieldModel(string Name, string Path, string TypeName, string ValueExpression, bool CanBeNull)
{
    public string FieldName => "s_nested_" + Name;
}

/// <summary>An action name and where it was declared, for the compilation-wide uniqueness check.</summary>
internal sealed record DeclaredAction(string Action, string Catalogue, LocationInfo? Location);

/// <summary>What parsing one [WebhookActions] class yields: the model (null when the class cannot be completed), its diagnostics, and its action names.</summary>
internal sealed record ParseResult(
    CatalogueModel? Model,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<DeclaredAction> Declared);
