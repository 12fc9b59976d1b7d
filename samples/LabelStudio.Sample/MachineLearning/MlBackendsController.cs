using System.Text.Json.Nodes;
using Hooks.Sdk.Http;
using Hooks.Sdk.Security;
using Hooks.Sdk.Store;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.MachineLearning;

/// <summary>
/// ML backends. <c>train</c> is not a webhook: as Label Studio does, it POSTs
/// <c>{"action": "START_TRAINING", "project": {...}}</c> to the backend's <c>/webhook</c>. A backend's URL is one a
/// user enters, so it goes through the webhooks' outbound policy: checked when saved, checked again on the address
/// dialled, no redirects; and every failure answers the same, so the answers cannot map which ports are open.
/// </summary>
[Route("api/ml")]
public sealed partial class MlBackendsController(
    SampleDbContext db, IWebhookProjects projects, IHttpClientFactory httpClientFactory, WebhookAddressPolicy addressPolicy, TimeProvider timeProvider,
    ILogger<MlBackendsController> logger)
    : SampleControllerBase(db)
{
    public const string HttpClientName = "ml-backend";

    [HttpPost]
    public async Task<IActionResult> Create(MlBackendInput input)
    {
        if (input.Project is not { } projectId)
        {
            return FieldError("project", "This field is required.");
        }
        if (!await OwnsProjectAsync(projectId))
        {
            return UnknownReference("project", projectId);
        }
        if (!Uri.TryCreate(input.Url, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https") || url.IdnHost.Length == 0)
        {
            return FieldError("url", "Enter a valid URL.");
        }
        if (await addressPolicy.CheckUrlAsync(url, HttpContext.RequestAborted) is { } refusal)
        {
            return FieldError("url", refusal);
        }
        var backend = new MlBackend { ProjectId = projectId, Url = input.Url!, Title = input.Title ?? "", CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
        Db.MlBackends.Add(backend);
        await Db.SaveChangesAsync();
        return CreatedAtAction(nameof(Get), new { id = backend.Id }, backend);
    }

    /// <summary>Label Studio's list: the ML backends of the caller's organization, or of one project, by id.</summary>
    [HttpGet]
    public async Task<IActionResult> List([FromQuery] long? project)
    {
        IQueryable<MlBackend> backends = project is { } projectId ? OwnBackends.Where(backend => backend.ProjectId == projectId) : OwnBackends;
        return Ok(await backends.AsNoTracking().OrderBy(backend => backend.Id).ToListAsync(HttpContext.RequestAborted));
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Get(long id) =>
        await OwnBackends.AsNoTracking().FirstOrDefaultAsync(backend => backend.Id == id) is { } backend ? Ok(backend) : NotFoundError("MLBackend");

    [HttpDelete("{id:long}")]
    public async Task<IActionResult> Delete(long id) =>
        await OwnBackends.Where(backend => backend.Id == id).ExecuteDeleteAsync() == 0 ? NotFoundError("MLBackend") : NoContent();

    [HttpPost("{id:long}/train")]
    public async Task<IActionResult> Train(long id)
    {
        if (await OwnBackends.AsNoTracking().FirstOrDefaultAsync(backend => backend.Id == id) is not { } backend)
        {
            return NotFoundError("MLBackend");
        }
        byte[] project = await projects.GetPayloadAsync(backend.ProjectId, HttpContext.RequestAborted) ?? [];
        var body = new JsonObject { ["action"] = "START_TRAINING", ["project"] = JsonNode.Parse(project) };
        try
        {
            using HttpResponseMessage response = await httpClientFactory.CreateClient(HttpClientName)
                .PostAsync(backend.Url.TrimEnd('/') + "/webhook", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), HttpContext.RequestAborted);
            if (response.IsSuccessStatusCode)
            {
                return Ok(new { detail = "Training started." });
            }
            LogTrainingFailed(null, backend.Id, $"answered {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && !HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogTrainingFailed(exception, backend.Id, exception.Message);
        }
        // One answer for a refusal, a closed port, a timeout and an error status alike; the log has the difference.
        return StatusCode(StatusCodes.Status502BadGateway, new ApiError(StatusCodes.Status502BadGateway, "The ML backend did not accept the training request."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training request to ML backend {BackendId} failed: {Reason}")]
    private partial void LogTrainingFailed(Exception? exception, long backendId, string reason);

    private IQueryable<MlBackend> OwnBackends => Db.MlBackends.Where(backend => OwnProjects.Any(project => project.Id == backend.ProjectId));
}

/// <summary>An ML backend to connect.</summary>
public sealed record MlBackendInput(long? Project, string? Url, string? Title);
