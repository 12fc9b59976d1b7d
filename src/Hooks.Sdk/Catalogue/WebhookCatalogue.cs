using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Hooks.Sdk.Catalogue;

/// <summary>
/// The actions one <see cref="WebhookActionsAttribute"/> class declares, in declaration order, with the
/// <c>GET /api/webhooks/info/</c> documents the generator precomputed for them. Generated code creates it; apps
/// reach it as <c>TheClass.Catalogue</c> or through <see cref="WebhookActionRegistry"/>.
/// </summary>
public sealed class WebhookCatalogue
{
    private readonly FrozenDictionary<string, WebhookActionDescriptor> _byAction;
    private readonly InfoDocuments _info;

    /// <summary>Creates a catalogue; called by generated code.</summary>
    /// <param name="name">The declaring class, for messages.</param>
    /// <param name="actions">The actions, in declaration order.</param>
    /// <param name="info">UTF-8 JSON object of every action's <c>name</c>, <c>description</c>, <c>key</c> and <c>organization-only</c>.</param>
    /// <param name="organizationOnlyInfo">The same document restricted to organization-only actions.</param>
    /// <param name="projectInfo">The same document restricted to the other actions.</param>
    /// <exception cref="ArgumentException">Two actions share a name.</exception>
    public WebhookCatalogue(
        string name,
        IReadOnlyList<WebhookActionDescriptor> actions,
        byte[] info,
        byte[] organizationOnlyInfo,
        byte[] projectInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(actions);
        Name = name;
        Actions = actions;
        _byAction = ToDictionary(actions, name);
        _info = new InfoDocuments(info, organizationOnlyInfo, projectInfo);
    }

    /// <summary>The declaring class.</summary>
    public string Name { get; }

    /// <summary>The actions, in declaration order.</summary>
    public IReadOnlyList<WebhookActionDescriptor> Actions { get; }

    /// <summary>Finds an action by its name.</summary>
    /// <param name="action">The action name, for example <c>TASKS_CREATED</c>.</param>
    /// <param name="descriptor">The action, when found.</param>
    public bool TryGetAction(string action, [NotNullWhen(true)] out WebhookActionDescriptor? descriptor) =>
        _byAction.TryGetValue(action, out descriptor);

    /// <summary>
    /// The <c>GET /api/webhooks/info/</c> document: every action when <paramref name="organizationOnly"/> is
    /// <see langword="null"/>, otherwise only the actions whose organization-only flag equals it.
    /// </summary>
    /// <param name="organizationOnly">The filter.</param>
    public ReadOnlyMemory<byte> GetInfoJson(bool? organizationOnly) => _info.Select(organizationOnly);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static FrozenDictionary<string, WebhookActionDescriptor> ToDictionary(
        IEnumerable<WebhookActionDescriptor> actions, string owner)
    {
        var byAction = new Dictionary<string, WebhookActionDescriptor>(StringComparer.Ordinal);
        foreach (WebhookActionDescriptor action in actions)
        {
            if (!byAction.TryAdd(action.Action, action))
            {
                throw new ArgumentException($"The action {action.Action} is declared twice in {owner}.", nameof(actions));
            }
        }
        return byAction.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
