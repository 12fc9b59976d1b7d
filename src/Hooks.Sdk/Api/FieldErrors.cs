using System.Globalization;
using Hooks.Sdk.Http;

namespace Hooks.Sdk.Api;

/// <summary>
/// Messages by field, handed out in the order of Label Studio's webhook serializer: <c>url</c>,
/// <c>send_payload</c>, <c>send_for_all_actions</c>, <c>is_active</c>, <c>headers</c>, <c>actions</c> (its items by
/// index), <c>project</c>, then the rest as they came. The API finds the errors of reading JSON and the
/// administration those of the values afterwards; a client sees one order whichever found them.
/// </summary>
internal sealed class FieldErrors
{
    private static readonly string[] FieldOrder = ["url", "send_payload", "send_for_all_actions", "is_active", "headers", "actions", "project"];

    private readonly Dictionary<string, List<string>> _messages = [];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> None { get; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool IsEmpty => _messages.Count == 0;

    public bool Contains(string field) => _messages.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_messages.TryGetValue(field, out List<string>? messages))
        {
            _messages[field] = messages = [];
        }
        messages.Add(message);
    }

    public void Add(IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    {
        foreach ((string field, IReadOnlyList<string> messages) in errors)
        {
            foreach (string message in messages)
            {
                Add(field, message);
            }
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDictionary() => _messages
        .OrderBy(entry => Rank(entry.Key))
        .ThenBy(entry => Item(entry.Key))
        .ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value);

    private static int Rank(string key)
    {
        int rank = Array.IndexOf(FieldOrder, key.Split('[')[0]);
        return rank < 0 ? FieldOrder.Length : rank;
    }

    /// <summary>The index of an item key (<see cref="ApiError.ItemField"/>), or -1 for a whole field.</summary>
    private static int Item(string key)
    {
        int open = key.IndexOf('[', StringComparison.Ordinal);
        return open > 0 && key.EndsWith(']')
            && int.TryParse(key.AsSpan(open + 1, key.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            ? index
            : -1;
    }
}
