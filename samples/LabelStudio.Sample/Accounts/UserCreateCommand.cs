namespace LabelStudio.Sample.Accounts;

/// <summary>
/// <c>user create --username U --password P [--token T] [--organization NAME]</c>: creates a user (in a new
/// organization of that name when it does not exist, in the first one when omitted), prints its token and exits 0.
/// </summary>
public static class UserCreateCommand
{
    public static bool Matches(string[] args) => args is ["user", "create", ..];

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (!TryParse(args[2..], out Dictionary<string, string> options, out string? problem)
            || !options.TryGetValue("username", out string? username)
            || !options.TryGetValue("password", out string? password))
        {
            await error.WriteLineAsync(problem ?? "usage: user create --username U --password P [--token T] [--organization NAME]");
            return 2;
        }

        if (await Bootstrap.RunAsync(services) is { } created)
        {
            await output.WriteLineAsync(created.Notice());
        }
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        if (await accounts.FindAsync(username, CancellationToken.None) is not null)
        {
            await error.WriteLineAsync($"error: a user named '{username}' already exists");
            return 1;
        }
        Domain.Organization organization = options.TryGetValue("organization", out string? title)
            ? await accounts.OrganizationAsync(title, CancellationToken.None)
            : await accounts.FirstOrganizationAsync(CancellationToken.None);
        (_, string token) = await accounts.CreateUserAsync(username, password, options.GetValueOrDefault("token"), organization, CancellationToken.None);
        await output.WriteLineAsync(token);
        return 0;
    }

    private static bool TryParse(string[] args, out Dictionary<string, string> options, out string? problem)
    {
        options = [];
        problem = null;
        for (int index = 0; index < args.Length; index += 2)
        {
            string name = args[index];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name[2..] is not ("username" or "password" or "token" or "organization"))
            {
                problem = $"error: unknown option '{name}'";
                return false;
            }
            if (index + 1 >= args.Length || string.IsNullOrWhiteSpace(args[index + 1]))
            {
                problem = $"error: {name} needs a value";
                return false;
            }
            options[name[2..]] = args[index + 1];
        }
        return true;
    }
}
