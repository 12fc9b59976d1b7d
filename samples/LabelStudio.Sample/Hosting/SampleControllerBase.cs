using System.Globalization;
using System.Security.Claims;
using Hooks.Sdk.Http;
using LabelStudio.Sample.Accounts;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Hosting;

/// <summary>What every API controller of the sample shares: the caller, and lookups scoped to the caller's organization.</summary>
[ApiController]
[Authorize]
public abstract class SampleControllerBase(SampleDbContext db) : ControllerBase
{
    protected SampleDbContext Db => db;

    protected long OrganizationId => long.Parse(User.FindFirst(TokenAuthenticationHandler.OrganizationClaim)!.Value, CultureInfo.InvariantCulture);

    protected long UserId => long.Parse(User.FindFirst(ClaimTypes.NameIdentifier)!.Value, CultureInfo.InvariantCulture);

    protected IQueryable<Project> OwnProjects => db.Projects.Where(project => project.Organization == OrganizationId);

    protected IQueryable<TaskItem> OwnTasks => db.Tasks.Where(task => OwnProjects.Any(project => project.Id == task.ProjectId));

    protected IQueryable<Annotation> OwnAnnotations => db.Annotations.Where(annotation => OwnProjects.Any(project => project.Id == annotation.ProjectId));

    protected Task<bool> OwnsProjectAsync(long projectId) => OwnProjects.AnyAsync(project => project.Id == projectId);

    /// <summary>A 404 in Label Studio's words for a missing (or another organization's) <paramref name="model"/>.</summary>
    protected NotFoundObjectResult NotFoundError(string model) => NotFound(ApiError.NoMatch(model));

    protected BadRequestObjectResult FieldError(string field, string message) => BadRequest(ApiErrors.Field(field, message));

    protected BadRequestObjectResult UnknownReference(string field, long id) => FieldError(field, $"Invalid pk \"{id}\" - object does not exist.");
}
