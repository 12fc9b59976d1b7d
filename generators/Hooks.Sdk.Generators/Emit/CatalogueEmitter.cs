using System;
using System.Collections.Generic;
using System.IO;
using Hooks.Sdk.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;
using Scriban;
using Scriban.Runtime;

namespace Hooks.Sdk.Generators.Emit;

/// <summary>
/// Renders a <see cref="CatalogueModel"/> through the embedded Scriban template, parsed once per process. The
/// template alone decides the generated code's shape; the functions given to it only spell C# literals.
/// </summary>
internal static class CatalogueEmitter
{
    /// <summary>The longest piece of a string literal on one generated line, so that lines stay readable.</summary>
    private const int ChunkLength = 100;

    private static readonly Lazy<Template> CatalogueTemplate = new(() => Load("Catalogue.scriban"));

    private static readonly string GeneratorVersion = typeof(CatalogueEmitter).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>Renders <paramref name="model"/>, or says why it could not (a bug of the generator, never of the app).</summary>
    public static bool TryRender(CatalogueModel model, out string source, out string error) =>
        TryRender(() => CatalogueTemplate.Value, model, out source, out error);

    internal static bool TryRender(Func<Template> template, CatalogueModel model, out string source, out string error)
    {
        try
        {
            source = Render(template(), model);
            error = "";
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            source = "";
            error = exception.GetType().Name + ": " + exception.Message;
            return false;
        }
    }

    private static string Render(Template template, CatalogueModel model)
    {
        var globals = new ScriptObject();
        globals.Import(model, renamer: static member => member.Name);
        globals.Import("literal", new Func<string?, string>(Literal));
        globals.Import("literal_chunks", new Func<string, string[]>(value => Chunks(value, suffix: "")));
        globals.Import("utf8_chunks", new Func<string, string[]>(value => Chunks(value, suffix: "u8")));
        globals.SetValue("GeneratorVersion", GeneratorVersion, readOnly: true);
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
        return template.Render(context);
    }

    private static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>
    /// <paramref name="value"/> as string literals of at most <see cref="ChunkLength"/> characters each, to be joined
    /// with <c>+</c>, which the compiler folds back into one constant (for <c>u8</c> literals too). A surrogate pair is
    /// never split, and a piece ends after a comma where one is near its end.
    /// </summary>
    private static string[] Chunks(string value, string suffix)
    {
        var chunks = new List<string>();
        int start = 0;
        do
        {
            int length = Math.Min(ChunkLength, value.Length - start);
            if (start + length < value.Length)
            {
                // Prefer to end a piece after a comma, between two JSON members or two words.
                int comma = value.LastIndexOf(',', start + length - 1, length);
                length = comma > start + length / 2 ? comma + 1 - start : length;
                length -= char.IsHighSurrogate(value[start + length - 1]) ? 1 : 0;
            }
            chunks.Add(Literal(value.Substring(start, length)) + suffix);
            start += length;
        }
        while (start < value.Length);
        return chunks.ToArray();
    }

    private static Template Load(string name)
    {
        using Stream stream = typeof(CatalogueEmitter).Assembly.GetManifestResourceStream("Hooks.Sdk.Generators.Templates." + name)
            ?? throw new InvalidOperationException("Missing embedded template " + name);
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name);
    }

    internal static Template Parse(string text, string name)
    {
        Template template = Template.Parse(text, name);
        return template.HasErrors
            ? throw new InvalidOperationException(name + ": " + string.Join("; ", template.Messages))
            : template;
    }
}
