using System.Globalization;
using Kuajing.Goods;
using Kuajing.Lanes;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>What one lane charges and emits for the current request's consignment.</summary>
/// <param name="ChargeableWeight">Chargeable weight on the lane.</param>
/// <param name="Freight">Freight in the lane's rate currency.</param>
/// <param name="FreightInQuote">Freight in the quote currency on the order date, rounded to 2 decimals.</param>
/// <param name="Co2eKg">CO2e of the leg in kg.</param>
internal readonly record struct LaneQuote(Mass ChargeableWeight, Money.Money Freight, decimal FreightInQuote, decimal Co2eKg);

/// <summary>
/// Per-request leg semantics shared by <see cref="ItineraryPlanner"/> and <see cref="BruteForcePlanner"/>: lane
/// feasibility (limits, hazards, FX), price and CO2e computed lazily once per lane, and the earliest feasible
/// departure within the lane's validity. Reusable across requests through <see cref="Reset"/>; not thread-safe
/// (one instance per planning thread).
/// </summary>
internal sealed class LaneQuotes
{
    private readonly TransportNetwork _network;
    private readonly ICurrencyConversion _currency;
    private readonly LegEmissions _emissions;
    private readonly decimal[] _distanceKm;
    private readonly int[] _stamp;
    private readonly bool[] _usable;
    private readonly LaneQuote[] _quotes;
    private readonly int[] _refusalStamp;
    private readonly int[] _departStamp;
    private readonly Instant[] _lastReady;
    private readonly Instant[] _lastDeparture;
    private readonly List<(int? Divisor, Mass Chargeable)> _chargeableByDivisor = [];
    private int _generation;

    private PlanningRequest _request = null!;
    private LaneRestriction? _restriction;
    private Mass _gross;
    private decimal _volumeM3;
    private decimal _heaviestPieceKg;
    private decimal _longestSideCm;
    private decimal _largestSumOfSidesCm;
    private int _heaviestPiece;
    private int _longestPiece;
    private int _largestPiece;

    public LaneQuotes(TransportNetwork network, ICurrencyConversion currency, LegEmissions emissions, decimal[] distanceKm)
    {
        _network = network;
        _currency = currency;
        _emissions = emissions;
        _distanceKm = distanceKm;
        var n = network.Lanes.Count;
        _stamp = new int[n];
        _usable = new bool[n];
        _quotes = new LaneQuote[n];
        _refusalStamp = new int[n];
        _departStamp = new int[n];
        _lastReady = new Instant[n];
        _lastDeparture = new Instant[n];
    }

    /// <summary>Refusals met since the last <see cref="Reset"/>, first reason per lane.</summary>
    public List<LaneRefusal> Refusals { get; } = [];

    /// <summary>Distance of each lane in km, by lane index.</summary>
    public decimal[] DistanceKm => _distanceKm;

    /// <summary>Starts a new request: forgets every cached quote and refusal.</summary>
    /// <param name="request">The request.</param>
    /// <param name="restriction">Lanes excluded for this request (compliance), or <see langword="null"/> for none.</param>
    public void Reset(PlanningRequest request, LaneRestriction? restriction = null)
    {
        _request = request;
        _restriction = restriction;
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            Array.Clear(_refusalStamp);
            Array.Clear(_departStamp);
            _generation = 1;
        }

