namespace LabelStudio.Sample.Domain;

/// <summary>Owns users, projects and webhooks; nothing crosses from one organization to another.</summary>
public sealed class Organization
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
