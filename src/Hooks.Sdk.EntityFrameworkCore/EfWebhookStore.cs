using System.Runtime.CompilerServices;
using Hooks.Sdk.Security;
using Hooks.Sdk.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// <see cref="IWebhookStore"/> over the app's <typeparamref name="TContext"/>, which must call <c>AddWebhooks()</c>.
/// Header values are written encrypted (<see cref="WebhookHeaderProtection"/>) and returned in the clear; a tracked
/// webhook's clear values are its change tracker's original values, so that no other <c>SaveChanges</c> of the
/// app's context writes them as they are.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
public sealed class EfWebhookStore<TContext>(TContext context, WebhookHeaderProtection headers) : IWebhookStore
    where TContext : DbContext
{
    // Compiled once per model: this query runs on every decorated request, where EF's own query compilation lookup
    // would be most of its cost. Per model, not per context type: one context type can run on two providers in one
    // process (a SQLite default and PostgreSQL, say), and a compiled query serves only the model it was compiled for.
    private static readonly ConditionalWeakTable<IModel, Func<TContext, long, string, CancellationToken, Task<bool>>> AnyActive = [];

    private DbSet<Webhook> Webhooks => context.Set<Webhook>();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Webhook>> GetActiveAsync(long organizationId, long? projectId, string action, CancellationToken cancellationToken) =>
        Revealed(await Webhooks.AsNoTracking()
            .Where(webhook => webhook.OrganizationId == organizationId
                && webhook.IsActive
                && (webhook.ProjectId == null || projectId != null && webhook.ProjectId == projectId)
                && (webhook.SendForAllActions || webhook.Actions.Any(subscription => subscription.Action == action)))
            .OrderBy(webhook => webhook.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false));

    /// <inheritdoc />
    public Task<bool> AnyActiveAsync(long organizationId, string action, CancellationToken cancellationToken) =>
        AnyActive.GetValue(context.Model, _ => EF.CompileAsyncQuery((TContext db, long organization, string name, CancellationToken _) => db.Set<Webhook>()
            .Any(webhook => webhook.OrganizationId == organization
                && webhook.IsActive
                && (webhook.SendForAllActions || webhook.Actions.Any(subscription => subscription.Action == name)))))(context, organizationId, action, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Webhook>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        Revealed(await Webhooks.AsNoTracking().Include(webhook => webhook.Actions)
            .Where(webhook => EF.Parameter(ids).Contains(webhook.Id))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Webhook>> ListAsync(long organizationId, WebhookProjectFilter project, CancellationToken cancellationToken)
    {
        IQueryable<Webhook> query = Webhooks.AsNoTracking().Include(webhook => webhook.Actions).Where(webhook => webhook.OrganizationId == organizationId);
        query = project.Kind switch
        {
            WebhookProjectFilterKind.OrganizationLevel => query.Where(webhook => webhook.ProjectId == null),
            WebhookProjectFilterKind.Project => query.Where(webhook => webhook.ProjectId == project.ProjectId),
            _ => query,
        };
        return Revealed(await query.OrderBy(webhook => webhook.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<Webhook?> FindAsync(long organizationId, long id, CancellationToken cancellationToken)
    {
        Webhook? webhook = await Webhooks.Include(webhook => webhook.Actions)
            .FirstOrDefaultAsync(webhook => webhook.Id == id && webhook.OrganizationId == organizationId, cancellationToken)
            .ConfigureAwait(false);
        if (webhook is not null)
        {
            Reveal(webhook);
        }
        return webhook;
    }

    /// <inheritdoc />
    public async Task<Webhook> AddAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        Webhooks.Add(webhook);
        await SaveProtectedAsync(webhook, cancellationToken).ConfigureAwait(false);
        return webhook;
    }

    /// <inheritdoc />
    public Task UpdateAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return SaveProtectedAsync(webhook, cancellationToken);
    }

    /// <summary>Saves with the header values encrypted, then gives the entity its clear values back (see <see cref="Reveal"/>).</summary>
    private async Task SaveProtectedAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        Dictionary<string, string> clear = webhook.Headers;
        webhook.Headers = headers.Protect(clear);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            webhook.Headers = clear;
            Untouched(webhook);
        }
    }

    /// <summary>Decrypts a tracked webhook's header values and makes them its original values, so they count as unchanged.</summary>
    private void Reveal(Webhook webhook)
    {
        webhook.Headers = headers.Reveal(webhook.Headers);
        Untouched(webhook);
    }

    private void Untouched(Webhook webhook)
    {
        var entry = context.Entry(webhook);
        if (entry.State is EntityState.Unchanged or EntityState.Modified)
        {
            var property = entry.Property(candidate => candidate.Headers);
            property.OriginalValue = new Dictionary<string, string>(webhook.Headers, StringComparer.Ordinal);
            property.IsModified = false;
        }
    }

    private List<Webhook> Revealed(List<Webhook> webhooks)
    {
        foreach (Webhook webhook in webhooks)
        {
            webhook.Headers = headers.Reveal(webhook.Headers);
        }
        return webhooks;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(long organizationId, long id, CancellationToken cancellationToken) =>
        await Webhooks.Where(webhook => webhook.Id == id && webhook.OrganizationId == organizationId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;

    /// <inheritdoc />
    public async Task<bool> DisableAsync(long webhookId, CancellationToken cancellationToken) =>
        await Webhooks.Where(webhook => webhook.Id == webhookId && webhook.IsActive)
            .ExecuteUpdateAsync(update => update.SetProperty(webhook => webhook.IsActive, false), cancellationToken)
            .ConfigureAwait(false) > 0;

    /// <inheritdoc />
    public async Task<bool> RecordDeliveryAsync(long webhookId, bool success, int threshold, CancellationToken cancellationToken)
    {
        if (threshold <= 0)
        {
            return false;
        }
        IQueryable<Webhook> webhook = Webhooks.Where(candidate => candidate.Id == webhookId);
        if (success)
        {
            await webhook.Where(candidate => candidate.ConsecutiveFailures != 0)
                .ExecuteUpdateAsync(update => update.SetProperty(candidate => candidate.ConsecutiveFailures, 0), cancellationToken)
                .ConfigureAwait(false);
            return false;
        }
        // One atomic increment, then the disabling write only if this webhook is still active: concurrent failures
        // never lose a count and only one of them reports the disable.
        await webhook.ExecuteUpdateAsync(update => update.SetProperty(candidate => candidate.ConsecutiveFailures, candidate => candidate.ConsecutiveFailures + 1), cancellationToken)
            .ConfigureAwait(false);
        int failures = await webhook.Select(candidate => candidate.ConsecutiveFailures).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return failures >= threshold
            && await webhook.Where(candidate => candidate.IsActive)
                .ExecuteUpdateAsync(update => update.SetProperty(candidate => candidate.IsActive, false), cancellationToken)
                .ConfigureAwait(false) > 0;
    }
}
