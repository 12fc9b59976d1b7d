using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hooks.Sdk.Catalogue;

/// <summary>
/// A per-thread <see cref="Utf8JsonWriter"/> over a buffer rented from <see cref="ArrayPool{T}.Shared"/>, so that
/// serializing a payload of any size allocates only the resulting array. Re-entrant use (a converter that serializes
/// another payload) gets a fresh writer.
/// </summary>
internal readonly struct PayloadWriter : IDisposable
{
    // Receivers are not browsers: write non-ASCII text as UTF-8 and leave '<', '>', '&' unescaped, as Label Studio's
    // JSON does; everything JSON requires is still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic] private static PayloadWriterState? t_cached;

    private readonly PayloadWriterState _state;

    private PayloadWriter(PayloadWriterState state) => _state = state;

    public Utf8JsonWriter Writer => _state.Writer;

    public static PayloadWriter Rent()
    {
        PayloadWriterState state = t_cached ?? new PayloadWriterState();
        t_cached = null;
        state.Writer.Reset(state.Buffer);
        return new PayloadWriter(state);
    }

    public byte[] ToArray()
    {
        _state.Writer.Flush();
        return _state.Buffer.WrittenSpan.ToArray();
    }

    public void Dispose()
    {
        _state.Buffer.Clear();
        t_cached = _state;
    }

    private sealed class PayloadWriterState
    {
        public PayloadWriterState() => Writer = new Utf8JsonWriter(Buffer, Options);

        public PooledBufferWriter Buffer { get; } = new();

        public Utf8JsonWriter Writer { get; }
    }
}

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that grows by renting larger arrays from <see cref="ArrayPool{T}.Shared"/> and
/// gives them back on <see cref="Clear"/>, keeping only a small one: a 5,000-task payload costs no garbage beyond its
/// result, where a growing <see cref="ArrayBufferWriter{T}"/> would leave every intermediate array behind.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>
{
    private const int InitialBytes = 4096;
    private const int MaxRetainedBytes = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets what was written and returns a grown array to the pool.</summary>
    public void Clear()
    {
        _written = 0;
        if (_buffer.Length > MaxRetainedBytes)
        {
            Replace(ArrayPool<byte>.Shared.Rent(InitialBytes));
        }
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }
        int doubled = (int)Math.Min(Array.MaxLength, 2L * _buffer.Length);
        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(checked(_written + needed), doubled));
        WrittenSpan.CopyTo(larger);
        Replace(larger);
    }

    private void Replace(byte[] buffer)
    {
        byte[] old = _buffer;
        _buffer = buffer;
        ArrayPool<byte>.Shared.Return(old);
    }
}
