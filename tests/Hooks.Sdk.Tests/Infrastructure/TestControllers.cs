using Hooks.Sdk.Filters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Hooks.Sdk.Tests.Infrastructure;

/// <summary>Controller actions decorated the way an app would decorate them, with the ways they can end.</summary>
[ApiController]
[Route("items")]
public sealed class ItemsController(TestDbContext db) : ControllerBase
{
    [HttpPost]
    [ApiWebhook(TestActions.ItemCreated)]
    public async Task<IActionResult> Create(ItemInput input)
    {
        if (input.Name == "invalid")
        {
            return BadRequest(new { name = "invalid" });
        }
        if (input.Name == "throw")
        {
            throw new InvalidOperationException("the action failed");
        }
        var item = new TestItem { ProjectId = input.ProjectId, Name = input.Name };
        db.Items.Add(item);
        await db.SaveChangesAsync();
        // Changed after the response is built and never saved: the webhook must show the stored state.
        item.Name = "changed in memory only";
        return CreatedAtAction(nameof(Get), new { id = item.Id }, new { id = item.Id, name = input.Name });
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Get(long id) => await db.Items.FindAsync(id) is { } item ? Ok(item) : NotFound();

    [HttpPatch("{id:long}")]
    [ApiWebhook(TestActions.ItemUpdated)]
    public async Task<ActionResult<TestItem>> Rename(long id, ItemInput input)
    {
        if (await db.Items.FindAsync(id) is not { } item)
        {
            return NotFound();
        }
        item.Name = input.Name;
        await db.SaveChangesAsync();
        return item;
    }

    [HttpPost("as-json")]
    [ApiWebhook(TestActions.ItemCreated)]
    public async Task<IActionResult> CreateAsJson(ItemInput input)
    {
        var item = new TestItem { ProjectId = input.ProjectId, Name = input.Name };
        db.Items.Add(item);
        await db.SaveChangesAsync();
        return StatusCode(StatusCodes.Status201Created, new System.Text.Json.Nodes.JsonObject { ["id"] = item.Id, ["name"] = item.Name });
    }

    [HttpPost("without-id")]
    [ApiWebhook(TestActions.ItemCreated)]
    public IActionResult CreateWithoutId() => StatusCode(StatusCodes.Status201Created, new { name = "no id here" });

    [HttpDelete("{id:long}")]
    [ApiWebhookForDelete(TestActions.ItemsDeleted)]
    public async Task<IActionResult> Delete(long id)
    {
        if (await db.Items.FindAsync(id) is not { } item)
        {
            return NotFound();
        }
        if (item.Name == "locked")
        {
            return Conflict();
        }
        db.Items.Remove(item);
        await db.SaveChangesAsync();
        return NoContent();
    }
}

public sealed record ItemInput(long ProjectId, string Name);

/// <summary>The same operations as minimal API endpoints with the endpoint filters.</summary>
public static class MinimalItemEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/minimal/items", async (ItemInput input, TestDbContext db) =>
        {
            var item = new TestItem { ProjectId = input.ProjectId, Name = input.Name };
            db.Items.Add(item);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/minimal/items/{item.Id}", item);
        }).WithApiWebhook(TestActions.ItemCreated);

        app.MapDelete("/minimal/items/{id:long}", async Task<IResult> (long id, TestDbContext db) =>
        {
            int deleted = await db.Items.Where(item => item.Id == id).ExecuteDeleteAsync();
            return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
        }).WithApiWebhookForDelete(TestActions.ItemsDeleted);
    }
}
