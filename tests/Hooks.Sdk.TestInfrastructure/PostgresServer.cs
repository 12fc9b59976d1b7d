using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hooks.Sdk.TestInfrastructure;

/// <summary>
/// A real PostgreSQL server for the tests, one per test process: the server named by <c>HOOKS_TEST_POSTGRES</c> (a
/// connection string to a database whose user may create databases, as <c>.ci/run</c> provides), or else a throw-away
/// cluster this process starts itself from the installed PostgreSQL binaries (<c>initdb</c> into a temporary
/// directory, <c>pg_ctl start</c> on a free loopback port, no durability) and stops when it exits. Each test takes a
/// database of its own with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>The variable naming a server to use instead of starting one.</summary>
    public const string ServerVariable = "HOOKS_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);

    private readonly NpgsqlConnectionStringBuilder _server;

    private PostgresServer(string connectionString) => _server = new NpgsqlConnectionStringBuilder(connectionString);

    /// <summary>This process's server, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => Instance.Value;

    /// <summary>Creates an empty database and returns the connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "hooks")
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, 30);
        string name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return new PostgresServer(given);
        }
        return new PostgresServer(await Cluster.StartAsync());
    }

    /// <summary>A cluster of this process's own, stopped (and its directory deleted) when the process exits.</summary>
    private static class Cluster
    {
        public static async Task<string> StartAsync()
        {
            string bin = FindBinaries();
            string directory = Directory.CreateTempSubdirectory("hooks-postgres-").FullName;
            string data = Path.Combine(directory, "data");
            // initdb and postgres refuse to run as root; the Debian package's own account runs them then.
            string? runAs = Environment.UserName == "root" ? "postgres" : null;
            if (runAs is not null)
            {
                await RunAsync("chown", null, runAs, directory);
            }
            int port = Ports.Free();
            await RunAsync(Path.Combine(bin, "initdb"), runAs, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            await RunAsync(Path.Combine(bin, "pg_ctl"), runAs, "-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
                string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"),
                "start");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    RunAsync(Path.Combine(bin, "pg_ctl"), runAs, "-D", data, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception exception) when (exception is InvalidOperationException or IOException)
                {
                    // The process is ending either way; a cluster left behind is in the temporary directory.
                }
            };
            return string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100");
        }

        /// <summary>The directory of <c>initdb</c> and <c>pg_ctl</c>: Debian keeps them off the PATH, per major version.</summary>
        private static string FindBinaries()
        {
            const string Debian = "/usr/lib/postgresql";
            string? found = Directory.Exists(Debian)
                ? Directory.GetDirectories(Debian).Select(version => Path.Combine(version, "bin"))
                    .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                    .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out int major) ? major : 0)
                    .FirstOrDefault()
                : null;
            found ??= (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .FirstOrDefault(path => File.Exists(Path.Combine(path, "initdb")));
            return found ?? throw new InvalidOperationException(
                $"The PostgreSQL tests need a PostgreSQL server: install Debian's postgresql package (apt-get install postgresql), "
                + $"or set {ServerVariable} to the connection string of a server whose user may create databases. `bash .ci/run` installs it.");
        }

        private static async Task RunAsync(string program, string? runAs, params string[] arguments)
        {
            var start = new ProcessStartInfo(runAs is null ? program : "runuser")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (runAs is not null)
            {
                start.ArgumentList.Add("-u");
                start.ArgumentList.Add(runAs);
                start.ArgumentList.Add("--");
                start.ArgumentList.Add(program);
            }
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
            }
        }
    }
}
