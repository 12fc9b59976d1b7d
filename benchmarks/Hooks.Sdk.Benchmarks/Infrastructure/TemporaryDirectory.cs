namespace Hooks.Sdk.Benchmarks.Infrastructure;

/// <summary>A fresh folder under the system's temporary directory, deleted with everything in it when disposed.</summary>
public sealed class TemporaryDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
