using System.Net;
using System.Net.Http.Json;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;

namespace Hooks.Sdk.Tests.Runtime;

/// <summary>One context type on SQLite and on PostgreSQL in one process, as an app with an embedded default and a server option runs.</summary>
public sealed class TwoProvidersTests
{
    [Fact]
    public async Task A_context_type_on_both_providers_in_one_process_emits_on_each()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        // Each provider builds its own model of the one context type: a query compiled for the first must not serve the second.
        foreach (DatabaseProvider provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            await using TestApp app = await TestApp.StartAsync(provider: provider);
            TestProject project = await app.AddProjectAsync(1);
            await app.AddWebhookAsync(1, project.Id, receiver.Url($"/{provider}"));

            HttpResponseMessage response = await app.Client().PostAsJsonAsync("/items", new { projectId = project.Id, name = provider.ToString() });

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        Assert.Equal(2, (await receiver.WaitForAsync(received => received.Count == 2)).Count);
    }
}
