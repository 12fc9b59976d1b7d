using System.Threading.RateLimiting;

namespace LabelStudio.Sample.Accounts;

/// <summary>
/// How many logins may be tried per user name and per client address: 10 a minute each, refused with 429 past that,
/// right password or not, so a password cannot be guessed at request speed. The per-address limit is the rate-limiting
/// middleware's (<see cref="AddressPolicy"/>); the per-user one needs the posted name, so the login page asks here.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    /// <summary>The rate-limiting policy of the login page's POSTs, per client address.</summary>
    public const string AddressPolicy = "login-per-address";

    public static readonly FixedWindowRateLimiterOptions Window = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private readonly PartitionedRateLimiter<string> _perUser = PartitionedRateLimiter.Create<string, string>(
        user => RateLimitPartition.GetFixedWindowLimiter(user, _ => Window));

    /// <summary>Takes one attempt for <paramref name="username"/>; false when it has used up its minute.</summary>
    public bool TryAttempt(string username)
    {
        using RateLimitLease lease = _perUser.AttemptAcquire(username.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _perUser.Dispose();
}
