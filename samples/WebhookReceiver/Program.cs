using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using WebhookReceiver;

// A receiver to try the sample with: prints every webhook it gets (action, ids, project, headers) and answers 200.
// Run: dotnet run --project samples/WebhookReceiver   (listens on http://localhost:9000 unless --urls says otherwise)
// With WEBHOOK_SECRET=whsec_... it accepts only messages signed with that secret (Standard Webhooks), 401 otherwise.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:9000");
}
builder.Logging.SetMinimumLevel(LogLevel.Warning);
WebApplication app = builder.Build();

RouteHandlerBuilder receive = app.MapPost("/{**path}", async (HttpContext context) =>
{
    JsonNode? body;
    try
    {
        body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
    }
    catch (JsonException exception)
    {
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {context.Request.Path} not JSON: {exception.Message}");
        return Results.BadRequest();
    }
    string description = body is JsonObject webhook ? WebhookDescription.Describe(webhook) : "(not a JSON object)";
    string headers = string.Join(" ", context.Request.Headers
        .Where(header => header.Key is not ("Host" or "Content-Length" or "Accept-Encoding" or "Connection" or "traceparent"))
        .Select(header => $"{header.Key}={header.Value}"));
    Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {context.Request.Path} {description}");
    Console.WriteLine($"         headers: {headers}");
    return Results.Ok();
});
if (builder.Configuration["WEBHOOK_SECRET"] is { Length: > 0 } secret)
{
    receive.RequireWebhookSignature(new WebhookSignatureVerifier([WebhookSecret.Parse(secret)]));
    Console.WriteLine("Verifying Standard Webhooks signatures.");
}

app.Run();
