namespace Hooks.Sdk.TestInfrastructure;

/// <summary>
/// The one polling loop of the tests: reads a state that another thread or process reaches, in real time, until it
/// is what the test waits for, and fails with what it last saw when it never gets there.
/// </summary>
public static class Eventually
{
    /// <summary>How long a test waits unless it says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Reads <paramref name="probe"/> until <paramref name="done"/> holds and returns that value; after
    /// <paramref name="timeout"/> throws a <see cref="TimeoutException"/> whose message is <paramref name="describe"/>
    /// of the last value read.
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, Func<T, string> describe, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            T value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe(value));
            }
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>The same for a state read without waiting, such as a list a callback fills.</summary>
    public static Task<T> UntilAsync<T>(
        Func<T> probe, Func<T, bool> done, Func<T, string> describe, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(probe()), done, describe, timeout, interval);
}