        Refusals.Clear();
        _chargeableByDivisor.Clear();
        var parcels = request.Goods.Parcels;
        _gross = request.Goods.GrossWeight;
        _volumeM3 = request.Goods.VolumeM3;
        _heaviestPieceKg = _longestSideCm = _largestSumOfSidesCm = 0m;
        for (var i = 0; i < parcels.Count; i++)
        {
            var p = parcels[i];
            if (p.Weight.Kilograms > _heaviestPieceKg)
            {
                (_heaviestPieceKg, _heaviestPiece) = (p.Weight.Kilograms, i);
            }

            if (p.Size.LongestSideCm > _longestSideCm)
            {
                (_longestSideCm, _longestPiece) = (p.Size.LongestSideCm, i);
            }

            if (p.Size.SumOfSidesCm > _largestSumOfSidesCm)
            {
                (_largestSumOfSidesCm, _largestPiece) = (p.Size.SumOfSidesCm, i);
            }
        }
    }

    /// <summary>The lane's price and CO2e for the request's goods, or <see langword="false"/> when the lane refuses them.</summary>
    public bool TryQuote(int lane, out LaneQuote quote)
    {
        if (_stamp[lane] != _generation)
        {
            _usable[lane] = Evaluate(lane, out _quotes[lane]);
            _stamp[lane] = _generation;
        }

        quote = _quotes[lane];
        return _usable[lane];
    }

    /// <summary>
    /// The earliest departure of <paramref name="lane"/> whose cut-off is at or after <paramref name="readyAt"/>, and its
    /// arrival (departure + planned transit + clearance). Validity is checked once per request against the order date
    /// (the date the price is quoted), in <see cref="TryQuote"/>.
    /// Monotone: a later <paramref name="readyAt"/> never gives an earlier departure (FIFO), which label-setting needs.
    /// </summary>
    public bool TryDepart(int lane, Instant readyAt, out Instant departure, out Instant arrival)
    {
        // Memo of the last answer: if the last query was ready no later than this one and its departure's cut-off is
        // still ahead, that departure is also the first one for this ready time (departures are FIFO). Label setting
        // queries each lane with non-decreasing ready times, so this skips most time-zone arithmetic.
        if (_departStamp[lane] == _generation && _lastReady[lane] <= readyAt && readyAt <= _lastDeparture[lane] - _network.LaneCutOff[lane])
        {
            departure = _lastDeparture[lane];
            arrival = departure + _network.LaneDuration[lane];
            return true;
        }

        var l = _network.Lanes[lane];
        var zone = _network.NodeZones[_network.LaneFromIndex[lane]];
        departure = l.Schedule.NextDeparture(readyAt, zone);
        _departStamp[lane] = _generation;
        _lastReady[lane] = readyAt;
        _lastDeparture[lane] = departure;
        arrival = departure + _network.LaneDuration[lane];
        return true;
    }

    private bool Evaluate(int lane, out LaneQuote quote)
    {
        quote = default;
        var l = _network.Lanes[lane];
        var goods = _request.Goods;
        var limits = l.Limits;

        // A lane is bookable only at the price in force on the order date: a service that starts later, or a rate that
        // has expired, is not offered (lanes-and-rates.md stores rates as dated, versioned rows).
        if (!l.Validity.Contains(_request.OrderDate))
        {
            return Refuse(lane, LaneRefusalReason.OutsideValidity, Text($"not in force on the order date {_request.OrderDate:uuuu-MM-dd} (valid from {l.Validity.From:uuuu-MM-dd}{(l.Validity.Until is { } u ? $" until {u:uuuu-MM-dd}" : "")})"));
        }

        var forbidden = l.Forbidden & goods.Hazards;
        if (forbidden != GoodsHazards.None)
        {
            return Refuse(lane, LaneRefusalReason.ForbiddenGoods, $"lane refuses {forbidden}");
        }

        if (limits.MaxPieceKg is { } maxPiece && _heaviestPieceKg > maxPiece)
        {
            return Refuse(lane, LaneRefusalReason.PieceTooHeavy, Text($"parcel {_heaviestPiece + 1} weighs {_heaviestPieceKg} kg, limit {maxPiece} kg"));
        }

        if (limits.MaxShipmentKg is { } maxShipment && _gross.Kilograms > maxShipment)
        {
            return Refuse(lane, LaneRefusalReason.ShipmentTooHeavy, Text($"gross weight {_gross.Kilograms} kg, limit {maxShipment} kg"));
        }

        if (limits.MaxLongestSideCm is { } maxSide && _longestSideCm > maxSide)
        {
            return Refuse(lane, LaneRefusalReason.PieceTooLong, Text($"parcel {_longestPiece + 1} longest side {_longestSideCm} cm, limit {maxSide} cm"));
        }

        if (limits.MaxSumOfSidesCm is { } maxSum && _largestSumOfSidesCm > maxSum)
        {
            return Refuse(lane, LaneRefusalReason.PieceTooLarge, Text($"parcel {_largestPiece + 1} L+W+H {_largestSumOfSidesCm} cm, limit {maxSum} cm"));
        }

        var rateCurrency = l.Rate.Currency;
        if (limits.MaxDeclaredValue is { } maxValue)
        {
            if (!_currency.TryConvert(_request.DeclaredValue, rateCurrency, _request.OrderDate, out var declared))
            {
                return Refuse(lane, LaneRefusalReason.NoFxRate, Text($"no FX rate {_request.DeclaredValue.Currency}->{rateCurrency} on {_request.OrderDate:uuuu-MM-dd} to check the declared-value limit"));
            }

            if (declared.Amount > maxValue)
            {
                return Refuse(lane, LaneRefusalReason.DeclaredValueTooHigh, Text($"declared value {declared.Round()} above limit {maxValue} {rateCurrency}"));
            }
        }

        var chargeable = Chargeable(l.VolumetricDivisor);
        var freight = l.Rate.Price(chargeable.Kilograms, _volumeM3, _gross.Kilograms, goods.Parcels.Count);
        if (!_currency.TryConvert(freight, _request.QuoteCurrency, _request.OrderDate, out var inQuote))
        {
            return Refuse(lane, LaneRefusalReason.NoFxRate, Text($"no FX rate {rateCurrency}->{_request.QuoteCurrency} on {_request.OrderDate:uuuu-MM-dd} to price the lane"));
        }

        var co2 = _emissions(l.Vehicle, _gross, _distanceKm[lane], _request.OrderDate);
        if (co2 < 0m)
        {
            throw new InvalidOperationException(Text($"emission function returned {co2} kg CO2e for lane '{l.Id}'; expected ≥ 0"));
        }

        if (inQuote.Amount < 0m)
        {
            throw new InvalidOperationException(Text($"lane '{l.Id}' prices the consignment at {inQuote}; expected ≥ 0"));
        }

        // A rule on the goods, destination and mode (e.g. matches in the mail) excludes the lane itself: every itinerary
        // through it is blocked, so refusing the lane before label setting keeps the Pareto set exact. Checked last, so a
        // ComplianceBlocked refusal names a lane that could otherwise have carried the goods (an alternative the rule removed).
        if (_restriction is not null && _restriction(l) is { } blocked)
        {
            return Refuse(lane, LaneRefusalReason.ComplianceBlocked, blocked);
        }

        quote = new LaneQuote(chargeable, freight, Math.Round(inQuote.Amount, 2, MidpointRounding.AwayFromZero), co2);
        return true;
    }

    private Mass Chargeable(int? divisor)
    {
        // Catalogues use a handful of divisors (none, 3,000, 5,000, 6,000): compute each once per request.
        foreach (var (d, kg) in _chargeableByDivisor)
        {
            if (d == divisor)
            {
                return kg;
            }
        }

        var chargeable = _request.Goods.ChargeableWeight(divisor);
        _chargeableByDivisor.Add((divisor, chargeable));
        return chargeable;
    }

    private bool Refuse(int lane, LaneRefusalReason reason, string detail)
    {
        if (_refusalStamp[lane] != _generation)
        {
            _refusalStamp[lane] = _generation;
            Refusals.Add(new LaneRefusal(_network.Lanes[lane].Id, reason, detail));
        }

        return false;
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
