using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Hooks.Sdk.Catalogue;

/// <summary>
/// Every action the app knows: the union of the <see cref="WebhookCatalogue"/>s registered in DI (the app's own and
/// any a library adds), in the order given. An action declared by two catalogues fails at start-up, because receivers
/// could not tell the two apart.
/// </summary>
public sealed class WebhookActionRegistry
{
    private readonly FrozenDictionary<string, WebhookActionDescriptor> _byAction;
    private readonly InfoDocuments _info;

    /// <summary>Merges <paramref name="catalogues"/>.</summary>
    /// <param name="catalogues">The registered catalogues.</param>
    /// <exception cref="InvalidOperationException">Two catalogues declare the same action.</exception>
    public WebhookActionRegistry(IEnumerable<WebhookCatalogue> catalogues)
    {
        ArgumentNullException.ThrowIfNull(catalogues);
        WebhookCatalogue[] all = catalogues.Distinct().ToArray();
        var byAction = new Dictionary<string, (WebhookActionDescriptor Action, WebhookCatalogue Owner)>(StringComparer.Ordinal);
        foreach (WebhookCatalogue catalogue in all)
        {
            foreach (WebhookActionDescriptor action in catalogue.Actions)
            {
                if (!byAction.TryAdd(action.Action, (action, catalogue)))
                {
                    throw new InvalidOperationException(
                        $"The webhook action {action.Action} is declared by both {byAction[action.Action].Owner} and {catalogue}; rename one of them.");
                }
            }
        }
        Actions = all.SelectMany(catalogue => catalogue.Actions).ToArray();
        _byAction = byAction.ToFrozenDictionary(entry => entry.Key, entry => entry.Value.Action, StringComparer.Ordinal);
        _info = InfoDocuments.Merge(all);
    }

    /// <summary>Every known action, catalogue by catalogue, each in declaration order.</summary>
    public IReadOnlyList<WebhookActionDescriptor> Actions { get; }

    /// <summary>Finds an action by its name.</summary>
    /// <param name="action">The action name, for example <c>TASKS_CREATED</c>.</param>
    /// <param name="descriptor">The action, when found.</param>
    public bool TryGetAction(string action, [NotNullWhen(true)] out WebhookActionDescriptor? descriptor) =>
        _byAction.TryGetValue(action, out descriptor);

    /// <summary>The <c>GET /api/webhooks/info/</c> document over every catalogue; see <see cref="WebhookCatalogue.GetInfoJson"/>.</summary>
    /// <param name="organizationOnly">The filter: <see langword="null"/> for every action.</param>
    public ReadOnlyMemory<byte> GetInfoJson(bool? organizationOnly) => _info.Select(organizationOnly);
}
