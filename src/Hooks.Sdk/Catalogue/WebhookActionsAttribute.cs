namespace Hooks.Sdk.Catalogue;

/// <summary>
/// Marks a <see langword="partial"/> class whose <see langword="const"/> string fields, each carrying a
/// <see cref="WebhookActionAttribute"/>, declare webhook actions. The Hooks.Sdk source generator completes the class
/// with a <c>Catalogue</c>, one typed descriptor per action, typed emit helpers and payload serializers, and adds an
/// <c>Add{ClassName}</c> extension on <c>IServiceCollection</c> that registers the catalogue.
/// </summary>
/// <example>
/// <code>
/// [WebhookActions(JsonContext = typeof(AppJsonContext))]
/// public static partial class ShopActions
/// {
///     [WebhookAction("Order created", Key = "order", Model = typeof(Order), Project = "StoreId")]
///     public const string OrderCreated = "ORDER_CREATED";
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WebhookActionsAttribute : Attribute
{
    /// <summary>
    /// The app's System.Text.Json source-generated <c>JsonSerializerContext</c>. Every <see cref="WebhookActionAttribute.Model"/>
    /// and nested field type must be declared on it with <c>[JsonSerializable]</c>; payloads never use reflection.
    /// Required as soon as one action has a model.
    /// </summary>
    public Type? JsonContext { get; set; }
}
