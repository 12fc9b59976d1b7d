using Hooks.Sdk.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Hooks.Sdk.Generators.Model;

/// <summary>A diagnostic as data: the descriptor's id, a trimmed location and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        DiagnosticDescriptors.ById(Id),
        Location?.ToLocation(),
        [.. Arguments]);
}
