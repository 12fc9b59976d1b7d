using Hooks.Sdk.Filters;
using Hooks.Sdk.Http;
using Hooks.Sdk.Serialization;
using LabelStudio.Sample.Accounts;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Hosting;
using LabelStudio.Sample.Webhooks;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

// The command's own options (--username, ...) must not become configuration keys, where USERNAME is a bootstrap variable.
bool isCommand = UserCreateCommand.Matches(args);
WebApplicationBuilder builder = WebApplication.CreateBuilder(isCommand ? [] : args);
builder.Configuration.AddQuietLoggingDefaults();

// Label Studio's default port, unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:8080");
}

var settings = new LabelStudioSettings(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSampleStorage(builder.Configuration, settings);
builder.Services.AddScoped<Accounts>();
builder.Services.AddSingleton<LoginThrottle>();
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.AddPolicy(LoginThrottle.AddressPolicy, context => HttpMethods.IsPost(context.Request.Method)
        ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => LoginThrottle.Window)
        : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter(""));
    options.OnRejected = (rejected, cancellationToken) =>
    {
        rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        return new ValueTask(rejected.HttpContext.Response.WriteAsync(LabelStudio.Sample.Pages.Account.LoginModel.TooMany, cancellationToken));
    };
});
builder.Services.AddHostedService<BootstrapService>();
builder.Services.AddScoped<LabelStudio.Sample.Projects.ProjectStatistics>();
builder.Services.AddScoped<LabelStudio.Sample.Labeling.Labeling>();
builder.Services.AddScoped<LabelStudio.Sample.Tasks.TaskImporter>();
builder.Services.AddScoped<LabelStudio.Sample.Tasks.TaskStatistics>();
// ML backend URLs are user input, as webhook URLs are: the same address policy, no redirects, no environment proxy.
builder.Services.AddHttpClient(LabelStudio.Sample.MachineLearning.MlBackendsController.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
    .AddWebhookAddressPolicy();

builder.Services.AddScoped<Hooks.Sdk.EntityFrameworkCore.EfWebhookInstanceLoader<SampleDbContext>>();
builder.Services.AddScoped<IWebhookInstanceLoader, SampleInstanceLoader>();
builder.Services.AddHooks(settings.Apply)
    .AddLabelStudioActions()
    .AddSampleActions()
    .AddProjects<SampleProjects>();

// The API authenticates with tokens, the web page with a cookie; each part asks for its own scheme.
builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
    .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
    {
        options.LoginPath = "/user/login";
        options.Cookie.Name = "labelstudio.sample";
    });
builder.Services.AddAuthorization(options => options.AddPolicy(WebPolicy, policy =>
    policy.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser()));
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/", WebPolicy);
    options.Conventions.AllowAnonymousToPage("/User/Login");
    options.Conventions.AddPageRoute("/Webhooks/Index", "/projects/{projectId:long}/webhooks");
});
builder.Services.AddControllers()
    .AddJsonOptions(options =>
    {
        options.JsonSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(SampleJsonContext.Default, RestShapes.Modify));
        options.JsonSerializerOptions.Converters.Add(new LabelStudioDateTimeConverter());
        options.JsonSerializerOptions.Converters.Add(new LabelStudio.Sample.Hosting.FiniteDoubleConverter());
        // Bodies are at most JsonInputRules.MaxDepth deep; the answers that embed them nest deeper.
        options.JsonSerializerOptions.MaxDepth = 2 * JsonInputRules.MaxDepth;
    });
builder.Services.Configure<ApiBehaviorOptions>(options => options.InvalidModelStateResponseFactory = ApiErrors.FromModelState);
// The API and every webhook it sends, at /openapi/v1.json, readable at /scalar/v1.
builder.Services.AddOpenApi(options => options.AddHooks(hooks =>
{
    hooks.ProjectTypeInfo = SampleJsonContext.Payloads.Project;
    hooks.SecurityScheme = new Microsoft.OpenApi.OpenApiSecurityScheme
    {
        Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
        In = Microsoft.OpenApi.ParameterLocation.Header,
        Name = "Authorization",
        Description = "`Token <your token>`, as Label Studio takes it.",
    };
}));

WebApplication app = builder.Build();

if (isCommand)
{
    return await UserCreateCommand.RunAsync(args, app.Services, Console.Out, Console.Error);
}

app.UseExceptionHandler(errors => errors.Run(context =>
    (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad
        ? new ApiError(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"The request body is larger than {RequestSizeLimits.For(context)} bytes." : "Bad request.")
        : new ApiError(StatusCodes.Status500InternalServerError, "Internal server error.")).WriteAsync(context.Response)));
// Every API answer in the one envelope, the router's 404 and 405 included.
app.UseStatusCodePages(ApiStatusPages.WriteAsync);
app.UseRequestSizeLimits();
app.UseJsonBodyRules();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapWebhooksApi();
app.MapServerEndpoints();
app.MapControllers();
app.MapRazorPages();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference(options => options.WithTitle("Label Studio sample: API and webhooks")).AllowAnonymous();
await app.RunAsync();
return 0;

/// <summary>The sample's entry point; its name is what the tests' <c>WebApplicationFactory</c> binds to.</summary>
public partial class Program
{
    private const string WebPolicy = "web";
}
