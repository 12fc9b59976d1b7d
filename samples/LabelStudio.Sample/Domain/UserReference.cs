namespace LabelStudio.Sample.Domain;

/// <summary>
/// A user as Label Studio's task answers list one (<c>updated_by</c>: <c>[{"user_id": 1}]</c>, empty when no user
/// changed the task), where its task payloads give the bare id.
/// </summary>
public sealed record UserReference(long UserId)
{
    public static IReadOnlyList<UserReference> ListOf(long? userId) => userId is { } id ? [new UserReference(id)] : [];
}
