using System.Globalization;

namespace Kuajing.Tariffs;

/// <summary>The quantity a specific duty is charged on. Flags, so that what an order lacks can be reported together.</summary>
[Flags]
public enum DutyQuantity
{
    /// <summary>No quantity (ad valorem terms, or nothing missing).</summary>
    None = 0,

    /// <summary>Number of articles (US "each", "No.", dozen, gross; UK/EU "item"; Japanese 頭/本/枚/個); from <see cref="LandedCost.CustomsLine.Quantity"/>.</summary>
    Items = 1,

    /// <summary>Pairs (US "pr.", Japanese 足); must be declared: the order's unit count is not assumed to be pairs.</summary>
    Pairs = 2,

    /// <summary>Net mass in kg (US "/kg", "/t"; UK/EU "/100 kg", "/tonne"; Japanese 円/kg, 円/MT).</summary>
    NetKilograms = 4,

    /// <summary>Volume in litres (US "liter", "bbl"; UK/EU "hl"; Japanese 円/l, 円/kl).</summary>
    Litres = 8,

    /// <summary>Area in m² (US "m2"; Japanese 円/㎡).</summary>
    SquareMetres = 16,

    /// <summary>Volume in m³ (US "m3").</summary>
    CubicMetres = 32,
}

/// <summary>Whether a term is a percentage of the customs value or an amount per quantity.</summary>
public enum DutyTermKind
{
    /// <summary><see cref="DutyTerm.Value"/> percent of the customs value.</summary>
    AdValorem,

    /// <summary><see cref="DutyTerm.Value"/> units of the schedule's currency per <see cref="DutyTerm.Per"/> units of <see cref="DutyTerm.Quantity"/>.</summary>
    Specific,
}

/// <summary>
/// One term of a duty formula: <c>14.9%</c> (ad valorem, value 14.9) or <c>$1.104/kg</c> (specific, value 1.104 USD per 1 kg),
/// <c>77.00 GBP/100kg</c> (77 GBP per 100 kg), <c>4,300円/足</c> (4,300 JPY per pair).
/// </summary>
/// <param name="Kind">Ad valorem or specific.</param>
/// <param name="Value">Percent (ad valorem, ≥ 0) or amount in the schedule's currency (specific, ≥ 0); US cents are converted to dollars at parse time (1.5¢ = 0.015).</param>
/// <param name="Quantity">For specific terms, the quantity charged on; <see cref="DutyQuantity.None"/> for ad valorem terms.</param>
/// <param name="Per">For specific terms, how many units of <paramref name="Quantity"/> the amount is for (&gt; 0): 1 for "/kg", 100 for "/100 kg", 1000 for "/tonne" (kg), 100 for "/hl" (litres), 12 for "/doz." (items), 158.987294928 for "/bbl" (litres, 42 US gallons); 1 for ad valorem terms.</param>
public readonly record struct DutyTerm(DutyTermKind Kind, decimal Value, DutyQuantity Quantity, decimal Per)
{
    /// <summary>An ad valorem term of <paramref name="percent"/> %.</summary>
    /// <param name="percent">The rate in percent, ≥ 0.</param>
    /// <returns>The term.</returns>
    public static DutyTerm AdValorem(decimal percent) => new(DutyTermKind.AdValorem, percent, DutyQuantity.None, 1m);

    /// <summary>A specific term: <paramref name="amount"/> per <paramref name="per"/> units of <paramref name="quantity"/>.</summary>
    /// <param name="amount">Amount in the schedule's currency, ≥ 0.</param>
    /// <param name="quantity">Quantity charged on (one flag).</param>
    /// <param name="per">Units the amount is for, &gt; 0.</param>
    /// <returns>The term.</returns>
    public static DutyTerm Specific(decimal amount, DutyQuantity quantity, decimal per) => new(DutyTermKind.Specific, amount, quantity, per);

    /// <inheritdoc/>
    public override string ToString() => Kind == DutyTermKind.AdValorem
        ? string.Create(CultureInfo.InvariantCulture, $"{Value}%")
        : string.Create(CultureInfo.InvariantCulture, $"{Value}/{(Per == 1m ? "" : Per.ToString(CultureInfo.InvariantCulture) + " ")}{Quantity}");
}

/// <summary>Which alternative applies when an expression offers several (Japanese 「…のうちいずれか高い税率」 / 「…低い税率」).</summary>
public enum DutyChoice
{
    /// <summary>The highest of the alternatives (also used when there is only one).</summary>
    Higher,

    /// <summary>The lowest of the alternatives.</summary>
    Lower,
}

