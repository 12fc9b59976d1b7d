using System.Text;
using System.Text.Json.Serialization;
using Hooks.Sdk.Catalogue;
using Microsoft.Extensions.DependencyInjection;

ServiceProvider services = new ServiceCollection().AddShopActions().BuildServiceProvider();
WebhookActionRegistry registry = services.GetRequiredService<WebhookActionRegistry>();

string info = Encoding.UTF8.GetString(registry.GetInfoJson(organizationOnly: null).Span);
string payload = Encoding.UTF8.GetString(
    ShopActions.Descriptors.OrderPlaced.SerializePayload([new Order { Id = 7, StoreId = 3, Total = 9.5m }], """{"id":3}"""u8));
Console.WriteLine(info);
Console.WriteLine(payload);

const string ExpectedInfo = """{"ORDER_PLACED":{"name":"Order placed","description":"","key":"order","organization-only":false,"opt-in":false},"SOMETHING_HAPPENED":{"name":"Something happened","description":"Something was going ok or not, Nobody knows.","key":"something","organization-only":false,"opt-in":false}}""";
const string ExpectedPayload = """{"action":"ORDER_PLACED","order":{"id":7,"store_id":3,"total":9.5},"project":{"id":3}}""";
if (info != ExpectedInfo || payload != ExpectedPayload)
{
    Console.Error.WriteLine("The packed generator produced unexpected output.");
    return 1;
}
Console.WriteLine("package consumer: ok");
return 0;

public sealed class Order
{
    public long Id { get; set; }
    public long StoreId { get; set; }
    public decimal Total { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Order))]
public sealed partial class ShopJsonContext : JsonSerializerContext;

[WebhookActions(JsonContext = typeof(ShopJsonContext))]
public static partial class ShopActions
{
    [WebhookAction("Order placed", Key = "order", Model = typeof(Order), Project = "StoreId")]
    public const string OrderPlaced = "ORDER_PLACED";

    [WebhookAction("Something happened", Description = "Something was going ok or not, Nobody knows.", Key = "something")]
    public const string SomethingHappened = "SOMETHING_HAPPENED";
}
