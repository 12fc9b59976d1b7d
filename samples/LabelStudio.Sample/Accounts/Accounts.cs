using System.Security.Cryptography;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Accounts;

/// <summary>Creates organizations and users; shared by the bootstrap and the <c>user create</c> command.</summary>
public sealed class Accounts(SampleDbContext db, TimeProvider timeProvider)
{
    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>The first organization, created when there is none.</summary>
    public async Task<Organization> FirstOrganizationAsync(CancellationToken cancellationToken)
    {
        Organization? first = await db.Organizations.OrderBy(organization => organization.Id).FirstOrDefaultAsync(cancellationToken);
        return first ?? await CreateOrganizationAsync("Label Studio", cancellationToken);
    }

    /// <summary>The organization with this title, created when there is none.</summary>
    public async Task<Organization> OrganizationAsync(string title, CancellationToken cancellationToken) =>
        await db.Organizations.FirstOrDefaultAsync(organization => organization.Title == title, cancellationToken)
        ?? await CreateOrganizationAsync(title, cancellationToken);

    public Task<User?> FindAsync(string username, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(user => user.Username == username, cancellationToken);

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    /// <summary>Creates a user with <paramref name="token"/> or a new one; returns it with the token, which is not stored.</summary>
    public async Task<(User User, string Token)> CreateUserAsync(string username, string password, string? token, Organization organization, CancellationToken cancellationToken)
    {
        token ??= NewToken();
        var user = new User
        {
            Username = username,
            TokenHash = ApiTokens.Hash(token),
            OrganizationId = organization.Id,
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return (user, token);
    }

    /// <summary>Makes an existing user's password and (when given) token the ones configured.</summary>
    public async Task ResetAsync(User user, string? password, string? token, CancellationToken cancellationToken)
    {
        if (password is not null && Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
        }
        if (token is not null)
        {
            user.TokenHash = ApiTokens.Hash(token);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public static bool VerifyPassword(User user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    public static string NewToken() => RandomNumberGenerator.GetHexString(40, lowercase: true);

    public static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);

    private async Task<Organization> CreateOrganizationAsync(string title, CancellationToken cancellationToken)
    {
        var organization = new Organization { Title = title, CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }
}
