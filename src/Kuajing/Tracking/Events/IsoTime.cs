using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Tracking.Events;

/// <summary>ISO 8601 / RFC 3339 date-time parsing shared by the readers: a date, <c>T</c>, a time and a mandatory offset or <c>Z</c>.</summary>
internal static class IsoTime
{
    private static readonly OffsetDateTimePattern WithSeconds = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");
    private static readonly OffsetDateTimePattern WithoutSeconds = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>");
    private static readonly OffsetPattern OffsetOnly = OffsetPattern.CreateWithInvariantCulture("+HH:mm");

    public static bool TryParse(string? text, out OffsetDateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var r = WithSeconds.Parse(t);
        if (!r.Success)
        {
            r = WithoutSeconds.Parse(t);
        }

        if (!r.Success)
        {
            return false;
        }

        value = r.Value;
        return true;
    }

    public static bool TryParseOffset(string? text, out Offset offset)
    {
        offset = Offset.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t is "Z" or "z")
        {
            return true;
        }

        var r = OffsetOnly.Parse(t);
        offset = r.Success ? r.Value : Offset.Zero;
        return r.Success;
    }

    /// <summary>UTC, millisecond precision, <c>Z</c> suffix: the canonical time form of the event hash.</summary>
    public static string Canonical(Instant instant) =>
        instant.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    public static string NotIso(string field, string? value) =>
        $"'{value}' is not an ISO 8601 date-time with an offset (expected e.g. 2021-01-09T14:12:56+01:00 or ...Z)";
}
