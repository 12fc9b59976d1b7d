using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Domain;

/// <summary>
/// A user as Label Studio's REST answers embed one (<c>created_by</c> of a project): the sample keeps no names or
/// avatars, so the names are empty and the avatar <see langword="null"/>; the email is the user name.
/// </summary>
public sealed record UserSummary(long Id, string FirstName, string LastName, string Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Avatar)
{
    public static UserSummary Of(User user) => new(user.Id, "", "", user.Username, null);
}
