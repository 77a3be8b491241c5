using Kuajing.Tariffs;

namespace Kuajing.LandedCost;

/// <summary>The ordinary tariff and additional duties of a quote, from the rule book's <see cref="TariffStore"/>.</summary>
public sealed partial class LandedCostCalculator
{
    private sealed partial class Quoting
    {
        private List<(AdditionalDutyRule Rule, decimal Low, decimal High, int Lines)>? _additional;
        private List<AdditionalDutyRule>? _ruleScratch;
        private List<(AdditionalDutyRule Rule, int Count)>? _ruleCounts;

        private static bool HasAdValoremRow(List<ImportRule> matched)
        {
            foreach (var r in matched)
            {
                if (r.Kind == RuleKind.DutyAdValorem)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Duty from the destination's tariff schedule, one Duty line per customs line naming the tariff line (schedule,
        /// code, expression), then one line per additional-duty rule. False when the destination has no schedule (the
        /// caller then reports the duty unknown as before).
        /// </summary>
        private bool QuoteTariff(decimal customsValue, ref decimal low, ref decimal high, ref bool unknown)
        {
            var destination = request.Destination.Value ?? "";
            var key = _rules?.Profile.CustomsUnion ?? destination;
            var store = owner._book.Tariffs;
            var schedule = store.ScheduleFor(key, request.OrderDate);
            if (schedule is null)
            {
                return false;
            }

            var date = request.OrderDate;
            string? dateNote = null;
            if (schedule.Validity.Until is { } until && date >= until)
            {
                Flag(LandedCostFlags.StaleTariff);
                dateNote = schedule.StaleNote;
            }
            else if (date < schedule.Validity.From)
            {
                Flag(LandedCostFlags.TariffPostdatesOrder);
                dateNote = schedule.PostdatesNote;
            }

            var origin = request.Origin.Value ?? "";
            var additional = store.AdditionalDuties.Any(schedule.Destination, origin, date);
            decimal fx = 0;
            var fxKnown = false;
            var lines = request.Lines;
            var withoutHs = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                decimal lineValue;
                if (lines.Count == 1)
                {
                    lineValue = customsValue;
                }
                else if (!TryAmount(line.Value, out var converted))
                {
                    AddImport(CostKind.Duty, "Duty", CostLineStatus.Unknown, null, null, null, FxReason());
                    unknown = true;
                    continue;
                }
                else
                {
                    // The customs value (CIF/FOB) is shared among the lines in proportion to their value.
                    lineValue = _goods == 0 ? 0 : customsValue * converted / _goods;
                }

                var code = line.NationalTariffCode ?? (line.Hs is { } hs && hs.Digits.Length >= 6 ? hs.Digits.Length == 6 ? hs.Digits : hs.Digits[..6] : null);
                if (code is null)
                {
                    withoutHs++;
                    continue;
                }

                var group = schedule.FindGroup(code);
                if (group is null)
                {
                    Flag(LandedCostFlags.TariffCodeNotFound);
                    Flag(LandedCostFlags.DutyRateUnknown);
                    AddTariffLine("Duty", CostLineStatus.Unknown, null, null, null, schedule.Source,
                        $"code {code} is not in the loaded schedule {schedule.Id} ({schedule.Source.Citation}); duty unknown, not zero");
                    unknown = true;
                    continue;
                }

                if (!fxKnown && !group.AdValoremOnly)
                {
                    if (!TryFactor(schedule.Currency, out fx))
                    {
                        AddTariffLine(group.Label, CostLineStatus.Unknown, null, null, group.RuleId, schedule.Source, FxReason());
                        unknown = true;
                        continue;
                    }

                    fxKnown = true;
                }

                var inputs = new DutyInputs(lineValue, fx, line.Quantity, line.Pairs, line.NetMass?.Kilograms, line.Litres, line.SquareMetres, line.CubicMetres);
                decimal lineLow = decimal.MaxValue, lineHigh = decimal.MinValue;
                var missing = DutyQuantity.None;
                TariffLine? unparsed = null;
                if (group.MinFraction is { } minFraction)
                {
                    // Every candidate is a plain ad valorem rate: the range is min/max rate × value, whatever the count.
                    lineLow = lineValue * minFraction;
                    lineHigh = lineValue * group.MaxFraction!.Value;
                }
                else
                {
                    foreach (var candidate in group.Lines)
                    {
                        if (candidate.Expression is not { } expression)
                        {
                            unparsed ??= candidate;
                            continue;
                        }

                        var r = expression.Evaluate(inputs);
                        if (!r.Known)
                        {
                            missing |= r.Missing;
                            continue;
                        }

                        lineLow = Math.Min(lineLow, r.Amount);
                        lineHigh = Math.Max(lineHigh, r.Amount);
                    }
                }

                if (additional)
                {
                    CollectAdditional(schedule.Destination, origin, group, lineValue);
                }

                if (unparsed is not null)
                {
                    Flag(LandedCostFlags.TariffExpressionUnparsed);
                    AddTariffLine(group.Label, CostLineStatus.Unknown, null, null, group.RuleId, schedule.Source,
                        group.Cached(DutyQuantity.None, dateNote, static (g, _, note) =>
                        {
                            var u = g.Lines.First(l => l.Expression is null);
                            return $"{u.RuleId} duty text '{u.RateText}' is outside the supported forms (pattern '{u.UnparsedPattern}'){note}";
                        }));
                    unknown = true;
                    continue;
                }

                if (missing != DutyQuantity.None)
                {
                    Flag(LandedCostFlags.TariffQuantityMissing);
                    AddTariffLine(group.Label, CostLineStatus.Unknown, null, null, group.RuleId, schedule.Source,
                        group.Cached(missing, dateNote, static (g, m, note) => $"the duty '{g.Expressions}' needs {Describe(m)}, which the order line does not declare{note}"));
                    unknown = true;
                    continue;
                }

                var l = Round(lineLow);
                var h = Round(lineHigh);
                low += l;
                high += h;
                if (l == h)
                {
                    AddTariffLine(group.Label, CostLineStatus.Known, l, null, group.RuleId, schedule.Source, dateNote is null ? group.Reason : group.ReasonWith(dateNote, range: false));
                }
                else
                {
                    Flag(LandedCostFlags.TariffLineRange);
                    AddTariffLine(group.Label, CostLineStatus.Range, l, h, group.RuleId, schedule.Source,
                        dateNote is null ? group.RangeReason : group.ReasonWith(dateNote, range: true));
                }
            }

            if (withoutHs > 0)
            {
                // One line for all of them, as before tariffs: the duty is unknown, never zero.
                Flag(LandedCostFlags.HsCodeMissing);
                Flag(LandedCostFlags.DutyRateUnknown);
                AddTariffLine("Duty", CostLineStatus.Unknown, null, null, null, null,
                    withoutHs == lines.Count ? schedule.NoHsReason : $"{withoutHs} of {lines.Count} customs lines have no six-digit HS code: their tariff lines in {schedule.Id} cannot be found; duty unknown, not zero");
                unknown = true;
            }

            if (_additional is not null)
            {
                EmitAdditional(lines.Count, ref low, ref high, ref unknown);
            }

            return true;
        }

        /// <summary>Additional duties for one customs line: per rule, on how many candidate lines it applies.</summary>
        private void CollectAdditional(string destination, string origin, TariffLineGroup group, decimal lineValue)
        {
            var scratch = _ruleScratch ??= new List<AdditionalDutyRule>(2);
            var counts = _ruleCounts ??= new List<(AdditionalDutyRule Rule, int Count)>(2);
            counts.Clear();
            foreach (var candidate in group.Lines)
            {
                scratch.Clear();
                owner._book.Tariffs.AdditionalDuties.Collect(destination, candidate, origin, request.OrderDate, scratch);
                foreach (var rule in scratch)
                {
                    var at = counts.FindIndex(x => ReferenceEquals(x.Rule, rule));
                    if (at < 0)
                    {
                        counts.Add((rule, 1));
                    }
                    else
                    {
                        counts[at] = (rule, counts[at].Count + 1);
                    }
                }
            }

            if (counts.Count == 0)
            {
                return;
            }

            _additional ??= new List<(AdditionalDutyRule, decimal, decimal, int)>(2);
            foreach (var (rule, count) in counts)
            {
                var amount = rule.RatePercent is { } rate ? lineValue * rate / 100m : 0m;
                var lowPart = count == group.Lines.Length ? amount : 0m;
                var at = _additional.FindIndex(x => ReferenceEquals(x.Rule, rule));
                if (at < 0)
                {
                    _additional.Add((rule, lowPart, amount, 1));
                }
                else
                {
                    var x = _additional[at];
                    _additional[at] = (rule, x.Low + lowPart, x.High + amount, x.Lines + 1);
                }
            }
        }

        private void EmitAdditional(int customsLines, ref decimal low, ref decimal high, ref bool unknown)
        {
            foreach (var (rule, lowSum, highSum, _) in _additional!)
            {
                if (rule.Source.NeedsFlag)
                {
                    Flag(LandedCostFlags.UnconfirmedRule);
                }

                if (rule.RatePercent is null)
                {
                    Flag(LandedCostFlags.AdditionalDutyUnknown);
                    AddTariffLine(rule.Label, CostLineStatus.Unknown, null, null, rule.Id, rule.Source, $"in force on {request.OrderDate:uuuu-MM-dd} but its rate is not in the sources: {rule.Note}");
                    unknown = true;
                    continue;
                }

                var l = Round(lowSum);
                var h = Round(highSum);
                low += l;
                high += h;
                if (l == h)
                {
                    AddTariffLine(rule.Label, CostLineStatus.Known, l, null, rule.Id, rule.Source, rule.Note.Length == 0 ? rule.Source.Citation : rule.Note);
                }
                else
                {
                    Flag(LandedCostFlags.TariffLineRange);
                    AddTariffLine(rule.Label, CostLineStatus.Range, l, h, rule.Id, rule.Source,
                        "applies to some of the national lines under the HS code; the order names none");
                }
            }
        }

        private void AddTariffLine(string label, CostLineStatus status, decimal? amount, decimal? high, string? ruleId, Provenance.DataSource? source, string reason)
        {
            if (source is { NeedsFlag: true })
            {
                Flag(LandedCostFlags.UnconfirmedRule);
            }

            var payer = request.Incoterm == Trade.Incoterm.DDP ? Trade.Payer.Seller : Trade.Payer.Buyer;
            if (request.DutyAndTaxIncluded)
            {
                status = CostLineStatus.IncludedInFreight;
                high = null;
                reason = "included in the carrier's DDP freight price; not added again";
            }

            _lines.Add(new CostLine(CostKind.Duty, label, status, amount is null ? null : M(amount.Value), high is null ? null : M(high.Value), payer, ruleId, source, reason));
        }

        private static string Describe(DutyQuantity missing)
        {
            var parts = new List<string>(2);
            foreach (var (flag, text) in QuantityNames)
            {
                if ((missing & flag) != 0)
                {
                    parts.Add(text);
                }
            }

            return string.Join(" and ", parts);
        }

        private static readonly (DutyQuantity Flag, string Text)[] QuantityNames =
        [
            (DutyQuantity.Items, "the number of articles"),
            (DutyQuantity.Pairs, "the number of pairs"),
            (DutyQuantity.NetKilograms, "the net mass (kg)"),
            (DutyQuantity.Litres, "the volume (litres)"),
            (DutyQuantity.SquareMetres, "the area (m²)"),
            (DutyQuantity.CubicMetres, "the volume (m³)"),
        ];
    }
}
