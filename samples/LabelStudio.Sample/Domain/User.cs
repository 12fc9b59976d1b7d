namespace LabelStudio.Sample.Domain;

/// <summary>A person who signs in with a password or calls the API with a token.</summary>
public sealed class User
{
    public long Id { get; set; }

    public string Username { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    /// <summary>The API token sent as <c>Authorization: Token ...</c>.</summary>
    public string Token { get; set; } = "";

    public long OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
