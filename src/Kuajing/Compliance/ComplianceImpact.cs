using System.Globalization;
using System.Text;
using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Storage;
using Kuajing.Trade;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Compliance;

/// <summary>One change a new rule or rate row makes to one open order and its shipment.</summary>
/// <param name="SourceKey">Stable order key (<see cref="OrderRecord.SourceKey"/>).</param>
/// <param name="OrderId">Seller's order id.</param>
/// <param name="TrackingNumber">The shipment's tracking number.</param>
/// <param name="Destination">ISO 3166-1 alpha-2 destination.</param>
/// <param name="RuleId">The compliance rule, or the landed-cost rule id(s) behind a cost change.</param>
/// <param name="Change">What changes.</param>
/// <param name="EffectiveOn">The date the change takes effect.</param>
/// <param name="Message">The change in words.</param>
/// <param name="CostBefore">Landed cost (lower bound) before, for a cost change, in <paramref name="Currency"/>.</param>
/// <param name="CostAfter">Landed cost (lower bound) after, for a cost change.</param>
/// <param name="Currency">ISO 4217 currency of the costs, or empty.</param>
/// <param name="NewWarning">True when this run stored the warning; false when an earlier run already had.</param>
public sealed record ImpactChange(
    string SourceKey,
    string OrderId,
    string TrackingNumber,
    string Destination,
    string RuleId,
    ComplianceChange Change,
    LocalDate EffectiveOn,
    string Message,
    decimal? CostBefore,
    decimal? CostAfter,
    string Currency,
    bool NewWarning);

/// <summary>The outcome of one impact evaluation.</summary>
/// <param name="AsOf">The evaluation date.</param>
/// <param name="Previous">The previous evaluation date found in the store (rows that took effect by then were already reported), or <see langword="null"/>.</param>
/// <param name="OpenShipments">Open shipments examined (order planned, planned delivery not before <paramref name="AsOf"/>).</param>
/// <param name="ClosedOrders">Orders skipped as closed: delivered (planned delivery before <paramref name="AsOf"/>), no route, or cancelled.</param>
/// <param name="Changes">Every change found, by order then rule.</param>
/// <param name="WarningsAdded">Warnings newly stored by this run (0 when re-running the same evaluation).</param>
public sealed record ImpactReport(LocalDate AsOf, LocalDate? Previous, int OpenShipments, int ClosedOrders, IReadOnlyList<ImpactChange> Changes, int WarningsAdded)
{
    /// <summary>Distinct shipments touched.</summary>
    public int ShipmentsTouched => Changes.Select(c => c.TrackingNumber).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>
/// <c>kuajing compliance impact</c>: when rule or rate rows take effect, lists every open order and shipment in the plan
/// store they touch and what changes for it, and stores a warning on each (idempotent).
/// <para>
/// <b>Which rows are new.</b> For each open order the baseline date is B = max(previous evaluation date, order date): the
/// plan already reflects every row in force on its order date, and an earlier evaluation already reported rows up to
/// its date. A compliance row is new when its <c>valid_from</c> falls in (B, as-of], or when it comes from an added rules
/// file and is in force on the as-of date. Rate rows (import rules and VAT rates in <c>data/tax</c>, additional duties and
/// tariff schedules in <c>data/tariffs</c>) are listed by <see cref="ImportRuleBook.RowsChanging(CountryCode, CountryCode, ClearanceChannel, LocalDate, LocalDate)"/>
/// for the shipment's destination, origin and clearance channel in (B, as-of]; the shipment is re-quoted with
/// <see cref="LandedCostCalculator.QuoteOn"/> on B and on each day such a row takes effect or expires, with the FX rates of the
/// order date held fixed (so an exchange-rate move is not reported as a rule change). Each day whose quote differs from the
/// previous one is a cost change effective that day, naming the rows (id, file, valid_from or valid_until) behind it.
/// </para>
/// <para>
/// <b>Open.</b> An order is open when it was planned (not <see cref="OrderStatus.NoRoute"/> or
/// <see cref="OrderStatus.Cancelled"/>) and its shipment's planned delivery (<see cref="ShipmentRecord.DeliveredAtUtc"/>)
/// is not before the start of the as-of date (UTC). The plan store holds no delivery events; tracking events live in the
/// timeline store and are not consulted.
/// </para>
/// </summary>
public sealed class ComplianceImpact
{
    private readonly ComplianceRuleBook _rules;
    private readonly ImportRuleBook _importRules;
    private readonly FxRates _fx;
    private readonly Dictionary<string, Lane> _lanes;
    private readonly IReadOnlyDictionary<string, Node> _nodes;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="rules">Compliance rules (bundled, plus any added file via <see cref="ComplianceRuleBook.WithFile"/>).</param>
    /// <param name="importRules">Landed-cost import rules (<c>data/tax</c>).</param>
    /// <param name="fx">FX rates (<c>data/reference/fx-rates</c>).</param>
    /// <param name="lanes">The lane catalogue: a stored leg's lane gives its vehicle, clearance channel and DDP flag.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public ComplianceImpact(ComplianceRuleBook rules, ImportRuleBook importRules, FxRates fx, LaneCatalogue lanes)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(importRules);
        ArgumentNullException.ThrowIfNull(fx);
        ArgumentNullException.ThrowIfNull(lanes);
        _rules = rules;
        _importRules = importRules;
        _fx = fx;
        _lanes = lanes.Lanes.ToDictionary(l => l.Id, StringComparer.Ordinal);
        _nodes = lanes.Nodes;
    }

