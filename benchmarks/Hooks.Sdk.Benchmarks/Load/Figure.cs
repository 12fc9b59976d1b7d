using System.Globalization;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>One reported figure: the ratio to its same-run baseline first, then what was compared, then the absolute numbers as context.</summary>
public sealed record Figure(double Ratio, string What, string Context)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ratio,7:0.00}x  {What}  ({Context})");
}
