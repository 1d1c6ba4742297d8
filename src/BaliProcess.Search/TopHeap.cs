namespace BaliProcess.Search;

/// <summary>A ranked document. <see cref="Tie"/>: its <see cref="IndexSchema.TieKeyOf"/>, the order among equal scores and days.</summary>
internal readonly record struct Ranked(float Score, int Days, long Tie, int Leaf, int Doc);

/// <summary>Bounded min-heap keeping the best k documents.</summary>
internal sealed class TopHeap(int capacity)
{
    private readonly Ranked[] _items = new Ranked[Math.Max(1, capacity)];
    private int _count;

    public void Offer(float score, int days, long tie, int leaf, int doc)
    {
        var item = new Ranked(score, days, tie, leaf, doc);
        if (_count < capacity)
        {
            _items[_count] = item;
            SiftUp(_count++);
            return;
        }

        if (!Better(item, _items[0]))
        {
            return;
        }

        _items[0] = item;
        SiftDown(0);
    }

    public bool IsFull => _count >= capacity;

    public float MinScore => _items[0].Score;

    /// <summary>Cheap pre-check: false when the score cannot enter a full heap.</summary>
    public bool Accepts(float score) => _count < capacity || score >= _items[0].Score;

    public List<Ranked> ToSortedList()
    {
        var list = new List<Ranked>(_items.AsSpan(0, _count).ToArray());
        list.Sort((a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
        return list;
    }

    private static bool Better(Ranked a, Ranked b)
    {
        if (a.Score != b.Score)
        {
            return a.Score > b.Score;
        }

        if (a.Days != b.Days)
        {
            return a.Days > b.Days;
        }

        // The document's own key, not where it is stored: (segment, document number) changes when segments merge,
        // a document is re-indexed or the index is rebuilt, and would reorder tied hits. Equal keys (a 64-bit
        // hash collision) fall back to the position.
        if (a.Tie != b.Tie)
        {
            return (ulong)a.Tie < (ulong)b.Tie;
        }

        return a.Leaf != b.Leaf ? a.Leaf < b.Leaf : a.Doc < b.Doc;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Better(_items[parent], _items[i]))
            {
                break;
            }

            (_items[parent], _items[i]) = (_items[i], _items[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            int worst = left;
            int right = left + 1;
            if (right < _count && Better(_items[left], _items[right]))
            {
                worst = right;
            }

            if (!Better(_items[i], _items[worst]))
            {
                return;
            }

            (_items[i], _items[worst]) = (_items[worst], _items[i]);
            i = worst;
        }
    }
}