    /// <summary>Evaluates the store on <paramref name="asOf"/>, stores the warnings and records the evaluation.</summary>
    /// <param name="store">The plan store (SQLite or PostgreSQL), migrated.</param>
    /// <param name="asOf">The date the new rows are evaluated on.</param>
    /// <param name="rulesFile">File name of an added rules file, recorded with the evaluation; <see langword="null"/> for none.</param>
    /// <param name="raisedAt">The time stored with new warnings (UTC).</param>
    /// <param name="cancellationToken">Cancels the run; nothing is stored then.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">When a stored order's lines are malformed.</exception>
    /// <exception cref="System.Data.Common.DbException">When the store cannot be read or written.</exception>
    public async Task<ImpactReport> RunAsync(PlanStore store, LocalDate asOf, string? rulesFile, Instant raisedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var asOfDay = asOf.ToDateOnly();
        var previousDay = await store.ComplianceEvaluations.AsNoTracking()
            .Where(e => e.AsOf < asOfDay)
            .Select(e => (DateOnly?)e.AsOf)
            .MaxAsync(cancellationToken);
        LocalDate? previous = previousDay is { } p ? LocalDate.FromDateOnly(p) : null;
        var startOfDay = asOf.AtMidnight().InUtc().ToDateTimeUtc();

        var closed = await store.Orders.AsNoTracking()
            .CountAsync(o => o.Status != OrderStatus.Planned || o.Shipment!.DeliveredAtUtc < startOfDay, cancellationToken);
        var open = await store.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Planned && o.Shipment!.DeliveredAtUtc >= startOfDay)
            .Include(o => o.Shipment!).ThenInclude(s => s.Legs)
            .OrderBy(o => o.SourceKey)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var changes = new List<ImpactChange>();
        var calculators = new Dictionary<LocalDate, LandedCostCalculator>();
        foreach (var order in open)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changes.AddRange(Evaluate(order, asOf, previous, calculators));
        }

        var warnings = changes.Select(c => new ComplianceWarningRecord
        {
            SourceKey = c.SourceKey,
            OrderId = c.OrderId,
            TrackingNumber = c.TrackingNumber,
            RuleId = c.RuleId.Length <= 100 ? c.RuleId : c.RuleId[..100],
            Change = c.Change,
            EffectiveOn = c.EffectiveOn.ToDateOnly(),
            Message = c.Message,
            CostBefore = c.CostBefore,
            CostAfter = c.CostAfter,
            Currency = c.Currency,
            RaisedAsOf = asOfDay,
            RaisedAtUtc = raisedAt.ToDateTimeUtc(),
        }).ToList();
        var existing = await ExistingKeysAsync(store, warnings, cancellationToken);
        var added = await store.AddComplianceWarningsAsync(
            warnings,
            new ComplianceEvaluationRecord { AsOf = asOfDay, RulesFile = rulesFile, RanAtUtc = raisedAt.ToDateTimeUtc(), Changes = changes.Count },
            cancellationToken);
        var marked = changes.Select(c => c with { NewWarning = !existing.Contains(Key(c.SourceKey, c.RuleId, c.Change, c.EffectiveOn.ToDateOnly())) }).ToList();
        return new ImpactReport(asOf, previous, open.Count, closed, marked, added);
    }

    /// <summary>The changes for one open order (no store access): new compliance findings and a landed-cost change.</summary>
    /// <param name="order">A planned order with its shipment and legs loaded.</param>
    /// <param name="asOf">Evaluation date.</param>
    /// <param name="previous">Previous evaluation date, or <see langword="null"/>.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="ArgumentException">When the order has no shipment.</exception>
    /// <exception cref="InvalidDataException">When the stored lines are malformed.</exception>
    public IReadOnlyList<ImpactChange> Evaluate(OrderRecord order, LocalDate asOf, LocalDate? previous) => Evaluate(order, asOf, previous, []);

    private List<ImpactChange> Evaluate(OrderRecord order, LocalDate asOf, LocalDate? previous, Dictionary<LocalDate, LandedCostCalculator> calculators)
    {
        ArgumentNullException.ThrowIfNull(order);
        var shipment = order.Shipment ?? throw new ArgumentException($"order {order.SourceKey} has no shipment", nameof(order));
        var orderDate = LocalDate.FromDateTime(order.PlacedAt);
        var baseline = previous is { } p && p > orderDate ? p : orderDate;
        var result = new List<ImpactChange>();
        var lines = OrderLinesJson.Read(order.LinesJson);
        var origin = _nodes.TryGetValue(shipment.OriginNode, out var node) ? node.Country : new CountryCode("CN");
        var destination = new CountryCode(order.BuyerCountry);
        var legs = shipment.Legs.OrderBy(l => l.Sequence).ToArray();
        var goods = lines.Select(l => new ComplianceGoodsLine(l.Description, l.HsCode is null ? null : new HsCode(l.HsCode), ParseHazards(l.Hazards))).ToArray();
        var complianceCase = new ComplianceCase(origin, destination, goods, legs.Select(ToComplianceLeg).ToArray());
        var classified = _rules.Categories.Classify(goods);

        bool IsNew(ComplianceRule r) => _rules.IsAdded(r.Id) || (r.Validity.From > baseline && r.Validity.From <= asOf);
        foreach (var f in _rules.Evaluate(complianceCase, classified, asOf, IsNew))
        {
            var effective = _rules.IsAdded(f.Rule.Id) && f.Rule.Validity.From <= baseline ? asOf : f.Rule.Validity.From;
            result.Add(new ImpactChange(
                order.SourceKey, order.OrderId, shipment.TrackingNumber, order.BuyerCountry, f.Rule.Id, ChangeOf(f.Rule.Outcome), effective,
                f.Message + (f.FromKeywordEstimate ? " (goods recognised by keyword: confirm with the seller)" : ""),
                null, null, "", true));
        }

        if (baseline < asOf && lines.Count > 0)
        {
            result.AddRange(CostChange(order, shipment, lines, legs, origin, destination, orderDate, baseline, asOf, calculators));
        }

        return result;
    }

    private List<ImpactChange> CostChange(
        OrderRecord order, ShipmentRecord shipment, IReadOnlyList<OrderLineRecord> lines, LegRecord[] legs, CountryCode origin, CountryCode destination,
        LocalDate orderDate, LocalDate baseline, LocalDate asOf, Dictionary<LocalDate, LandedCostCalculator> calculators)
    {
        var clearingIndex = -1;
        Lane? clearing = null;
        for (var i = 0; i < legs.Length; i++)
        {
            if (!_lanes.TryGetValue(legs[i].LaneId, out var lane))
            {
                return []; // a lane no longer in the catalogue: its clearance channel is unknown, so no re-quote
            }

            if (lane.Clearance != ClearanceChannel.None)
            {
                clearingIndex = i;
                clearing = lane;
            }
        }

        var ccy = new CurrencyCode(shipment.QuoteCurrency);
        var toBorder = 0m;
        for (var i = 0; i <= clearingIndex; i++)
        {
            toBorder += legs[i].FreightInQuoteCurrency ?? 0m;
        }

        var goodsCcy = new CurrencyCode(order.GoodsCurrency);
        var customsLines = lines.Select(l => new CustomsLine(l.Description, l.HsCode is null ? null : new HsCode(l.HsCode), l.Quantity, new Money.Money(l.UnitValue * l.Quantity, goodsCcy))).ToArray();
        var monthKey = new LocalDate(orderDate.Year, orderDate.Month, 1);
        if (!calculators.TryGetValue(monthKey, out var calculator))
        {
            calculator = new LandedCostCalculator(_importRules, FrozenFx(orderDate));
            calculators[monthKey] = calculator;
        }

        var channel = clearing?.Clearance ?? ClearanceChannel.None;
        var request = new LandedCostRequest(
            origin, destination, orderDate, Enum.Parse<Incoterm>(shipment.Incoterm), customsLines,
            new Money.Money(shipment.Freight, ccy), new Money.Money(toBorder, ccy), channel, clearing?.DutyAndTaxIncluded ?? false, ccy);

        // The quote can change only on a day a dated row concerning this shipment starts or stops being in force (FX is held
        // fixed): re-quote on each such day and compare with the quote of the day before it. No search over days is needed,
        // and each change names the rows behind it with their valid_from / valid_until.
        var rows = _importRules.RowsChanging(destination, origin, channel, baseline, asOf);
        var result = new List<ImpactChange>();
        var previous = calculator.QuoteOn(request, baseline);
        foreach (var day in rows.Select(r => r.On).Distinct())
        {
            var quote = calculator.QuoteOn(request, day);
            if (Signature(quote) != Signature(previous))
            {
                result.Add(CostChangeOn(order, shipment, ccy, orderDate, previous, quote, day, [.. rows.Where(r => r.On == day)]));
            }

            previous = quote;
        }

        // Guard: with every dated row listed, the quote on the as-of date equals the last one. If it does not, a date-dependent
        // figure outside the listed rows moved; report it (no row to name) rather than lose it.
        var last = calculator.QuoteOn(request, asOf);
        if (Signature(last) != Signature(previous))
        {
            result.Add(CostChangeOn(order, shipment, ccy, orderDate, previous, last, asOf, []));
        }

        return result;
    }

    private static ImpactChange CostChangeOn(
        OrderRecord order, ShipmentRecord shipment, CurrencyCode ccy, LocalDate orderDate, LandedCostQuote before, LandedCostQuote after, LocalDate day, RuleRowChange[] rows)
    {
        // Name the rows of that day that the cost lines show (a duty line names its rule id, a tariff line its schedule); when
        // the lines do not show them (a VAT rate row behind an unchanged tax rule id), every row of that day concerning the shipment.
        var beforeLines = before.Lines.Select(LineSignature).ToHashSet(StringComparer.Ordinal);
        var afterLines = after.Lines.Select(LineSignature).ToHashSet(StringComparer.Ordinal);
        var lineRules = after.Lines.Where(l => !beforeLines.Contains(LineSignature(l)))
            .Concat(before.Lines.Where(l => !afterLines.Contains(LineSignature(l))))
            .Select(l => l.RuleId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var shown = rows.Where(r => lineRules.Any(id => id == r.RuleId || id.StartsWith(r.RuleId + ":", StringComparison.Ordinal))).ToArray();
        var named = shown.Length > 0 ? shown : rows;
        var ruleId = named.Length == 0 ? "landed-cost" : string.Join('+', named.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var low = Math.Round(before.LowerBound.Amount, 2);
        var high = Math.Round(after.LowerBound.Amount, 2);
        var f = CultureInfo.InvariantCulture;
        var message = new StringBuilder()
            .Append(f, $"landed cost {(after.IsComplete ? "" : "(lower bound) ")}{ccy} {low:N2} -> {high:N2} ({high - low:+#,##0.00;-#,##0.00}) from {day:uuuu-MM-dd}")
            .Append(f, $"; rule rows: {(named.Length == 0 ? "none listed for that day (a date-dependent figure outside the dated rows)" : string.Join(", ", named.Select(r => r.Describe())))}")
            .Append(f, $"; re-quoted with LandedCostCalculator.QuoteOn under the rules in force on {day:uuuu-MM-dd} and the day before, FX of the order date {orderDate:uuuu-MM-dd} held fixed")
            .ToString();
        return new ImpactChange(order.SourceKey, order.OrderId, shipment.TrackingNumber, order.BuyerCountry, ruleId, ComplianceChange.Cost, day, message, low, high, ccy.Value, true);
    }

    /// <summary>The FX rates of <paramref name="snapshot"/>'s month, held for every later date (no staleness).</summary>
    private FxRates FrozenFx(LocalDate snapshot)
    {
        var rows = new List<FxRate>();
        var month = new LocalDate(snapshot.Year, snapshot.Month, 1);
        foreach (var c in _fx.Currencies)
        {
            if (c != CurrencyCode.Usd && _fx.TryConvert(new Money.Money(1m, CurrencyCode.Usd), c, snapshot, out var units, out _))
            {
                rows.Add(new FxRate(month, c, units.Amount));
            }
        }

        return new FxRates(rows, maxStalenessDays: 36_500);
    }

    /// <summary>What a cost change is judged by: the lower bound, the upper bound and whether the quote is complete (a rule swap that leaves all three equal, e.g. under a carrier's duty-inclusive price, is no cost change).</summary>
    private static string Signature(LandedCostQuote q) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(q.LowerBound.Amount, 2)}|{q.UpperBound?.Amount}|{q.IsComplete}");

    private static string LineSignature(CostLine l) =>
        string.Create(CultureInfo.InvariantCulture, $"{l.Kind}/{l.RuleId}/{l.Status}/{l.Amount?.Amount}/{l.High?.Amount}/{l.Payer}");

    private ComplianceLeg ToComplianceLeg(LegRecord leg)
    {
        var mode = Enum.TryParse<TransportMode>(leg.Mode, out var m) ? m : TransportMode.Road;
        var vehicle = _lanes.TryGetValue(leg.LaneId, out var lane) ? lane.Vehicle : mode switch
        {
            TransportMode.Sea => Vehicle.Sea,
            TransportMode.Rail => Vehicle.Rail,
            TransportMode.Road or TransportMode.LastMile => Vehicle.Road,
            _ => Vehicle.Air,
        };
        return new ComplianceLeg(leg.Sequence, leg.LaneId, mode, vehicle);
    }

    private static GoodsHazards ParseHazards(string text)
    {
        var h = GoodsHazards.None;
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Enum.TryParse<GoodsHazards>(part, out var flag))
            {
                h |= flag;
            }
        }

        return h;
    }

    private static ComplianceChange ChangeOf(ComplianceOutcome outcome) => outcome switch
    {
        ComplianceOutcome.Blocked => ComplianceChange.Blocked,
        ComplianceOutcome.Filing => ComplianceChange.Filing,
        ComplianceOutcome.Document => ComplianceChange.Document,
        ComplianceOutcome.Label => ComplianceChange.Label,
        _ => ComplianceChange.Warning,
    };

    private static async Task<HashSet<string>> ExistingKeysAsync(PlanStore store, List<ComplianceWarningRecord> warnings, CancellationToken ct)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in warnings.Select(w => w.SourceKey).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var stored = await store.ComplianceWarnings.AsNoTracking().Where(w => chunk.Contains(w.SourceKey))
                .Select(w => new { w.SourceKey, w.RuleId, w.Change, w.EffectiveOn }).ToListAsync(ct);
            keys.UnionWith(stored.Select(s => Key(s.SourceKey, s.RuleId, s.Change, s.EffectiveOn)));
        }

        return keys;
    }

    private static string Key(string sourceKey, string ruleId, ComplianceChange change, DateOnly effective) =>
        string.Create(CultureInfo.InvariantCulture, $"{sourceKey}\u001f{(ruleId.Length <= 100 ? ruleId : ruleId[..100])}\u001f{change}\u001f{effective:yyyy-MM-dd}");
}
