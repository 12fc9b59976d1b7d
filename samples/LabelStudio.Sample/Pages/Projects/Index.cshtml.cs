using Hooks.Sdk.Emitting;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Projects;
using LabelStudio.Sample.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Pages.Projects;

/// <summary>The organization's projects, and a form that creates one (emitting <c>PROJECT_CREATED</c> through the typed helper).</summary>
public sealed class ProjectsModel(SampleDbContext db, ProjectStatistics statistics, IWebhookEmitter emitter, TimeProvider timeProvider) : SamplePageModel
{
    public List<Project> Projects { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > ProjectRules.MaxTitleLength)
        {
            Error = $"Give the project a title of 1 to {ProjectRules.MaxTitleLength} characters.";
            await LoadAsync();
            return Page();
        }
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        var project = new Project { Title = Title.Trim(), Organization = OrganizationId, CreatedBy = UserId, CreatedAt = now, UpdatedAt = now };
        // The project and its PROJECT_CREATED commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        await LabelStudioActions.EmitProjectCreatedAsync(emitter, OrganizationId, project, HttpContext.RequestAborted);
        await transaction.CommitAsync(HttpContext.RequestAborted);
        return Redirect($"/projects/{project.Id}");
    }

    private async Task LoadAsync()
    {
        Projects = await db.Projects.AsNoTracking().Where(project => project.Organization == OrganizationId).OrderBy(project => project.Id).ToListAsync();
        foreach (Project project in Projects)
        {
            await statistics.WithCountersAsync(project, HttpContext.RequestAborted);
        }
    }
}
