using System.Text.Json.Serialization.Metadata;
using LabelStudio.Sample.Domain;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Where Label Studio's REST answers differ in shape from its webhook payloads for the same model, and only there:
/// a project's <c>created_by</c> is the user's id in a payload and the user (<see cref="UserSummary"/>) in an answer;
/// a task's <c>updated_by</c> is the id in a payload and a list of <see cref="UserReference"/> in an answer. A
/// modifier of the API's JSON contracts only; the payloads keep the model's own.
/// </summary>
public static class RestShapes
{
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(Project))
        {
            Replace(typeInfo, "created_by", typeof(UserSummary), project => ((Project)project).Creator);
        }
        else if (typeInfo.Type == typeof(TaskItem))
        {
            Replace(typeInfo, "updated_by", typeof(IReadOnlyList<UserReference>), task => UserReference.ListOf(((TaskItem)task).UpdatedBy));
        }
    }

    /// <summary>Puts a property of another type in the place of <paramref name="name"/>, keeping Label Studio's key order.</summary>
    private static void Replace(JsonTypeInfo typeInfo, string name, Type type, Func<object, object?> get)
    {
        int index = typeInfo.Properties.ToList().FindIndex(property => property.Name == name);
        if (index < 0)
        {
            return;
        }
        JsonPropertyInfo replacement = typeInfo.CreateJsonPropertyInfo(type, name);
        replacement.Get = get;
        typeInfo.Properties[index] = replacement;
    }
}
