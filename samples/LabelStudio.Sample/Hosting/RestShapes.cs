using System.Text.Json.Serialization.Metadata;
using LabelStudio.Sample.Domain;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Where Label Studio's REST answers differ in shape from its webhook payloads for the same model: a project's
/// <c>created_by</c> is the user's id in a payload and the user (<see cref="UserSummary"/>) in an answer. A modifier of
/// the API's JSON contracts only; the payloads keep the model's own.
/// </summary>
public static class RestShapes
{
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(Project))
        {
            return;
        }
        int index = typeInfo.Properties.ToList().FindIndex(property => property.Name == "created_by");
        if (index < 0)
        {
            return;
        }
        JsonPropertyInfo creator = typeInfo.CreateJsonPropertyInfo(typeof(UserSummary), "created_by");
        creator.Get = project => ((Project)project).Creator;
        typeInfo.Properties[index] = creator;
    }
}
