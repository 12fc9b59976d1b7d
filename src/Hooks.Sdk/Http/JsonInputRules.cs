using System.Text.Json;

namespace Hooks.Sdk.Http;

/// <summary>
/// What a JSON request body may contain, so that whatever is accepted can always be stored, read back and sent in a
/// payload: at most <see cref="MaxDepth"/> levels, no duplicate keys (which value wins is parser-specific), finite
/// numbers only (<c>1e400</c> reads as infinity, which no JSON writer can write back), and strings without unpaired
/// UTF-16 surrogates (<c>"\ud800"</c>, which cannot become text). The webhooks API applies it; an app applies it to its
/// own routes with <see cref="CheckAsync"/>.
/// </summary>
public static class JsonInputRules
{
    /// <summary>The deepest nesting accepted: half of what the responses that embed a body may nest, so reads never fail.</summary>
    public const int MaxDepth = 32;

    /// <summary>Parser options that enforce the depth and unique keys.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 1024, AllowDuplicateProperties = true };

    /// <summary>
    /// Why <paramref name="json"/> breaks the rules, or <see langword="null"/> when it keeps them or is not JSON at all
    /// (a syntax error is left to the caller's own parser and message).
    /// </summary>
    /// <param name="json">A UTF-8 JSON document.</param>
    public static string? Check(ReadOnlyMemory<byte> json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, DocumentOptions);
            return Check(document.RootElement);
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check unescapes every key, and an unpaired surrogate cannot become one.
            return Unpaired;
        }
        catch (JsonException)
        {
            // Strict parsing failed: say why if only the depth or a duplicate key did it; a syntax error is not ours.
            try
            {
                using JsonDocument lenient = JsonDocument.Parse(json, Lenient);
                return Depth(lenient.RootElement) > MaxDepth ? $"JSON nested deeper than {MaxDepth} levels." : "A JSON object has the same key twice.";
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Reads <paramref name="body"/> (at most <paramref name="limit"/> bytes) and checks it; see <see cref="Check(ReadOnlyMemory{byte})"/>.</summary>
    /// <param name="body">The request body, read to its end.</param>
    /// <param name="limit">The most bytes to read; past it, nothing is reported (the caller's size limit answers).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<string?> CheckAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return await BoundedBody.ReadAsync(body, limit, cancellationToken).ConfigureAwait(false) is { } json ? Check(json) : null;
    }

    /// <summary>Why a parsed element breaks the number or string rules, or <see langword="null"/>.</summary>
    /// <param name="element">The element, with everything nested in it.</param>
    public static string? Check(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!IsText(property))
                    {
                        return Unpaired;
                    }
                    if (Check(property.Value) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (Check(item) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonValueKind.Number:
                return element.TryGetDouble(out double number) && double.IsFinite(number) ? null : "Numbers must be finite: 1e400, NaN and Infinity cannot be stored.";
            case JsonValueKind.String:
                return IsText(element) ? null : Unpaired;
            default:
                return null;
        }
    }

    private const string Unpaired = "A JSON string contains an unpaired UTF-16 surrogate (such as \\ud800).";

    // System.Text.Json refuses to make a string of an unpaired surrogate escape; a pair it decodes is checked below.
    private static bool IsText(JsonElement element)
    {
        try
        {
            return IsText(element.GetString());
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsText(JsonProperty property)
    {
        try
        {
            return IsText(property.Name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsText(string? text)
    {
        ReadOnlySpan<char> chars = text.AsSpan();
        for (int index = 0; index < chars.Length; index++)
        {
            if (char.IsHighSurrogate(chars[index]) && index + 1 < chars.Length && char.IsLowSurrogate(chars[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(chars[index]))
            {
                return false;
            }
        }
        return true;
    }

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(property => Depth(property.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
