using Hooks.Sdk.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

// EF Core logs every command at Information, the webhook dispatcher's poll of the outbox (once a second) included.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

builder.Services.AddDbContext<AppDbContext>(options => options.UseSqlite("Data Source=quickstart.db"));

// Accounts: ASP.NET Core Identity's API endpoints (POST /register, POST /login, which answers a bearer token).
builder.Services.AddIdentityApiEndpoints<IdentityUser>().AddEntityFrameworkStores<AppDbContext>();
builder.Services.AddAuthorization();

builder.Services.AddHooks(options => options.SingleOrganizationId = 1)   // no tenants: every signed-in user acts for organization 1
    .AddHooksEntityFrameworkCore<AppDbContext>()                         // webhooks and their outbox in AppDbContext
    .AddTodoActions()                                                    // generated from TodoActions: Add{ClassName}
    .AddProjects(WebhookProjects.None);                                  // no projects: every webhook is organization-wide

var app = builder.Build();

// Creates the database and its tables on first start; a real app uses EF Core migrations instead.
using (var scope = app.Services.CreateScope())
{
    scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
}

app.UseAuthentication();
app.UseAuthorization();

app.MapIdentityApi<IdentityUser>();
app.MapWebhooksApi();                                                     // /api/webhooks/..., Label Studio's REST API

var todos = app.MapGroup("/todos").RequireAuthorization();

todos.MapPost("/", async (TodoInput input, AppDbContext db) =>
{
    var todo = new Todo { Title = input.Title };
    db.Todos.Add(todo);
    await db.SaveChangesAsync();
    return TypedResults.Created($"/todos/{todo.Id}", todo);
}).WithApiWebhook(TodoActions.TodoCreated);                              // reloads the created todo and emits it

todos.MapDelete("/{id:long}", async (long id, AppDbContext db) =>
    await db.Todos.Where(todo => todo.Id == id).ExecuteDeleteAsync() == 1 ? Results.NoContent() : Results.NotFound())
    .WithApiWebhookForDelete(TodoActions.TodoDeleted);                   // captures the id first, then emits {"id": N}

app.Run();
