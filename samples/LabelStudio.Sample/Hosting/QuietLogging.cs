using Microsoft.Extensions.Configuration.Memory;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// The sample's default log levels: warnings from everyone, information only from the sample itself and from the
/// host's lifetime ("Now listening on"). At ASP.NET Core's own default, Information for all, EF Core logs every
/// command and the dispatcher queries the outbox on every poll: some twenty lines a second that scroll the first
/// start's credentials away.
/// </summary>
public static class QuietLogging
{
    private static readonly Dictionary<string, string?> LogLevels = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:LabelStudio"] = "Information",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>
    /// Puts the defaults below every other configuration source, so that <c>appsettings.json</c>, the environment
    /// (<c>Logging__LogLevel__Microsoft.EntityFrameworkCore=Information</c>) and the command line still override them.
    /// </summary>
    public static void AddQuietLoggingDefaults(this ConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogLevels });
}
