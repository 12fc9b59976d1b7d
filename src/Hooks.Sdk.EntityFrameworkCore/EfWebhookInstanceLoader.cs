using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Hooks.Sdk.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Loads filter instances from <typeparamref name="TContext"/> by primary key, without tracking, so the payload shows
/// what is stored even when the request changed its tracked copy afterwards. Reference navigations are included, so
/// nested fields and project paths one step away (<c>annotation.Task</c>) are there.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
public sealed class EfWebhookInstanceLoader<TContext>(TContext context) : IWebhookInstanceLoader
    where TContext : DbContext
{
    private static readonly MethodInfo LoadMethod = typeof(EfWebhookInstanceLoader<TContext>)
        .GetMethod(nameof(LoadTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly ConcurrentDictionary<Type, Func<TContext, IEntityType, object, CancellationToken, Task<object?>>> Loaders = new();

    /// <inheritdoc />
    public async ValueTask<object?> LoadAsync(Type modelType, object id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        ArgumentNullException.ThrowIfNull(id);
        IEntityType entityType = context.Model.FindEntityType(modelType)
            ?? throw new InvalidOperationException($"{modelType.Name} is not an entity of {typeof(TContext).Name}; register an IWebhookInstanceLoader that can load it.");
        IProperty key = entityType.FindPrimaryKey() is { Properties: [var single] }
            ? single
            : throw new InvalidOperationException($"{modelType.Name} needs a single-column primary key to be reloaded by id.");
        if (!TryConvert(id, key.ClrType, out object? typedId) || typedId is null)
        {
            return null;
        }
        Func<TContext, IEntityType, object, CancellationToken, Task<object?>> load = Loaders.GetOrAdd(modelType, type =>
            LoadMethod.MakeGenericMethod(type, key.ClrType)
                .CreateDelegate<Func<TContext, IEntityType, object, CancellationToken, Task<object?>>>());
        return await load(context, entityType, typedId, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> LoadTypedAsync<TEntity, TKey>(TContext context, IEntityType entityType, object id, CancellationToken cancellationToken)
        where TEntity : class
    {
        IQueryable<TEntity> query = context.Set<TEntity>().AsNoTracking();
        foreach (INavigation navigation in entityType.GetNavigations().Where(navigation => !navigation.IsCollection))
        {
            query = query.Include(navigation.Name);
        }
        string keyName = entityType.FindPrimaryKey()!.Properties[0].Name;
        var key = (TKey)id;
        return await query.FirstOrDefaultAsync(entity => EF.Property<TKey>(entity, keyName)!.Equals(key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ids come from JSON or routes: numbers, strings of digits, Guid strings. Anything else finds nothing.</summary>
    private static bool TryConvert(object id, Type keyType, out object? typedId)
    {
        try
        {
            typedId = keyType == typeof(Guid)
                ? id is Guid guid ? guid : Guid.Parse(Convert.ToString(id, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture)
                : Convert.ChangeType(id, keyType, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            typedId = null;
            return false;
        }
    }
}
