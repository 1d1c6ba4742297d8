namespace BaliProcess.Documents;

/// <summary>
/// Counts the attributes of each tag in raw XML as the reader pulls it, and refuses a tag with more than the limit.
/// XmlReader reads a whole start tag in one Read, and its duplicate-attribute check grows with the square of the
/// attribute count: 300,000 attributes on one element (a 700 KB .docx) took 13 s, twice as many four times that, and
/// the time budget, checked between elements, could not stop it (found by a directed fuzz probe). Word writes a few
/// dozen attributes per element at most.
/// </summary>
internal sealed class XmlAttributeGuard(Stream inner, int maxAttributes) : ReadOnlyInspectingStream(inner)
{
    private bool inTag;
    private byte quote;
    private int attributes;

    protected override void Inspect(ReadOnlySpan<byte> read)
    {
        foreach (var b in read)
        {
            if (quote != 0)
            {
                quote = b == quote ? (byte)0 : quote;
            }
            else if (!inTag)
            {
                inTag = b == '<';
                attributes = 0;
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                quote = b;
            }
            else if (b == '>')
            {
                inTag = false;
            }
            else if (b == '=' && ++attributes > maxAttributes)
            {
                throw new ExtractionLimitException($"an element has more than the limit of {maxAttributes:N0} attributes");
            }
        }
    }
}
