namespace Hooks.Sdk.Filters;

/// <summary>
/// Loads the object a filter emits, fresh from the app's data store (Label Studio's <c>Model.objects.get(id=...)</c>).
/// <c>Hooks.Sdk.EntityFrameworkCore</c> provides one over the app's <c>DbContext</c>; replace it to load otherwise.
/// </summary>
public interface IWebhookInstanceLoader
{
    /// <summary>The stored <paramref name="modelType"/> with id <paramref name="id"/>, or <see langword="null"/>.</summary>
    /// <param name="modelType">The action's model.</param>
    /// <param name="id">The id as the response or route carried it (a number, a string...).</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    ValueTask<object?> LoadAsync(Type modelType, object id, CancellationToken cancellationToken);
}
