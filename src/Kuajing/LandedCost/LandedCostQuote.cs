using Kuajing.Money;
using Kuajing.Trade;

namespace Kuajing.LandedCost;

/// <summary>
/// A landed-cost quote: freight + insurance + duty + import VAT/GST + fees for one shipment, in one currency,
/// by the destination rules in force on the order date, with who pays each line. Produced by
/// <see cref="LandedCostCalculator.Quote"/>; immutable. Unknown amounts are reported as unknown (never zero):
/// use <see cref="IsComplete"/>, <see cref="LowerBound"/> and <see cref="Flags"/> to act on them.
/// </summary>
public sealed class LandedCostQuote
{
    private readonly string[] _flags;
    private readonly decimal _knownSeller;
    private readonly decimal _knownBuyer;
    private readonly decimal _lowerSeller;
    private readonly decimal _lowerBuyer;

    internal LandedCostQuote(LandedCostRequest request, bool rulesKnown, IReadOnlyList<CostLine> lines, string[] flags, Money.Money? customsValue)
    {
        Request = request;
        Currency = request.QuoteCurrency;
        RulesKnown = rulesKnown;
        Lines = lines;
        _flags = flags;
        CustomsValue = customsValue;
        var complete = true;
        var upperKnown = true;
        decimal upper = 0;
        foreach (var line in lines)
        {
            var amount = line.Amount?.Amount ?? 0m;
            var seller = line.Payer == Payer.Seller;
            switch (line.Status)
            {
                case CostLineStatus.Known:
                    if (seller)
                    {
                        _knownSeller += amount;
                        _lowerSeller += amount;
                    }
                    else
                    {
                        _knownBuyer += amount;
                        _lowerBuyer += amount;
                    }

                    upper += amount;
                    break;
                case CostLineStatus.Range:
                    complete = false;
                    if (seller)
                    {
                        _lowerSeller += amount;
                    }
                    else
                    {
                        _lowerBuyer += amount;
                    }

                    upper += line.High?.Amount ?? 0m;
                    break;
                case CostLineStatus.LowerBound:
                    complete = false;
                    upperKnown = false;
                    if (seller)
                    {
                        _lowerSeller += amount;
                    }
                    else
                    {
                        _lowerBuyer += amount;
                    }

                    break;
                case CostLineStatus.Unknown:
                    complete = false;
                    upperKnown = false;
                    break;
                default:
                    break; // IncludedInFreight and NotIncluded add nothing.
            }
        }

        IsComplete = complete;
        UpperBound = upperKnown ? new Money.Money(upper, Currency) : null;
    }

    /// <summary>The request quoted.</summary>
    public LandedCostRequest Request { get; }

    /// <summary>Currency of every amount in the quote (the request's quote currency).</summary>
    public CurrencyCode Currency { get; }

    /// <summary>False when the destination has no rules in the rule book (duty and tax then Unknown, flag <c>rules-unknown</c>).</summary>
    public bool RulesKnown { get; }

    /// <summary>The cost lines: Freight, Insurance, Duty (possibly several: base tariff, surcharge), ImportVat, Fee.</summary>
    public IReadOnlyList<CostLine> Lines { get; }

    /// <summary>Flags raised (see <see cref="LandedCostFlags"/> and the rule rows' <c>flag</c> column), without duplicates, in the order raised.</summary>
    public IReadOnlyList<string> Flags => _flags;

    /// <summary>The customs value the duty was computed on (CIF or FOB per destination, insurance excluded); <see langword="null"/> when no import clearance or rules unknown.</summary>
    public Money.Money? CustomsValue { get; }

    /// <summary>True when every line is <see cref="CostLineStatus.Known"/>, included in freight, or not included (insurance).</summary>
    public bool IsComplete { get; }

    /// <summary>Sum of the <see cref="CostLineStatus.Known"/> lines, all payers.</summary>
    public Money.Money KnownTotal => new(_knownSeller + _knownBuyer, Currency);

    /// <summary>A floor on the landed cost usable as a numeric criterion: known lines + range lows + lower bounds; Unknown lines add zero here only, and the quote is then not <see cref="IsComplete"/>.</summary>
    public Money.Money LowerBound => new(_lowerSeller + _lowerBuyer, Currency);

    /// <summary>A ceiling: known lines + range highs; <see langword="null"/> when any line is Unknown or only a lower bound.</summary>
    public Money.Money? UpperBound { get; }

    /// <summary>Sum of the <see cref="CostLineStatus.Known"/> lines borne by <paramref name="payer"/>.</summary>
    /// <param name="payer">Seller or Buyer.</param>
    /// <returns>The total in <see cref="Currency"/>.</returns>
    public Money.Money KnownTotalFor(Payer payer) => new(payer == Payer.Seller ? _knownSeller : _knownBuyer, Currency);

    /// <summary>The <see cref="LowerBound"/> restricted to lines borne by <paramref name="payer"/>.</summary>
    /// <param name="payer">Seller or Buyer.</param>
    /// <returns>The floor in <see cref="Currency"/>.</returns>
    public Money.Money LowerBoundFor(Payer payer) => new(payer == Payer.Seller ? _lowerSeller : _lowerBuyer, Currency);

    /// <summary>Whether the quote carries <paramref name="flag"/>.</summary>
    /// <param name="flag">A flag such as <see cref="LandedCostFlags.IossEligible"/>.</param>
    /// <returns>True when raised.</returns>
    public bool HasFlag(string flag) => Array.IndexOf(_flags, flag) >= 0;

    /// <summary>All lines of one kind (e.g. the base duty and a surcharge are both <see cref="CostKind.Duty"/>).</summary>
    /// <param name="kind">The kind wanted.</param>
    /// <returns>The lines in quote order; empty when none.</returns>
    public IReadOnlyList<CostLine> LinesOf(CostKind kind)
    {
        var result = new List<CostLine>(2);
        foreach (var line in Lines)
        {
            if (line.Kind == kind)
            {
                result.Add(line);
            }
        }

        return result;
    }
}
