using System.Security.Cryptography;
using System.Text;

namespace LabelStudio.Sample.Accounts;

/// <summary>
/// API tokens at rest: only their SHA-256 is stored. A fast hash suffices (unlike passwords): a token is 40 random hex
/// digits, or a configured secret, with far too much entropy to guess from its hash.
/// </summary>
public static class ApiTokens
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
