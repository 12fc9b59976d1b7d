using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>The sample's first start on an empty PostgreSQL database, as its process logs it.</summary>
public sealed class PostgreSqlStartTests
{
    [Fact]
    public async Task A_first_start_on_an_empty_database_migrates_it_without_logging_an_error()
    {
        string database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("first");
        string data = Directory.CreateTempSubdirectory("label-studio-first-").FullName;
        try
        {
            await using AppProcess sample = await AppProcess.StartAsync(typeof(Program).Assembly.Location, $"http://127.0.0.1:{Ports.Free()}",
                new Dictionary<string, string?>
                {
                    ["LABEL_STUDIO_BASE_DATA_DIR"] = data,
                    ["ConnectionStrings__Default"] = database,
                    ["LABEL_STUDIO_USERNAME"] = SampleFactory.Username,
                    ["LABEL_STUDIO_PASSWORD"] = "bootstrap-password",
                    ["Logging__LogLevel__Default"] = "Warning",
                }, readyPath: "/health");
            using var client = new HttpClient();
            Assert.Equal("""{"status":"UP"}""", await client.GetStringAsync(sample.BaseUrl + "/health"));

            // A newcomer's first screen: an error there reads as a broken install.
            Assert.DoesNotContain("fail:", sample.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
