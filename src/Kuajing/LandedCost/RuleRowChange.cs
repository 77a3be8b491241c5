using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.LandedCost;

/// <summary>Whether a dated row starts or stops being in force on <see cref="RuleRowChange.On"/>.</summary>
public enum RuleRowEdge
{
    /// <summary>The row's <c>valid_from</c>: in force from this day.</summary>
    TakesEffect,

    /// <summary>The row's <c>valid_until</c>: no longer in force from this day (validity is until exclusive).</summary>
    Expires,
}

/// <summary>
/// One dated row of the landed-cost data that starts or stops being in force on a day: an import rule
/// (<c>data/tax/import-rules.csv</c>), a VAT/GST rate (<c>data/tax/vat-rates.csv</c>), an additional duty
/// (<c>data/tariffs/additional-duties.csv</c>) or a tariff schedule (<c>data/tariffs/schedules.csv</c>). Listed by
/// <see cref="ImportRuleBook.RowsChanging(NodaTime.LocalDate, NodaTime.LocalDate)"/>, so that a compliance impact check
/// re-quotes an open shipment only on the days something changes and names the row it came from.
/// </summary>
/// <param name="RuleId">The row's id as cost lines name it: the import rule or additional-duty id (<c>EU-FLAT-DUTY-3EUR</c>,
/// <c>US-S301-9903.91.12</c>), the schedule id (<c>US-HTS-2026-R10</c>; its duty lines are <c>{schedule}:{code}</c>), or for a VAT
/// rate row <c>VAT:{country}[/{region}]:{valid_from or "open"}</c> (vat-rates.csv has no id column).</param>
/// <param name="File">File the row is in, e.g. <c>import-rules.csv</c>.</param>
/// <param name="Destination">Destination the row applies to: ISO alpha-2, or a customs union (<c>EU</c>).</param>
/// <param name="On">The day it takes effect or expires.</param>
/// <param name="Edge">Takes effect or expires.</param>
/// <param name="Source">The row's citation and status.</param>
public sealed record RuleRowChange(string RuleId, string File, string Destination, LocalDate On, RuleRowEdge Edge, DataSource Source)
{
    /// <summary>"EU-FLAT-DUTY-3EUR (import-rules.csv, valid_from 2026-07-01)" or "… valid_until …".</summary>
    public string Describe() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RuleId} ({File}, {(Edge == RuleRowEdge.TakesEffect ? "valid_from" : "valid_until")} {On:uuuu-MM-dd})");
}
