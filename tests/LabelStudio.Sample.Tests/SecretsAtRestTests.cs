using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LabelStudio.Sample.Tests;

/// <summary>What a copy of the data directory (or another account on the machine) gets: no API token, no readable files.</summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task Api_tokens_are_stored_as_hashes_and_still_authenticate()
    {
        await using var sample = new SampleFactory();
        Assert.Equal(HttpStatusCode.OK, (await sample.Client().GetAsync("/api/projects/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sample.Client("wrong-token-0123456789").GetAsync("/api/projects/")).StatusCode);

        string database = Path.Combine(sample.DataDirectory, "label_studio.sqlite3");
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SELECT TokenHash FROM user";
        string stored = (string)(await command.ExecuteScalarAsync())!;

        Assert.Equal(64, stored.Length);
        Assert.NotEqual(SampleFactory.Token, stored);
        foreach (string file in Directory.GetFiles(sample.DataDirectory, "label_studio.sqlite3*"))
        {
            Assert.DoesNotContain(SampleFactory.Token, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_database_and_the_key_ring_are_readable_by_their_owner_only()
    {
        await using var sample = new SampleFactory();
        // A write, so that the -wal and -shm files exist, and a webhook, so that the key ring has a key.
        Assert.Equal(HttpStatusCode.Created, (await sample.Client().PostAsync("/api/webhooks/",
            new StringContent("""{"url":"https://example.com/hook"}""", Encoding.UTF8, "application/json"))).StatusCode);

        foreach (string file in Directory.GetFiles(sample.DataDirectory, "label_studio.sqlite3*"))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(sample.DataDirectory, "keys")));
    }
}
