using System.Text.Json;
using Hooks.Sdk;
using LabelStudio.Sample.Data;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Webhooks;

/// <summary>The sample's answer to the SDK's questions about projects.</summary>
public sealed class SampleProjects(SampleDbContext db) : IWebhookProjects
{
    public async ValueTask<bool> ExistsAsync(long organizationId, long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AnyAsync(project => project.Id == projectId && project.Organization == organizationId, cancellationToken);

    /// <summary>The project object read after the change; it has no secret fields to leave out.</summary>
    public async ValueTask<byte[]?> GetPayloadAsync(long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().FirstOrDefaultAsync(project => project.Id == projectId, cancellationToken) is { } project
            ? JsonSerializer.SerializeToUtf8Bytes(project, SampleJsonContext.Default.Project)
            : null;
}
