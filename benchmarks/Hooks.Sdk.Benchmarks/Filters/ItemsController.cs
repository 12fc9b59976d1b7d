using Hooks.Sdk.Benchmarks.Infrastructure;
using Hooks.Sdk.Filters;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hooks.Sdk.Benchmarks.Filters;

/// <summary>The same create action twice, once decorated: the difference between them is the filter.</summary>
[ApiController]
public sealed class ItemsController(BenchDbContext db) : ControllerBase
{
    [HttpPost("plain/items")]
    public Task<IActionResult> CreatePlain(ItemInput input, CancellationToken cancellationToken) => CreateAsync(input, cancellationToken);

    [HttpPost("hooked/items")]
    [ApiWebhook(BenchActions.ItemCreated)]
    public Task<IActionResult> CreateHooked(ItemInput input, CancellationToken cancellationToken) => CreateAsync(input, cancellationToken);

    private async Task<IActionResult> CreateAsync(ItemInput input, CancellationToken cancellationToken)
    {
        var item = new BenchItem { ProjectId = input.Project, Name = input.Name };
        db.Items.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return StatusCode(StatusCodes.Status201Created, item);
    }
}

public sealed record ItemInput(long Project, string Name);
