using Kuajing.Geography;
using Kuajing.Money;
using NodaTime;

namespace Kuajing.Orders;

/// <summary>An order being assembled from its lines; any bad line marks it rejected.</summary>
internal sealed class OrderDraft(string orderId, SourceLocation location)
{
    public string OrderId { get; } = orderId;

    public SourceLocation Location { get; } = location;

    public bool HasHeader { get; set; }

    public LocalDateTime PlacedAt { get; set; }

    public bool DateSet { get; set; }

    public CountryCode Country { get; set; }

    public string? CountryText { get; set; }

    public string? Postcode { get; set; }

    public CurrencyCode? Currency { get; set; }

    public int CurrencyLine { get; set; }

    public bool Rejected { get; set; }

    public bool IsCancellation { get; set; }

    public int CancellationLines { get; set; }

    public List<OrderLine> Lines { get; } = [];
}

/// <summary>What one file produced; merged by <see cref="OrdersReader"/> in file order.</summary>
internal sealed class OrderFile(string path)
{
    private readonly Dictionary<string, OrderDraft> _drafts = new(StringComparer.Ordinal);
    private readonly List<OrderDraft> _order = [];

    public string Path { get; } = path;

    public List<Rejection> Rejections { get; } = [];

    public int LinesRead { get; set; }

    public int NonGoodsLines { get; set; }

    public IEnumerable<OrderDraft> Drafts => _order;

    public OrderDraft Draft(string orderId, int line, out bool created)
    {
        created = false;
        if (!_drafts.TryGetValue(orderId, out var draft))
        {
            draft = new OrderDraft(orderId, new SourceLocation(Path, line));
            _drafts.Add(orderId, draft);
            _order.Add(draft);
            created = true;
        }

        return draft;
    }

    public void Reject(int line, string field, string reason, OrderDraft? draft)
    {
        Rejections.Add(new Rejection(new SourceLocation(Path, line), field, reason, draft?.OrderId));
        if (draft is not null)
        {
            draft.Rejected = true;
        }
    }
}
