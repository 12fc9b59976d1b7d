namespace Hooks.Sdk.Generators.Tests;

/// <summary>Declarations the generator tests compile.</summary>
internal static class TestSources
{
    /// <summary>Label Studio's whole <c>WebhookAction.ACTIONS</c>, label links included.</summary>
    public const string LabelStudio = """
        using System.Text.Json.Serialization;
        using Hooks.Sdk.Catalogue;

        namespace LabelStudio;

        public sealed class Project { public int Id { get; set; } public string Title { get; set; } = ""; }
        public sealed class LabelTask { public int Id { get; set; } public Project? Project { get; set; } }
        public sealed class Annotation { public int Id { get; set; } public int ProjectId { get; set; } public LabelTask Task { get; set; } = null!; }
        public sealed class Label { public int Id { get; set; } public string Value { get; set; } = ""; }
        public sealed class LabelLink { public int Id { get; set; } public Project Project { get; set; } = null!; public Label? Label { get; set; } }

        [JsonSerializable(typeof(Project))]
        [JsonSerializable(typeof(LabelTask))]
        [JsonSerializable(typeof(Annotation))]
        [JsonSerializable(typeof(Label))]
        [JsonSerializable(typeof(LabelLink))]
        internal partial class LabelStudioJsonContext : JsonSerializerContext;

        [WebhookActions(JsonContext = typeof(LabelStudioJsonContext))]
        public static partial class LabelStudioActions
        {
            [WebhookAction("Project created", Key = "project", Model = typeof(Project), OrganizationOnly = true)]
            public const string ProjectCreated = "PROJECT_CREATED";

            [WebhookAction("Project updated", Key = "project", Model = typeof(Project), Project = WebhookProject.Self)]
            public const string ProjectUpdated = "PROJECT_UPDATED";

            [WebhookAction("Project deleted", Key = "project", Model = typeof(Project), OrganizationOnly = true, OnlyIds = true)]
            public const string ProjectDeleted = "PROJECT_DELETED";

            [WebhookAction("Task created", Key = "tasks", Model = typeof(LabelTask), Many = true, Project = "Project")]
            public const string TasksCreated = "TASKS_CREATED";

            [WebhookAction("Task deleted", Key = "tasks", Model = typeof(LabelTask), Many = true, Project = "Project", OnlyIds = true)]
            public const string TasksDeleted = "TASKS_DELETED";

            [WebhookAction("Annotation created", Key = "annotation", Model = typeof(Annotation), Project = "Task.Project")]
            [WebhookNestedField("task", "Task")]
            public const string AnnotationCreated = "ANNOTATION_CREATED";

            [WebhookAction("Annotations created", Key = "annotation", Model = typeof(Annotation), Many = true, Project = "ProjectId")]
            [WebhookNestedField("task", "Task")]
            public const string AnnotationsCreated = "ANNOTATIONS_CREATED";

            [WebhookAction("Annotation updated", Key = "annotation", Model = typeof(Annotation), Project = "ProjectId")]
            [WebhookNestedField("task", "Task")]
            public const string AnnotationUpdated = "ANNOTATION_UPDATED";

            [WebhookAction("Annotation deleted", Key = "annotations", Model = typeof(Annotation), Many = true, Project = "ProjectId", OnlyIds = true)]
            public const string AnnotationsDeleted = "ANNOTATIONS_DELETED";

            [WebhookAction("Label link created", Key = "label_link", Model = typeof(LabelLink), Many = true, Project = "Project")]
            public const string LabelLinkCreated = "LABEL_LINK_CREATED";

            [WebhookAction("Label link updated", Key = "label_link", Model = typeof(LabelLink), Project = "Project")]
            [WebhookNestedField("label", "Label")]
            public const string LabelLinkUpdated = "LABEL_LINK_UPDATED";

            [WebhookAction("Label link deleted", Key = "label_link", Model = typeof(LabelLink), Project = "Project", OnlyIds = true)]
            public const string LabelLinkDeleted = "LABEL_LINK_DELETED";
        }
        """;

