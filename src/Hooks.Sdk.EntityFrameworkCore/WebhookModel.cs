using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>Finds the SDK's entity types in the app's model, with the fix named when <c>AddWebhooks()</c> was not called.</summary>
internal static class WebhookModel
{
    public static IEntityType Entity<TEntity>(DbContext context) =>
        context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException(
                $"{typeof(TEntity).Name} is not in the model of {context.GetType().Name}; call modelBuilder.AddWebhooks() in its OnModelCreating.");
}
