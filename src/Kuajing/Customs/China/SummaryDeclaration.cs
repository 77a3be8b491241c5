using NodaTime;

namespace Kuajing.Customs.China;

/// <summary>
/// 汇总申报: the periodic summary declaration of 9610 export, over the lists released in a period (清单核放、汇总申报,
/// regulatory-facts.md §3.1–3.2, GACC 2014 No. 12). Written as CEB701 (<see cref="CebMessageWriter.WriteSummary"/>). The
/// grouping rule (one summary per e-commerce enterprise and declaring customs) is Kuajing's: the fact file gives none (U).
/// </summary>
public sealed class SummaryDeclaration
{
    private SummaryDeclaration(IReadOnlyList<CrossBorderDeclaration> lists, LocalDate from, LocalDate until, string copNo, Instant declaredAt)
    {
        Lists = lists;
        From = from;
        Until = until;
        CopNo = copNo;
        DeclaredAt = declaredAt;
        TotalPrice = lists.Sum(l => l.GoodsValue);
        GrossWeightKg = lists.Sum(l => l.GrossWeightKg);
    }

    /// <summary>The list declarations summarised, at least one.</summary>
    public IReadOnlyList<CrossBorderDeclaration> Lists { get; }

    /// <summary>First day of the period (inclusive).</summary>
    public LocalDate From { get; }

    /// <summary>Last day of the period (inclusive).</summary>
    public LocalDate Until { get; }

    /// <summary>The enterprise's number of the summary.</summary>
    public string CopNo { get; }

    /// <summary>When the summary is declared.</summary>
    public Instant DeclaredAt { get; }

    /// <summary>Total goods value of the lists, CNY.</summary>
    public decimal TotalPrice { get; }

    /// <summary>Total gross weight of the lists, kg.</summary>
    public decimal GrossWeightKg { get; }

    /// <summary>Builds a summary over 9610 export lists declared in [<paramref name="from"/>, <paramref name="until"/>] (China time).</summary>
    /// <param name="lists">The lists, at least one: all 9610 export, one e-commerce enterprise, one declaring customs, each declared in the period.</param>
    /// <param name="from">First day.</param>
    /// <param name="until">Last day, ≥ <paramref name="from"/>.</param>
    /// <param name="copNo">The summary's enterprise number, non-empty.</param>
    /// <param name="declaredAt">Declaration time, after the period's last list.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">When a list is not 9610 export, is outside the period, mixes enterprises or customs, or the list is empty.</exception>
    public static SummaryDeclaration Create(IReadOnlyList<CrossBorderDeclaration> lists, LocalDate from, LocalDate until, string copNo, Instant declaredAt)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentException.ThrowIfNullOrWhiteSpace(copNo);
        if (lists.Count == 0)
        {
            throw new ArgumentException("a summary covers at least one released list", nameof(lists));
        }

        if (until < from)
        {
            throw new ArgumentException($"period ends {until:yyyy-MM-dd} before it starts {from:yyyy-MM-dd}", nameof(until));
        }

        var first = lists[0];
        foreach (var l in lists)
        {
            if (l.Mode.Mode != CrossBorderMode.Ecommerce9610 || l.Mode.Direction != CustomsDirection.Export)
            {
                throw new ArgumentException($"order {l.OrderNo}: only 9610 export lists are summarised (mode {l.Mode.Code} {l.Mode.Direction})", nameof(lists));
            }

            var day = l.DeclaredAt.InZone(ChinaTime.Zone).Date;
            if (day < from || day > until)
            {
                throw new ArgumentException($"order {l.OrderNo}: declared {day:yyyy-MM-dd}, outside {from:yyyy-MM-dd}..{until:yyyy-MM-dd}", nameof(lists));
            }

            if (l.Input.Order.Ecommerce.Code != first.Input.Order.Ecommerce.Code || l.Input.Office.CustomsCode != first.Input.Office.CustomsCode)
            {
                throw new ArgumentException($"order {l.OrderNo}: one summary per e-commerce enterprise and declaring customs", nameof(lists));
            }
        }

        return new SummaryDeclaration(lists, from, until, copNo, declaredAt);
    }
}
