namespace Hooks.Sdk.Catalogue;

/// <summary>
/// Adds a member to the payload of the action declared on the same field, read from each model through
/// <paramref name="path"/> and written under <paramref name="name"/> after <c>"project"</c>. For a
/// <see cref="WebhookActionAttribute.Many"/> action it is a list parallel to the models, as Label Studio's
/// <c>nested-fields</c> (<c>ANNOTATIONS_CREATED</c> carries one <c>task</c> per annotation).
/// </summary>
/// <param name="name">The payload member name, for example <c>"task"</c>.</param>
/// <param name="path">Dotted member path from the model, for example <c>"Task"</c>; its type must be in the JSON context.</param>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
public sealed class WebhookNestedFieldAttribute(string name, string path) : Attribute
{
    /// <summary>The payload member name.</summary>
    public string Name { get; } = name;

    /// <summary>Dotted member path from the model.</summary>
    public string Path { get; } = path;
}
