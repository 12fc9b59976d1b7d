namespace LabelStudio.Sample.Domain;

/// <summary>A person who signs in with a password or calls the API with a token.</summary>
public sealed class User
{
    public long Id { get; set; }

    public string Username { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    /// <summary>
    /// The SHA-256 of the API token sent as <c>Authorization: Token ...</c> (<see cref="Accounts.ApiTokens"/>): the token
    /// itself is shown once, when it is made, and never stored, so a copy of the database grants no access.
    /// </summary>
    public string TokenHash { get; set; } = "";

    public long OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
