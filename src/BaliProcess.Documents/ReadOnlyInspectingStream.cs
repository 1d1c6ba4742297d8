namespace BaliProcess.Documents;

/// <summary>
/// A forward-only, read-only stream over another that lets a subclass look at each chunk as it is read (to charge it
/// to a budget, or to refuse it); disposing it disposes the inner stream.
/// </summary>
internal abstract class ReadOnlyInspectingStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Inspect(buffer[..read]);
        return read;
    }

    /// <summary>Sees the bytes just read; throws to refuse them.</summary>
    protected abstract void Inspect(ReadOnlySpan<byte> read);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
