using Kuajing.Emissions;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Tests.Emissions;

public sealed class EmissionFactorsTests
{
    private static readonly Lazy<EmissionFactors> Factors = new(() => EmissionFactors.Load(DataDirectory.Find()));
    private static readonly Lazy<LaneCatalogue> Catalogue = new(() => LaneCatalogue.Load(DataDirectory.Find()));

    [Fact]
    public void Factor_AirIn2026_IsGlecFreighterTankToWheel()
    {
        // regulatory-facts.md §6: GLEC v3.0 Table 1, dedicated freighter > 1,500 km = 0.498 kg CO2e/tkm, TTW.
        var factor = Factors.Value.Factor(Vehicle.Air, new LocalDate(2026, 1, 15));

        Assert.Equal(0.498m, factor.KgCo2ePerTonneKm);
        Assert.Equal(EmissionScope.TankToWheel, factor.Scope);
        Assert.Contains("GLEC", factor.Source.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void Factor_Sea_IsTeuFactorDividedByTenTonnesAndDerived()
    {
        // regulatory-facts.md §6: 0.0894 kg CO2e/TEU-km ÷ 10 t per TEU (vendor default) = 0.00894 kg/tkm, status D.
        var factor = Factors.Value.Factor(Vehicle.Sea, new LocalDate(2026, 1, 15));

        Assert.Equal(0.0894m / 10m, factor.KgCo2ePerTonneKm);
        Assert.Equal(Provenance.SourceStatus.Derived, factor.Source.Status);
    }

    [Fact]
    public void Factor_RoadLastMileAndMainHaul_DifferInScope()
    {
        // §6: truck 0.095 TTW (GLEC v2.0) vs van 0.4124 WTW (GLEC v3.2, India; U elsewhere): scopes must stay labelled.
        var date = new LocalDate(2026, 3, 1);
        var truck = Factors.Value.Factor(Vehicle.Road, EmissionUse.MainHaul, date);
        var van = Factors.Value.Factor(Vehicle.Road, EmissionUse.LastMile, date);

        Assert.Equal(EmissionScope.TankToWheel, truck.Scope);
        Assert.Equal(EmissionScope.WellToWheel, van.Scope);
        Assert.Equal(0.4124m, van.KgCo2ePerTonneKm);
    }

    [Fact]
    public void Factor_BeforeAnyFactorIsValid_Throws()
    {
        // The only air factor is valid from 2023 (GLEC v3.0); earlier dates have no factor rather than a silent zero.
        Assert.Throws<EmissionFactorsException>(() => Factors.Value.Factor(Vehicle.Air, new LocalDate(2010, 1, 1)));
    }

    [Fact]
    public void GreatCircleKm_ZhengzhouToFrankfurt_MatchesSphericalLawOfCosines()
    {
        // OpenFlights CGO 34.5197 N 113.8410 E, FRA 50.0333 N 8.5706 E. Computed independently with the spherical law of
        // cosines (acos(sin φ1 sin φ2 + cos φ1 cos φ2 cos Δλ) × 6371) in Python: 8,100.17 km.
        var km = EmissionFactors.GreatCircleKm(34.519699096699995, 113.841003418, 50.033333, 8.570556);

        Assert.InRange(km, 8098.0, 8102.0);
    }

    [Fact]
    public void GreatCircleKm_QuarterMeridian_IsPiTimesRadiusOverTwo()
    {
        // Equator to pole along a meridian is a quarter of a great circle: π/2 × 6,371 km = 10,007.5 km.
        Assert.Equal(Math.PI / 2 * 6371.0, EmissionFactors.GreatCircleKm(0, 0, 90, 0), 6);
        Assert.Equal(0.0, EmissionFactors.GreatCircleKm(10, 20, 10, 20), 9);
    }

    [Fact]
    public void LegDistanceKm_AirLaneWithoutDistance_AddsGlec95Km()
    {
        // GLEC: air distance = great-circle + 95 km (regulatory-facts.md §6).
        var catalogue = Catalogue.Value;
        var lane = catalogue.Lanes.First(l => l.From == "CGO" && l.To == "LUX");
        var from = catalogue.Nodes["CGO"];
        var to = catalogue.Nodes["LUX"];
        var greatCircle = (decimal)EmissionFactors.GreatCircleKm(from.Latitude, from.Longitude, to.Latitude, to.Longitude);

        var km = Factors.Value.LegDistanceKm(lane, from, to);

        Assert.Null(lane.DistanceKm);
        Assert.Equal(Math.Round(greatCircle + 95m, 1), km);
    }

    [Fact]
    public void LegDistanceKm_RailLaneWithPublishedDistance_UsesIt()
    {
        // lanes-and-rates.md §1.1: Zhengzhou → Hamburg 10,214 km.
        var catalogue = Catalogue.Value;
        var lane = catalogue.Lanes.Single(l => l.Id == "rail-CNZGZ-DEHAM-lcl");

        Assert.Equal(10214m, Factors.Value.LegDistanceKm(lane, catalogue.Nodes["CNZGZ"], catalogue.Nodes["DEHAM"]));
    }

    [Fact]
    public void Co2eKg_TenKgByAirOver1000Km_IsTonnesTimesKmTimesFactor()
    {
        // 0.010 t × 1,000 km × 0.498 kg/tkm = 4.98 kg CO2e.
        var kg = Factors.Value.Co2eKg(Vehicle.Air, new Mass(10m), 1000m, new LocalDate(2026, 1, 1));

        Assert.Equal(4.98m, kg);
    }

    [Fact]
    public void Co2eKg_RailAgainstAirOnZhengzhouHamburg_IsAboutTwentyTimesLower()
    {
        // 1 t over 10,214 km: rail 0.0113 × 10,214 = 115.4 kg; air (same km) 0.498 × 10,214 = 5,086.6 kg.
        var date = new LocalDate(2026, 1, 1);
        var rail = Factors.Value.Co2eKg(Vehicle.Rail, new Mass(1000m), 10214m, date);
        var air = Factors.Value.Co2eKg(Vehicle.Air, new Mass(1000m), 10214m, date);

        Assert.Equal(115.4182m, rail);
        Assert.Equal(5086.572m, air);
    }
}
