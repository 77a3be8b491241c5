using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Kuajing.Tracking.Events;

/// <summary>
/// Kuajing's own canonical content hash of an EPCIS event, used to de-duplicate events that carry no <c>eventID</c>.
/// Written <c>kj:epcis-sha256:&lt;64 lowercase hex&gt;</c>. It is NOT the GS1 "EPCIS Event Hash ID"
/// (<c>ni:///sha-256;…?ver=CBV2.0</c>, CBV 2.0 §8.9): it follows that algorithm's shape (a pre-hash string of the event's
/// fields in a fixed order, lists sorted, times in UTC with milliseconds, CBV values in one form) but does not convert EPC
/// URNs to GS1 Digital Link URIs and uses its own field separators, so the values differ from GS1's. The rules are in
/// <c>docs/tracking-events.md</c> ("Kuajing EPCIS content hash").
/// </summary>
/// <remarks>
/// Left out of the hash, as in the GS1 algorithm: <c>eventID</c>, <c>recordTime</c>, <c>errorDeclaration</c>. Also left out:
/// <c>eventTimeZoneOffset</c> (the same instant written in another zone is the same event — GS1's own test files
/// <c>event_with_identical_hash_id_1/2.xml</c> expect this). Thread-safe.
/// </remarks>
public static class EpcisEventHash
{
    /// <summary>The prefix of every hash this class produces.</summary>
    public const string Prefix = "kj:epcis-sha256:";

    /// <summary>Computes the hash of an EPCIS event.</summary>
    /// <param name="trackingEvent">An event read from an EPCIS document.</param>
    /// <returns><c>kj:epcis-sha256:</c> followed by 64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="trackingEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="trackingEvent"/> has no <see cref="TrackingEvent.Epcis"/> details (it is not an EPCIS event).</exception>
    public static string Compute(TrackingEvent trackingEvent)
    {
        ArgumentNullException.ThrowIfNull(trackingEvent);
        if (trackingEvent.Epcis is null)
        {
            throw new ArgumentException($"event {trackingEvent.DeduplicationKey} is not an EPCIS event (no Epcis details)", nameof(trackingEvent));
        }

        return Compute(trackingEvent.Type, trackingEvent.EventTime, trackingEvent.Epcis);
    }

    /// <summary>The canonical pre-hash text the hash is taken over (one <c>field=value</c> line per value), for audits and tests.</summary>
    /// <param name="type">The EPCIS event type.</param>
    /// <param name="eventTime">The event time.</param>
    /// <param name="details">The EPCIS fields.</param>
    /// <returns>The pre-hash text, UTF-8 safe, lines separated by <c>\n</c>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="details"/> is null.</exception>
    public static string PreHashText(TrackingEventType type, Instant eventTime, EpcisEventDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var sb = new StringBuilder(512);
        void Line(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                sb.Append(name).Append('=').Append(value.Trim()).Append('\n');
            }
        }

        void Sorted(string name, IEnumerable<string> values)
        {
            foreach (var v in values.Select(v => v.Trim()).Order(StringComparer.Ordinal))
            {
                Line(name, v);
            }
        }

        Line("eventType", type.ToString());
        Line("eventTime", IsoTime.Canonical(eventTime));
        Sorted("epcList", details.EpcList);
        Line("parentID", details.ParentId);
        Sorted("inputEPCList", details.InputEpcList);
        Sorted("childEPCs", details.ChildEpcs);
        Sorted("quantityList", details.QuantityList.Select(Quantity));
        Sorted("childQuantityList", details.ChildQuantityList.Select(Quantity));
        Sorted("inputQuantityList", details.InputQuantityList.Select(Quantity));
        Sorted("outputEPCList", details.OutputEpcList);
        Sorted("outputQuantityList", details.OutputQuantityList.Select(Quantity));
        Line("action", details.Action?.ToString().ToUpperInvariant());
        Line("transformationID", details.TransformationId);
        Line("bizStep", CbvVocabulary.ShortName(details.BizStep));
        Line("disposition", CbvVocabulary.ShortName(details.Disposition));
        Sorted("persistentDisposition.set", details.PersistentDispositionSet.Select(v => CbvVocabulary.ShortName(v) ?? ""));
        Sorted("persistentDisposition.unset", details.PersistentDispositionUnset.Select(v => CbvVocabulary.ShortName(v) ?? ""));
        Line("readPoint", details.ReadPoint);
        Line("bizLocation", details.BizLocation);
        Sorted("bizTransactionList", details.BizTransactions.Select(Typed));
        Sorted("sourceList", details.Sources.Select(Typed));
        Sorted("destinationList", details.Destinations.Select(Typed));
        Sorted("extension", details.ExtensionLeaves);
        return sb.ToString();
    }

    /// <summary>Computes the hash from the parts of an EPCIS event.</summary>
    /// <param name="type">The EPCIS event type.</param>
    /// <param name="eventTime">The event time.</param>
    /// <param name="details">The EPCIS fields.</param>
    /// <returns><c>kj:epcis-sha256:</c> followed by 64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="details"/> is null.</exception>
    public static string Compute(TrackingEventType type, Instant eventTime, EpcisEventDetails details)
    {
        var text = PreHashText(type, eventTime, details);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A SHA-256 content hash over arbitrary identifying fields, for DCSA and carrier events (<c>kj:sha256:</c>).</summary>
    internal static string ComputeFields(params string?[] fields)
    {
        var text = string.Join('\u001f', fields.Select(f => f?.Trim() ?? ""));
        return "kj:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Quantity(QuantityElement q) =>
        q.EpcClass.Trim() + "|" + (q.Quantity is { } d ? NormaliseNumber(d) : "") + "|" + q.Uom;

    private static string Typed(TypedIdentifier t) => (CbvVocabulary.ShortName(t.Type) ?? "") + "|" + t.Value.Trim();

    internal static string NormaliseNumber(decimal d)
    {
        var s = d.ToString(CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) ? s.TrimEnd('0').TrimEnd('.') : s;
    }

    /// <summary>Normalises a leaf value of an extension: numbers lose trailing zeros (<c>20.0</c> → <c>20</c>), text is trimmed.</summary>
    internal static string NormaliseLeaf(string? value)
    {
        var v = value?.Trim() ?? "";
        return v.Length > 0 && (char.IsDigit(v[0]) || v[0] is '-' or '+' or '.')
            && decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? NormaliseNumber(d)
            : v;
    }
}
