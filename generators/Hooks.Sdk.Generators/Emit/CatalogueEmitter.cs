using System;
using System.IO;
using System.Linq;
using Hooks.Sdk.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;
using Scriban;
using Scriban.Runtime;

namespace Hooks.Sdk.Generators.Emit;

/// <summary>Renders a <see cref="CatalogueModel"/> through the embedded Scriban template, parsed once per process.</summary>
internal static class CatalogueEmitter
{
    private static readonly Lazy<Template> CatalogueTemplate = new(() => Load("Catalogue.scriban"));

    public static string Render(CatalogueModel model)
    {
        var globals = new ScriptObject();
        globals.Import(model, renamer: static member => member.Name);
        globals.Import("literal", new Func<string?, string>(Literal));
        globals.Import("metadata", new Func<ActionModel, string>(Metadata));
        globals.Import("project_id", new Func<ActionModel, string>(static action =>
            action.ProjectIdExpression is null ? "null" : "(long?)(" + action.ProjectIdExpression + ")"));
        globals.Import("write_nested", new Func<NestedFieldModel, string>(WriteNested));
        globals.SetValue("InfoJson", InfoDocumentBuilder.Build(model.Actions, null), readOnly: true);
        globals.SetValue("OrganizationOnlyInfoJson", InfoDocumentBuilder.Build(model.Actions, true), readOnly: true);
        globals.SetValue("ProjectInfoJson", InfoDocumentBuilder.Build(model.Actions, false), readOnly: true);

        // LoopLimit 0: Scriban stops loops at 1000 iterations by default, and a catalogue may be larger.
        var context = new TemplateContext
        {
            MemberRenamer = static member => member.Name,
            StrictVariables = true,
            LoopLimit = 0,
        };
        context.PushGlobal(globals);
        return CatalogueTemplate.Value.Render(context);
    }

    private static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Metadata(ActionModel action) =>
        "new global::Hooks.Sdk.WebhookActionMetadata(" + string.Join(", ",
            Literal(action.Action),
            Literal(action.Name),
            Literal(action.Description),
            Literal(action.Key),
            action.OrganizationOnly ? "true" : "false",
            action.Many ? "true" : "false",
            Literal(action.ProjectPath),
            action.NestedFields.Count == 0
                ? "global::System.Array.Empty<string>()"
                : "new string[] { " + string.Join(", ", action.NestedFields.Select(field => Literal(field.Name))) + " }") + ")"
        + (action.OptIn ? " { OptIn = true }" : "");

    private static string WriteNested(NestedFieldModel field) => field.CanBeNull
        ? $"if ({field.ValueExpression} is {{ }} nested_{field.Name}) {{ global::System.Text.Json.JsonSerializer.Serialize(writer, nested_{field.Name}, {field.FieldName}); }} else {{ writer.WriteNullValue(); }}"
        : $"global::System.Text.Json.JsonSerializer.Serialize(writer, {field.ValueExpression}, {field.FieldName});";

    private static Template Load(string name)
    {
        using Stream stream = typeof(CatalogueEmitter).Assembly.GetManifestResourceStream("Hooks.Sdk.Generators.Templates." + name)
            ?? throw new InvalidOperationException("Missing embedded template " + name);
        using var reader = new StreamReader(stream);
        Template template = Template.Parse(reader.ReadToEnd(), name);
        return template.HasErrors
            ? throw new InvalidOperationException(name + ": " + string.Join("; ", template.Messages))
            : template;
    }
}