/// <summary>
/// The inputs a duty expression is evaluated on, all for one customs line: the customs value in the quote currency, the
/// FX factor from the schedule's currency and the quantities the order declares (<see langword="null"/> = not declared).
/// </summary>
/// <param name="CustomsValue">Customs value of the line (CIF or FOB per destination), in the quote currency, ≥ 0.</param>
/// <param name="FxFactor">Quote-currency units per one unit of the schedule's currency on the order date (1 when they are the same), &gt; 0.</param>
/// <param name="Items">Number of articles, ≥ 1.</param>
/// <param name="Pairs">Pairs, when declared.</param>
/// <param name="NetKilograms">Net mass in kg, when declared.</param>
/// <param name="Litres">Volume in litres, when declared.</param>
/// <param name="SquareMetres">Area in m², when declared.</param>
/// <param name="CubicMetres">Volume in m³, when declared.</param>
public readonly record struct DutyInputs(
    decimal CustomsValue,
    decimal FxFactor,
    decimal Items,
    decimal? Pairs = null,
    decimal? NetKilograms = null,
    decimal? Litres = null,
    decimal? SquareMetres = null,
    decimal? CubicMetres = null)
{
    /// <summary>The declared amount of <paramref name="quantity"/>, or <see langword="null"/> when the order lacks it.</summary>
    /// <param name="quantity">One quantity flag.</param>
    /// <returns>The amount or null.</returns>
    public decimal? Of(DutyQuantity quantity) => quantity switch
    {
        DutyQuantity.Items => Items,
        DutyQuantity.Pairs => Pairs,
        DutyQuantity.NetKilograms => NetKilograms,
        DutyQuantity.Litres => Litres,
        DutyQuantity.SquareMetres => SquareMetres,
        DutyQuantity.CubicMetres => CubicMetres,
        _ => null,
    };
}

/// <summary>The duty an expression gives for one customs line, unrounded, in the quote currency, or what is missing.</summary>
/// <param name="Known">True when <paramref name="Amount"/> is the duty; false when a quantity is missing.</param>
/// <param name="Amount">The exact duty (not rounded) when known; 0 otherwise (never to be read as a zero duty).</param>
/// <param name="Missing">The quantities the expression needs and the inputs lack (<see cref="DutyQuantity.None"/> when known).</param>
public readonly record struct DutyResult(bool Known, decimal Amount, DutyQuantity Missing);

/// <summary>
/// A sum of terms, e.g. <c>$1.104/kg + 14.9%</c> or <c>10.00% + 77.00 GBP/100kg</c>; an empty sum is duty-free.
/// </summary>
public sealed class DutyFormula
{
    private readonly DutyTerm[] _terms;

    /// <summary>Creates a formula.</summary>
    /// <param name="terms">The terms added together; empty = free.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="terms"/> is null.</exception>
    public DutyFormula(IEnumerable<DutyTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = terms.ToArray();
        foreach (var t in _terms)
        {
            Needs |= t.Quantity;
        }
    }

    /// <summary>The terms, in source order.</summary>
    public IReadOnlyList<DutyTerm> Terms => _terms;

    /// <summary>Quantities the formula needs.</summary>
    public DutyQuantity Needs { get; }

    /// <summary>True when the formula is a single ad valorem term or empty (free): no quantity needed.</summary>
    public bool IsAdValoremOnly => Needs == DutyQuantity.None;

    /// <summary>Evaluates the sum exactly in decimal.</summary>
    /// <param name="inputs">Customs value, FX factor and quantities.</param>
    /// <returns>The unrounded amount, or what is missing.</returns>
    public DutyResult Evaluate(in DutyInputs inputs)
    {
        decimal sum = 0;
        var missing = DutyQuantity.None;
        foreach (var t in _terms)
        {
            if (t.Kind == DutyTermKind.AdValorem)
            {
                sum += inputs.CustomsValue * t.Value / 100m;
            }
            else if (inputs.Of(t.Quantity) is { } q)
            {
                sum += t.Value * (q / t.Per) * inputs.FxFactor;
            }
            else
            {
                missing |= t.Quantity;
            }
        }

        return missing == DutyQuantity.None ? new DutyResult(true, sum, missing) : new DutyResult(false, 0m, missing);
    }

    /// <inheritdoc/>
    public override string ToString() => _terms.Length == 0 ? "free" : string.Join(" + ", _terms);
}

