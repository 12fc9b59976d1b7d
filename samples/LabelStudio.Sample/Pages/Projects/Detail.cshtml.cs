using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using LabelStudio.Sample.Projects;
using LabelStudio.Sample.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Pages.Projects;

/// <summary>A project's tasks and the import form, which imports exactly as <c>POST /api/projects/{id}/import</c> does.</summary>
public sealed class ProjectDetailModel(SampleDbContext db, ProjectStatistics statistics, TaskImporter importer, LabelStudioSettings settings) : SamplePageModel
{
    public Project Project { get; private set; } = null!;

    public List<TaskItem> Tasks { get; private set; } = [];

    [BindProperty]
    public string? Json { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        IAsyncEnumerable<JsonObject> rows = Files.Count > 0
            ? TaskImporter.ReadFilesAsync(Files, cancellationToken)
            : TaskImporter.ReadJsonAsync(new MemoryStream(Encoding.UTF8.GetBytes(Json ?? "")), cancellationToken);
        int imported;
        try
        {
            imported = await importer.ImportAsync(OrganizationId, id, rows, settings.MaxImportTasks, ids: null, cancellationToken);
        }
        catch (ImportRefusedException refused)
        {
            Error = refused.Message;
            return Page();
        }
        await LoadAsync(id);
        Json = null;
        Notice = $"Imported {imported} task(s).";
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await db.Projects.AsNoTracking().FirstOrDefaultAsync(project => project.Id == id && project.Organization == OrganizationId) is not { } project)
        {
            return false;
        }
        Project = await statistics.WithCountersAsync(project, HttpContext.RequestAborted);
        Tasks = await db.Tasks.AsNoTracking().Where(task => task.ProjectId == id).OrderBy(task => task.Id).ToListAsync();
        return true;
    }
}
