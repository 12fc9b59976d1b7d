namespace Hooks.Sdk.Api;

/// <summary>
/// The endpoint names of the webhooks REST API (<c>MapWebhooksApi</c>): its operations' ids in an OpenAPI document,
/// and what link generation knows them by. The tag groups them.
/// </summary>
public static class WebhooksApiNames
{
    /// <summary>The tag of every operation of the API.</summary>
    public const string Tag = "Webhooks API";

    /// <summary><c>GET /api/webhooks/info/</c>.</summary>
    public const string Info = "webhooks_info";

    /// <summary><c>GET /api/webhooks/</c>.</summary>
    public const string List = "webhooks_list";

    /// <summary><c>POST /api/webhooks/</c>.</summary>
    public const string Create = "webhooks_create";

    /// <summary><c>GET /api/webhooks/{id}/</c>.</summary>
    public const string Get = "webhooks_get";

    /// <summary><c>PUT /api/webhooks/{id}/</c>.</summary>
    public const string Put = "webhooks_put";

    /// <summary><c>PATCH /api/webhooks/{id}/</c>.</summary>
    public const string Patch = "webhooks_patch";

    /// <summary><c>DELETE /api/webhooks/{id}/</c>.</summary>
    public const string Delete = "webhooks_delete";

    /// <summary><c>GET /api/webhooks/{id}/secret/</c>.</summary>
    public const string GetSecret = "webhooks_secret_get";

    /// <summary><c>POST /api/webhooks/{id}/secret/rotate/</c>.</summary>
    public const string RotateSecret = "webhooks_secret_rotate";

    /// <summary><c>GET /api/webhooks/{id}/deliveries/</c>.</summary>
    public const string ListDeliveries = "webhooks_deliveries_list";

    /// <summary><c>GET /api/webhooks/{id}/deliveries/{deliveryId}/</c>.</summary>
    public const string GetDelivery = "webhooks_deliveries_get";

    /// <summary><c>POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver/</c>.</summary>
    public const string Redeliver = "webhooks_deliveries_redeliver";

    /// <summary><c>POST /api/webhooks/{id}/deliveries/recover/</c>.</summary>
    public const string Recover = "webhooks_deliveries_recover";
}
