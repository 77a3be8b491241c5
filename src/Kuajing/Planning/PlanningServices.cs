using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Money;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>
/// Converts an amount into another currency at the rate in force on a date. The planner uses it to
/// price every lane in the request's quote currency on the order date and to check a lane's
/// declared-value limit in the lane's rate currency. Implementations must be thread-safe.
/// </summary>
public interface ICurrencyConversion
{
    /// <summary>Converts <paramref name="amount"/> into <paramref name="target"/> at the rate in force on <paramref name="rateDate"/>.</summary>
    /// <param name="amount">Amount to convert.</param>
    /// <param name="target">Currency wanted.</param>
    /// <param name="rateDate">Date whose rate applies (the order date).</param>
    /// <param name="converted">The converted amount (unrounded) when a rate is known; default otherwise.</param>
    /// <returns><see langword="false"/> when no rate is known for either currency on or before <paramref name="rateDate"/>; the lane is then refused with <see cref="LaneRefusalReason.NoFxRate"/>, never priced at zero.</returns>
    bool TryConvert(Money.Money amount, CurrencyCode target, LocalDate rateDate, out Money.Money converted);
}

/// <summary>
/// <see cref="ICurrencyConversion"/> over the FRED monthly cross rates held by <see cref="FxRates"/>
/// (source: <c>data/fx-rates/SOURCE.md</c>). A stale rate (older than <see cref="FxRates.MaxStaleness"/> days) is
/// still used, as <see cref="FxRates.TryConvert"/> does. Thread-safe because <see cref="FxRates"/> is immutable once built.
/// </summary>
/// <param name="rates">The rate table.</param>
public sealed class FxRatesConversion(FxRates rates) : ICurrencyConversion
{
    private readonly FxRates _rates = rates ?? throw new ArgumentNullException(nameof(rates));

    /// <inheritdoc/>
    public bool TryConvert(Money.Money amount, CurrencyCode target, LocalDate rateDate, out Money.Money converted) =>
        _rates.TryConvert(amount, target, rateDate, out converted, out _);
}

/// <summary>
/// The distance a lane covers, in km, used for tonne-km emissions (ISO 14083 / GLEC Framework v3, 2023:
/// actual or planned distance of the leg). Called once per lane when an <see cref="ItineraryPlanner"/> is built;
/// must return a finite value ≥ 0 and be thread-safe.
/// </summary>
/// <param name="lane">The lane (its <see cref="Lane.DistanceKm"/> takes precedence when the implementation honours it).</param>
/// <param name="from">Node the lane departs from.</param>
/// <param name="to">Node the lane arrives at.</param>
/// <returns>Distance in km, ≥ 0.</returns>
public delegate decimal LegDistance(Lane lane, Node from, Node to);

/// <summary>
/// Well-to-wheel CO2e of carrying a shipment of the given mass over a distance with a vehicle, in kg
/// (ISO 14083 / GLEC Framework: tonne-km × intensity factor for the vehicle and date). Called at most once per lane
/// per planning request; must return a value ≥ 0 and be thread-safe.
/// </summary>
/// <param name="vehicle">The physical vehicle of the lane.</param>
/// <param name="mass">The shipment's actual gross weight.</param>
/// <param name="distanceKm">Leg distance in km, ≥ 0.</param>
/// <param name="on">Date whose emission factors apply (the order date).</param>
/// <returns>CO2e in kg, ≥ 0.</returns>
public delegate decimal LegEmissions(Vehicle vehicle, Mass mass, decimal distanceKm, LocalDate on);
