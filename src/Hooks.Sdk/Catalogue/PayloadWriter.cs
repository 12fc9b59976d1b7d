using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hooks.Sdk;

/// <summary>
/// A per-thread <see cref="Utf8JsonWriter"/> over a reusable buffer, so that serializing a payload allocates only
/// the resulting array. Re-entrant use (a converter that serializes another payload) gets a fresh writer.
/// </summary>
internal readonly struct PayloadWriter : IDisposable
{
    // Receivers are not browsers: write non-ASCII text as UTF-8 and leave '<', '>', '&' unescaped, as Label Studio's
    // JSON does; everything JSON requires is still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const int MaxRetainedBytes = 1024 * 1024;

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
        if (_state.Buffer.Capacity > MaxRetainedBytes)
        {
            return;
        }
        _state.Buffer.ResetWrittenCount();
        t_cached = _state;
    }

    private sealed class PayloadWriterState
    {
        public PayloadWriterState() => Writer = new Utf8JsonWriter(Buffer, Options);

        public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

        public Utf8JsonWriter Writer { get; }
    }
}