/// <summary>
/// A parsed duty expression of a tariff line: one or more alternative formulas (the higher or lower applies), then an
/// optional minimum and maximum clause. Covers ad valorem (<c>16.5%</c>), specific (<c>1¢/kg</c>, <c>25.60 GBP / hl</c>),
/// compound (<c>$1.104/kg + 14.9%</c>), <c>MIN</c>/<c>MAX</c> clauses (<c>5.50% MIN 0.40 EUR / item MAX 0.80 EUR / item</c>),
/// Japanese alternatives (<c>30%又は4,300円/足のうちいずれか高い税率</c>) and free (<c>Free</c>, <c>0.0%</c>, <c>無税</c>).
/// Immutable and thread-safe. Evaluation is exact in decimal; rounding is the caller's (the landed-cost quote rounds the total).
/// </summary>
public sealed class DutyExpression
{
    private readonly DutyFormula[] _alternatives;

    /// <summary>Creates an expression.</summary>
    /// <param name="text">The verbatim rate text from the schedule.</param>
    /// <param name="alternatives">At least one formula; with several, <paramref name="choice"/> says which applies.</param>
    /// <param name="choice">Higher or lower of the alternatives.</param>
    /// <param name="minimum">The duty is at least this (a <c>MIN</c> clause), or <see langword="null"/>.</param>
    /// <param name="maximum">The duty is at most this (a <c>MAX</c> clause), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">When <paramref name="alternatives"/> is empty.</exception>
    public DutyExpression(string text, IReadOnlyList<DutyFormula> alternatives, DutyChoice choice = DutyChoice.Higher, DutyFormula? minimum = null, DutyFormula? maximum = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(alternatives);
        if (alternatives.Count == 0)
        {
            throw new ArgumentException("a duty expression needs at least one formula", nameof(alternatives));
        }

        Text = text;
        _alternatives = alternatives.ToArray();
        Choice = choice;
        Minimum = minimum;
        Maximum = maximum;
        foreach (var f in _alternatives)
        {
            Needs |= f.Needs;
        }

        Needs |= (minimum?.Needs ?? DutyQuantity.None) | (maximum?.Needs ?? DutyQuantity.None);
        if (Needs == DutyQuantity.None && _alternatives.Length == 1 && minimum is null && maximum is null)
        {
            decimal rate = 0;
            foreach (var t in _alternatives[0].Terms)
            {
                rate += t.Value;
            }

            AdValoremPercent = rate;
        }
    }

    /// <summary>The verbatim rate text from the schedule.</summary>
    public string Text { get; }

    /// <summary>The alternative formulas (one for most lines).</summary>
    public IReadOnlyList<DutyFormula> Alternatives => _alternatives;

    /// <summary>Which alternative applies when there are several.</summary>
    public DutyChoice Choice { get; }

    /// <summary>The <c>MIN</c> clause, if any.</summary>
    public DutyFormula? Minimum { get; }

    /// <summary>The <c>MAX</c> clause, if any.</summary>
    public DutyFormula? Maximum { get; }

    /// <summary>Every quantity the expression may need.</summary>
    public DutyQuantity Needs { get; }

    /// <summary>The plain ad valorem rate in percent (0 for free) when the expression is nothing else; otherwise <see langword="null"/>.</summary>
    public decimal? AdValoremPercent { get; }

    /// <summary>True when the expression is free of duty (a plain 0 %).</summary>
    public bool IsFree => AdValoremPercent == 0m;

    /// <summary>Evaluates the duty for one customs line, exactly in decimal (no rounding).</summary>
    /// <param name="inputs">Customs value in the quote currency, FX factor from the schedule's currency, declared quantities.</param>
    /// <returns>The duty, or the quantities the inputs lack (then the duty is unknown, never zero).</returns>
    public DutyResult Evaluate(in DutyInputs inputs)
    {
        if (AdValoremPercent is { } rate)
        {
            return new DutyResult(true, inputs.CustomsValue * rate / 100m, DutyQuantity.None);
        }

        var missing = DutyQuantity.None;
        decimal? pick = null;
        foreach (var f in _alternatives)
        {
            var r = f.Evaluate(inputs);
            if (!r.Known)
            {
                missing |= r.Missing;
                continue;
            }

            pick = pick is null ? r.Amount : Choice == DutyChoice.Higher ? Math.Max(pick.Value, r.Amount) : Math.Min(pick.Value, r.Amount);
        }

        if (Minimum is not null)
        {
            var r = Minimum.Evaluate(inputs);
            missing |= r.Missing;
            if (r.Known && pick is not null)
            {
                pick = Math.Max(pick.Value, r.Amount);
            }
        }

        if (Maximum is not null)
        {
            var r = Maximum.Evaluate(inputs);
            missing |= r.Missing;
            if (r.Known && pick is not null)
            {
                pick = Math.Min(pick.Value, r.Amount);
            }
        }

        return missing == DutyQuantity.None && pick is not null
            ? new DutyResult(true, pick.Value, DutyQuantity.None)
            : new DutyResult(false, 0m, missing);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
