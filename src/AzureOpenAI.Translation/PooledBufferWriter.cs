using System.Buffers;

namespace AzureOpenAI.Translation;

/// <summary>
/// A growable buffer rented from <see cref="ArrayPool{T}.Shared"/> and returned on dispose: a body is written here
/// once and copied out at its exact size, instead of growing a fresh array by doublings (a 50 KB request body used to
/// leave 16 + 32 + 64 + 128 KB of garbage behind, the last on the large object heap). The proxy reads request bodies
/// into one too. Not thread-safe; use it after dispose and it is empty.
/// </summary>
public sealed class PooledBufferWriter(int initialCapacity = PooledBufferWriter.DefaultCapacity) : IBufferWriter<byte>, IDisposable
{
    public const int DefaultCapacity = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Valid until the next write or the dispose.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length) throw new InvalidOperationException("advanced past the end of the buffer");
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

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Grows (at least doubling) so that <paramref name="sizeHint"/> bytes (at least one) fit.</summary>
    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_written + needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
