using LabelStudio.Sample.Webhooks;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// Label Studio's default port, unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:8080");
}

builder.Services.AddLabelStudioActions();

WebApplication app = builder.Build();
app.MapWebhookActionsInfo();
app.Run();
