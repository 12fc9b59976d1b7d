using System.Text.Json;
using Hooks.Sdk.Store;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Projects;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Webhooks;

/// <summary>The sample's answer to the SDK's questions about projects.</summary>
public sealed class SampleProjects(SampleDbContext db, ProjectStatistics statistics) : IWebhookProjects
{
    public async ValueTask<bool> ExistsAsync(long organizationId, long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AnyAsync(project => project.Id == projectId && project.Organization == organizationId, cancellationToken);

    /// <summary>The project object with its eight counters, read after the change; the sample's projects hold no secrets.</summary>
    public async ValueTask<byte[]?> GetPayloadAsync(long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().FirstOrDefaultAsync(project => project.Id == projectId, cancellationToken) is { } project
            ? JsonSerializer.SerializeToUtf8Bytes(await statistics.WithCountersAsync(project, cancellationToken), SampleJsonContext.Payloads.Project)
            : null;
}