    /// <summary>The seed's extension example: a raw action in a few lines.</summary>
    public const string OneAction = """
        using Hooks.Sdk.Catalogue;

        namespace MyApp;

        [WebhookActions]
        public static partial class MyActions
        {
            [WebhookAction("Something happened", Description = "Something was going ok or not, Nobody knows.", Key = "something")]
            public const string SomethingHappened = "SOMETHING_HAPPENED";
        }
        """;

    /// <summary>Nested fields (nullable, value-typed, through a path), organization-only actions, Guid ids, an internal model, a nested class.</summary>
    public const string NestedAndOrganizationOnly = """
        using System;
        using System.Text.Json.Serialization;
        using Hooks.Sdk.Catalogue;

        namespace Shop;

        public sealed class Store { public long Id { get; set; } }
        public struct Money { public decimal Amount { get; set; } public string Currency { get; set; } }
        public sealed class Customer { public Guid Id { get; set; } public string Name { get; set; } = ""; }
        public sealed class Order
        {
            public Guid Id { get; set; }
            public Store? Store { get; set; }
            public Customer Customer { get; set; } = null!;
            public Money? Total { get; set; }
        }
        internal sealed class AuditEntry { public long Id { get; set; } public long StoreId { get; set; } }

        [JsonSerializable(typeof(Order))]
        [JsonSerializable(typeof(Customer))]
        [JsonSerializable(typeof(Money))]
        [JsonSerializable(typeof(Store))]
        [JsonSerializable(typeof(AuditEntry))]
        internal partial class ShopJsonContext : JsonSerializerContext;

        public static partial class Webhooks
        {
            [WebhookActions(JsonContext = typeof(ShopJsonContext))]
            public static partial class ShopActions
            {
                [WebhookAction("Order placed", Key = "order", Model = typeof(Order), Project = "Store")]
                [WebhookNestedField("customer", "Customer")]
                [WebhookNestedField("total", "Total")]
                public const string OrderPlaced = "ORDER_PLACED";

                [WebhookAction("Orders exported", Key = "orders", Model = typeof(Order), Many = true, Project = "Store.Id")]
                [WebhookNestedField("customers", "Customer")]
                public const string OrdersExported = "ORDERS_EXPORTED";

                [WebhookAction("Store opened", Key = "store", Model = typeof(Store), OrganizationOnly = true)]
                public const string StoreOpened = "STORE_OPENED";

                [WebhookAction("Orders purged", Key = "orders", Model = typeof(Order), Many = true, OnlyIds = true, OrganizationOnly = true)]
                public const string OrdersPurged = "ORDERS_PURGED";

                [WebhookAction("Audit written", Key = "entry", Model = typeof(AuditEntry), Project = "StoreId")]
                public const string AuditWritten = "AUDIT_WRITTEN";

                [WebhookAction("Maintenance \"window\"", Description = "Line one\nLine two", Key = "window", OrganizationOnly = true, OptIn = true)]
                public const string Maintenance = "MAINTENANCE";
            }
        }
        """;

    public const string BillingActions = """
        using Hooks.Sdk.Catalogue;

        namespace Billing;

        [WebhookActions]
        internal static partial class BillingActions
        {
            [WebhookAction("Invoice paid", Key = "invoice")]
            public const string InvoicePaid = "INVOICE_PAID";
        }
        """;

    public const string SupportActions = """
        using Hooks.Sdk.Catalogue;

        namespace Support;

        [WebhookActions]
        public static partial class SupportActions
        {
            [WebhookAction("Ticket opened", Key = "ticket")]
            public const string TicketOpened = "TICKET_OPENED";
        }
        """;

    /// <summary>A catalogue with a declaration error and an action another catalogue declares too.</summary>
    public const string WithProblems = """
        using Hooks.Sdk.Catalogue;

        namespace Problems;

        [WebhookActions]
        public static partial class ProblemActions
        {
            [WebhookAction("Ticket opened twice", Key = "ticket")]
            public const string TicketOpened = "TICKET_OPENED";

            [WebhookAction("Lower case", Key = "thing")]
            public const string LowerCase = "lower_case";
        }
        """;
}
