using Hooks.Sdk.Catalogue;

namespace Hooks.Sdk.Tests.Catalogue;

/// <summary>A second catalogue in the same app, with text that needs escaping.</summary>
[WebhookActions]
public static partial class OtherActions
{
    [WebhookAction("Maintenance \"window\"", Description = "Line one\nLine two \\ é", Key = "window", OrganizationOnly = true)]
    public const string Maintenance = "MAINTENANCE";

    [WebhookAction("Something happened", Description = "Something was going ok or not, Nobody knows.", Key = "something")]
    public const string SomethingHappened = "SOMETHING_HAPPENED";
}

/// <summary>A catalogue with no organization-only action.</summary>
[WebhookActions]
public static partial class AlertActions
{
    [WebhookAction("Alert raised", Key = "alert")]
    public const string AlertRaised = "ALERT_RAISED";
}
