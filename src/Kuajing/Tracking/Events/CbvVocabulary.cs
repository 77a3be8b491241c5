using System.Collections.Frozen;

namespace Kuajing.Tracking.Events;

/// <summary>
/// GS1 Core Business Vocabulary 2.0 (ratified June 2022) terms and their mapping to <see cref="TrackingMilestone"/>.
/// The mapping table is documented in <c>docs/tracking-events.md</c> ("CBV → milestone").
/// </summary>
public static class CbvVocabulary
{
    // CBV 2.0 §7.1 (business steps) read in a cross-border parcel context: EPCIS has no "delivered" or "customs" step, so
    // receiving maps to Arrived and only a returned disposition marks a return; see docs/tracking-events.md for why.
    private static readonly FrozenDictionary<string, TrackingMilestone> BizStepMilestones = new Dictionary<string, TrackingMilestone>(StringComparer.Ordinal)
    {
        ["accepting"] = TrackingMilestone.PickedUp,
        ["shipping"] = TrackingMilestone.Departed,
        ["departing"] = TrackingMilestone.Departed,
        ["arriving"] = TrackingMilestone.Arrived,
        ["receiving"] = TrackingMilestone.Arrived,
        ["returning"] = TrackingMilestone.Returned,
        ["commissioning"] = TrackingMilestone.Info,
        ["packing"] = TrackingMilestone.Info,
        ["unpacking"] = TrackingMilestone.Info,
        ["loading"] = TrackingMilestone.Info,
        ["unloading"] = TrackingMilestone.Info,
        ["staging_outbound"] = TrackingMilestone.Info,
        ["storing"] = TrackingMilestone.Info,
        ["picking"] = TrackingMilestone.Info,
        ["inspecting"] = TrackingMilestone.Info,
        ["holding"] = TrackingMilestone.Info,
        ["void_shipping"] = TrackingMilestone.Info,
        ["transforming"] = TrackingMilestone.Info,
        ["sensor_reporting"] = TrackingMilestone.Info,
        ["creating_class_instance"] = TrackingMilestone.Info,
        ["encoding"] = TrackingMilestone.Info,
        ["decommissioning"] = TrackingMilestone.Info,
        ["destroying"] = TrackingMilestone.Info,
        ["retail_selling"] = TrackingMilestone.Info,
        ["other"] = TrackingMilestone.Info,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // CBV 2.0 §7.2 dispositions that decide the milestone whatever the step (they describe the parcel's state after the event).
    private static readonly FrozenDictionary<string, TrackingMilestone> DispositionMilestones = new Dictionary<string, TrackingMilestone>(StringComparer.Ordinal)
    {
        ["returned"] = TrackingMilestone.Returned,
        ["in_transit"] = TrackingMilestone.Departed,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Prefixes =
    [
        "urn:epcglobal:cbv:bizstep:",
        "urn:epcglobal:cbv:disp:",
        "urn:epcglobal:cbv:btt:",
        "urn:epcglobal:cbv:sdt:",
        "urn:epcglobal:cbv:er:",
        "https://ref.gs1.org/cbv/BizStep-",
        "https://ref.gs1.org/cbv/Disp-",
        "https://ref.gs1.org/cbv/BTT-",
        "https://ref.gs1.org/cbv/SDT-",
        "https://ref.gs1.org/cbv/ER-",
        "cbv:BizStep-",
        "cbv:Disp-",
        "cbv:BTT-",
        "cbv:SDT-",
        "cbv:ER-",
    ];

    /// <summary>
    /// Reduces a CBV vocabulary value in any of its CBV 2.0 forms (URN <c>urn:epcglobal:cbv:bizstep:shipping</c>, Web URI
    /// <c>https://ref.gs1.org/cbv/BizStep-shipping</c>, CURIE <c>cbv:BizStep-shipping</c> or bare <c>shipping</c>) to the bare term.
    /// Values of other vocabularies (user-defined URIs) are returned trimmed and unchanged.
    /// </summary>
    /// <param name="value">The value as written; may be <see langword="null"/>.</param>
    /// <returns>The bare CBV term, the trimmed value for non-CBV values, or <see langword="null"/> for null/blank input.</returns>
    public static string? ShortName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim();
        foreach (var prefix in Prefixes)
        {
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return v[prefix.Length..];
            }
        }

        return v;
    }

    /// <summary>
    /// The milestone an EPCIS event with this business step and disposition stands for. The disposition wins when it is
    /// <c>returned</c> (the parcel is going back) ; otherwise the business step decides, and <c>in_transit</c> with an
    /// unmapped step means Departed.
    /// </summary>
    /// <param name="bizStep">The bizStep in any CBV form; may be <see langword="null"/>.</param>
    /// <param name="disposition">The disposition in any CBV form; may be <see langword="null"/>.</param>
    /// <returns>The milestone; <see cref="TrackingMilestone.Other"/> when neither is in the table.</returns>
    public static TrackingMilestone Milestone(string? bizStep, string? disposition)
    {
        var step = ShortName(bizStep);
        var disp = ShortName(disposition);
        if (disp is "returned")
        {
            return TrackingMilestone.Returned;
        }

        if (step is not null && BizStepMilestones.TryGetValue(step, out var byStep))
        {
            return byStep;
        }

        return disp is not null && DispositionMilestones.TryGetValue(disp, out var byDisp) ? byDisp : TrackingMilestone.Other;
    }
}
