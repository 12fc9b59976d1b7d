using System.Text;

namespace LabelStudio.Sample.Accounts;

/// <summary>
/// The user that a first start without bootstrap variables creates, with the only readable copy of its password and
/// token: the database keeps their hashes.
/// </summary>
public sealed record FirstStartCredentials(string Username, string Password, string Token)
{
    /// <summary>
    /// The credentials in a box, with how to choose your own: boxed, because this one message among the start-up
    /// lines is the one a user must not miss.
    /// </summary>
    public string Notice()
    {
        string[] lines =
        [
            $"First start: created the user {Username}.",
            $"  password:  {Password}",
            $"  API token: {Token}",
            "Shown this once: the database keeps only hashes of the password and the token.",
            "To choose your own, set LABEL_STUDIO_USERNAME, LABEL_STUDIO_PASSWORD and LABEL_STUDIO_USER_TOKEN",
            $"before a start (with LABEL_STUDIO_USERNAME={Username} they reset this user), or create a user,",
            "with the server running or not:",
            "  dotnet run --project samples/LabelStudio.Sample -- user create --username U --password P [--token T]",
        ];
        int width = lines.Max(line => line.Length);
        string rule = "+" + new string('-', width + 2) + "+";
        var notice = new StringBuilder().AppendLine(rule);
        foreach (string line in lines)
        {
            notice.Append("| ").Append(line.PadRight(width)).AppendLine(" |");
        }
        return notice.Append(rule).ToString();
    }
}
