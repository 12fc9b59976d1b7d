using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;

namespace LabelStudio.Sample.Accounts;

/// <summary>
/// What every start does before serving (and the <c>user create</c> command before its own work): bring the schema up
/// to date (migrations), create the first organization and the bootstrap user of <c>LABEL_STUDIO_USERNAME</c>; or, on a
/// first start with no users and no such variable, <c>admin@localhost</c> with a random password and token, which it
/// returns for the caller to show once.
/// </summary>
public static class Bootstrap
{
    public const string DefaultAdmin = "admin@localhost";

    public static async Task<FirstStartCredentials?> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<LabelStudioSettings>();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();

        await SampleSchema.MigrateAsync(db, cancellationToken);
        Organization first = await accounts.FirstOrganizationAsync(cancellationToken);

        if (settings.Username is { } username)
        {
            if (await accounts.FindAsync(username, cancellationToken) is { } existing)
            {
                await accounts.ResetAsync(existing, settings.Password, settings.UserToken, cancellationToken);
            }
            else
            {
                await accounts.CreateUserAsync(username, settings.Password ?? Accounts.NewPassword(), settings.UserToken, first, cancellationToken);
            }
        }
        else if (!await accounts.AnyUserAsync(cancellationToken))
        {
            string password = Accounts.NewPassword();
            (_, string token) = await accounts.CreateUserAsync(DefaultAdmin, password, token: null, first, cancellationToken);
            return new FirstStartCredentials(DefaultAdmin, password, token);
        }
        return null;
    }
}
