using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hooks.Sdk.Catalogue;

/// <summary>The body of a raw emit (Label Studio's <c>emit_webhooks</c>): the action, then the caller's members.</summary>
internal static class RawPayload
{
    /// <summary><c>{"action": A}</c>, what a webhook that sends no payload receives.</summary>
    public static byte[] ActionOnly(string action) => Write(action, payload: null, project: null);

    /// <summary>
    /// <c>{"action": A, ...payload}</c>, with the project object under <c>"project"</c> when given: in place of the
    /// payload's own <c>"project"</c>, else last (Python's dict update).
    /// </summary>
    public static byte[] Write(string action, JsonObject? payload, byte[]? project)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        Utf8JsonWriter writer = lease.Writer;
        writer.WriteStartObject();
        writer.WriteString("action"u8, action);
        bool projectWritten = false;
        foreach ((string name, JsonNode? value) in payload ?? [])
        {
            if (name == "action")
            {
                continue;
            }
            writer.WritePropertyName(name);
            if (name == "project" && project is not null)
            {
                writer.WriteRawValue(project, skipInputValidation: true);
                projectWritten = true;
            }
            else if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }
        if (project is not null && !projectWritten)
        {
            writer.WritePropertyName("project"u8);
            writer.WriteRawValue(project, skipInputValidation: true);
        }
        writer.WriteEndObject();
        return lease.ToArray();
    }
}
