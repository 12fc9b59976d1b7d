using System.Text.Json;
using System.Text.Json.Serialization;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.EntityFrameworkCore;
using Hooks.Sdk.Store;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps Hooks.Sdk's tables into the app's own <see cref="DbContext"/>, so they share its connection and transactions.</summary>
public static class WebhookModelBuilderExtensions
{
    private static readonly ValueComparer<Dictionary<string, string>> HeadersComparer = new(
        (left, right) => left!.Count == right!.Count && !left.Except(right).Any(),
        headers => headers.Aggregate(0, (hash, header) => HashCode.Combine(hash, header.Key, header.Value)),
        headers => new Dictionary<string, string>(headers));

    /// <summary>
    /// Adds the <c>webhook</c> and <c>webhook_action</c> tables (Label Studio's names) and the durable outbox:
    /// <c>webhook_delivery</c> (one row per message and webhook), <c>webhook_payload</c> (each body once),
    /// <c>webhook_delivery_attempt</c> (the delivery log) and <c>webhook_dispatch</c> (which dispatcher sends each
    /// webhook's messages). Call it from
    /// <c>OnModelCreating</c>. Projects and organizations are the app's: to delete a project's webhooks with it, as
    /// Label Studio does, add the foreign key yourself, for example
    /// <c>modelBuilder.Entity&lt;Webhook&gt;().HasOne&lt;Project&gt;().WithMany().HasForeignKey(w =&gt; w.ProjectId).OnDelete(DeleteBehavior.Cascade)</c>.
    /// </summary>
    /// <param name="modelBuilder">The app's model builder.</param>
    /// <returns><paramref name="modelBuilder"/>, for chaining.</returns>
    public static ModelBuilder AddWebhooks(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Webhook>(webhook =>
        {
            webhook.ToTable("webhook");
            webhook.HasKey(w => w.Id);
            webhook.Property(w => w.Url).HasMaxLength(Webhook.MaxUrlLength).IsRequired();
            webhook.Property(w => w.Headers)
                .HasConversion(
                    headers => JsonSerializer.Serialize(headers, HeadersJsonContext.Default.DictionaryStringString),
                    json => JsonSerializer.Deserialize(json, HeadersJsonContext.Default.DictionaryStringString) ?? new Dictionary<string, string>(),
                    HeadersComparer)
                .IsRequired();
            webhook.Property(w => w.ConsecutiveFailures).HasDefaultValue(0);
            webhook.HasIndex(w => new { w.OrganizationId, w.ProjectId });
            webhook.HasIndex(w => w.CreatedAt);
            webhook.HasIndex(w => w.UpdatedAt);
            webhook.HasMany(w => w.Actions).WithOne().HasForeignKey(a => a.WebhookId).OnDelete(DeleteBehavior.Cascade);
            webhook.Navigation(w => w.Actions).AutoInclude(false);
        });
        modelBuilder.Entity<WebhookDeliveryRecord>(delivery =>
        {
            delivery.ToTable("webhook_delivery");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.MessageId).HasMaxLength(64).IsRequired();
            delivery.HasIndex(d => d.MessageId).IsUnique();
            delivery.Property(d => d.Action).HasMaxLength(128).IsRequired();
            delivery.Property(d => d.LeaseOwner).HasMaxLength(200);
            delivery.Property(d => d.Status).HasConversion<int>();
            delivery.Property(d => d.OrderingKey).HasMaxLength(WebhookDeliveryRecord.MaxOrderingKeyLength).IsRequired();
            // The due messages in claim order, a range scan however many finished rows the table holds.
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt, d.Id });
            // A key's first unfinished message, and whether it has one, are index seeks.
            delivery.HasIndex(d => new { d.WebhookId, d.OrderingKey, d.Status, d.Id });
            delivery.HasIndex(d => new { d.WebhookId, d.CreatedAt });
            delivery.HasIndex(d => new { d.Status, d.CreatedAt });
            delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
            // The body lives once in webhook_payload, shared by the deliveries of one event.
            delivery.Ignore(d => d.Body);
            delivery.HasOne<WebhookPayload>().WithMany().HasForeignKey(d => d.PayloadId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<WebhookDispatchLease>(lease =>
        {
            lease.ToTable("webhook_dispatch");
            lease.HasKey(l => l.WebhookId);
            lease.Property(l => l.WebhookId).ValueGeneratedNever();
            lease.Property(l => l.Owner).HasMaxLength(200).IsRequired();
            lease.HasOne<Webhook>().WithOne().HasForeignKey<WebhookDispatchLease>(l => l.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WebhookPayload>(payload =>
        {
            payload.ToTable("webhook_payload");
            payload.HasKey(p => p.Id);
            payload.Property(p => p.Body).IsRequired();
        });
        modelBuilder.Entity<WebhookDeliveryAttempt>(attempt =>
        {
            attempt.ToTable("webhook_delivery_attempt");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.ResponseBody).HasMaxLength(WebhookDeliveryAttempt.MaxResponseBody);
            attempt.HasIndex(a => new { a.DeliveryId, a.Number });
            attempt.HasOne<WebhookDeliveryRecord>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WebhookSubscription>(subscription =>
        {
            subscription.ToTable("webhook_action");
            subscription.HasKey(a => a.Id);
            subscription.Property(a => a.Action).HasMaxLength(128).IsRequired();
            subscription.HasIndex(a => new { a.WebhookId, a.Action }).IsUnique();
            subscription.HasIndex(a => a.Action);
        });
        return modelBuilder;
    }
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HeadersJsonContext : JsonSerializerContext;
