namespace Hooks.Sdk.Http;

/// <summary>
/// A request body read whole, up to a limit counted while reading: a chunked body, or one whose Content-Length lies,
/// is stopped at the limit instead of filling memory.
/// </summary>
internal static class BoundedBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body's bytes, or <see langword="null"/> once it is past <paramref name="limit"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[ChunkSize];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
