using Hooks.Sdk.Filters;
using Hooks.Sdk.Http;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using LabelStudio.Sample.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Projects;

/// <summary>Label Studio's <c>/api/projects/</c>, emitting <c>PROJECT_*</c> through the SDK's filters.</summary>
[Route("api/projects")]
public sealed class ProjectsController(SampleDbContext db, ProjectStatistics statistics, TimeProvider timeProvider) : SampleControllerBase(db)
{
    /// <summary>Label Studio's page size for projects; the most one page holds, which its legacy client's one request of 10,000,000 gets.</summary>
    private const int PageSize = 30;
    private const int MaxPageSize = 10_000;

    [HttpGet]
    public async Task<ActionResult<ProjectPage>> List()
    {
        if (PageRequest.Read(Request.Query, PageSize, MaxPageSize) is not { } page)
        {
            return NotFound(ApiError.NotFound(PageRequest.InvalidPage));
        }
        IQueryable<Project> projects = Db.Projects.AsNoTracking().Where(project => project.Organization == OrganizationId);
        int count = await projects.CountAsync();
        if (page.IsPastEnd(count))
        {
            return NotFound(ApiError.NotFound(PageRequest.InvalidPage));
        }
        List<Project> results = await projects.OrderBy(project => project.Id).Skip((int)page.Skip).Take(page.Size).ToListAsync();
        foreach (Project project in results)
        {
            await statistics.WithCountersAsync(project, HttpContext.RequestAborted);
        }
        await WithCreatorsAsync(results);
        return new ProjectPage(count, page.Next(Request, count), page.Previous(Request), results);
    }

    [HttpGet("{id:long}")]
    public async Task<ActionResult<Project>> Get(long id)
    {
        if (await FindAsync(id, tracking: false) is not { } project)
        {
            return NotFoundError("Project");
        }
        await WithCreatorsAsync([project]);
        return await statistics.WithCountersAsync(project, HttpContext.RequestAborted);
    }

    [HttpPost]
    [ApiWebhook(LabelStudioActions.ProjectCreated)]
    public async Task<IActionResult> Create(ProjectInput input)
    {
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        var project = new Project
        {
            Organization = OrganizationId,
            CreatedBy = UserId,
            CreatedAt = now,
        };
        Apply(project, input, now);
        Db.Projects.Add(project);
        await Db.SaveChangesAsync();
        await WithCreatorsAsync([project]);
        return CreatedAtAction(nameof(Get), new { id = project.Id }, project);
    }

    [HttpPatch("{id:long}")]
    [HttpPut("{id:long}")]
    [ApiWebhook(LabelStudioActions.ProjectUpdated)]
    public async Task<ActionResult<Project>> Update(long id, ProjectInput input)
    {
        if (await FindAsync(id, tracking: true) is not { } project)
        {
            return NotFoundError("Project");
        }
        Apply(project, input, timeProvider.GetUtcNow().UtcDateTime);
        await Db.SaveChangesAsync();
        await WithCreatorsAsync([project]);
        return await statistics.WithCountersAsync(project, HttpContext.RequestAborted);
    }

    [HttpDelete("{id:long}")]
    [ApiWebhookForDelete(LabelStudioActions.ProjectDeleted)]
    public async Task<IActionResult> Delete(long id)
    {
        int deleted = await Db.Projects.Where(project => project.Id == id && project.Organization == OrganizationId).ExecuteDeleteAsync();
        return deleted == 0 ? NotFoundError("Project") : NoContent();
    }

    private Task<Project?> FindAsync(long id, bool tracking) =>
        (tracking ? OwnProjects : OwnProjects.AsNoTracking()).FirstOrDefaultAsync(project => project.Id == id);

    private static void Apply(Project project, ProjectInput input, DateTime now)
    {
        project.Title = input.Title ?? project.Title;
        project.Description = input.Description ?? project.Description;
        project.LabelConfig = input.LabelConfig ?? project.LabelConfig;
        project.ExpertInstruction = input.ExpertInstruction ?? project.ExpertInstruction;
        project.ShowInstruction = input.ShowInstruction ?? project.ShowInstruction;
        project.ShowSkipButton = input.ShowSkipButton ?? project.ShowSkipButton;
        project.EnableEmptyAnnotation = input.EnableEmptyAnnotation ?? project.EnableEmptyAnnotation;
        project.Color = input.Color ?? project.Color;
        project.MaximumAnnotations = input.MaximumAnnotations ?? project.MaximumAnnotations;
        project.ModelVersion = input.ModelVersion ?? project.ModelVersion;
        project.IsDraft = input.IsDraft ?? project.IsDraft;
        project.IsPublished = input.IsPublished ?? project.IsPublished;
        project.UpdatedAt = now;
    }

    /// <summary>Reads the users the projects' <c>created_by</c> name, which the REST answers embed (Label Studio's shape).</summary>
    private async Task WithCreatorsAsync(IReadOnlyCollection<Project> projects)
    {
        long[] ids = [.. projects.Select(project => project.CreatedBy).OfType<long>().Distinct()];
        Dictionary<long, UserSummary> users = (await Db.Users.AsNoTracking().Where(user => ids.Contains(user.Id)).ToListAsync(HttpContext.RequestAborted))
            .ToDictionary(user => user.Id, UserSummary.Of);
        foreach (Project project in projects)
        {
            project.Creator = project.CreatedBy is { } creator ? users.GetValueOrDefault(creator) : null;
        }
    }
}

/// <summary>A page of projects, in Label Studio's paginated shape (Django REST framework's).</summary>
public sealed record ProjectPage(int Count, string? Next, string? Previous, IReadOnlyList<Project> Results);
