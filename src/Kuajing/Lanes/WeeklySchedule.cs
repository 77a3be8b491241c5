using NodaTime;

namespace Kuajing.Lanes;

/// <summary>
/// When a lane departs: on the given ISO weekdays at <see cref="DepartureTime"/> local time of the
/// origin node, with goods due <see cref="CutOffHours"/> before departure.
/// </summary>
/// <param name="Days">Weekdays with a departure; empty means every day.</param>
/// <param name="DepartureTime">Local departure time at the origin node.</param>
/// <param name="CutOffHours">Hours before departure by which goods must be handed over, 0–168.</param>
public sealed record WeeklySchedule(IReadOnlyList<IsoDayOfWeek> Days, LocalTime DepartureTime, int CutOffHours)
{
    /// <summary>A daily departure at 18:00 local with a 4-hour cut-off, used for trucking and parcel pick-ups.</summary>
    public static WeeklySchedule Daily => new([], new LocalTime(18, 0), 4);

    /// <summary>True when the lane departs on <paramref name="day"/>.</summary>
    /// <param name="day">ISO weekday.</param>
    /// <returns>Whether there is a departure that day.</returns>
    public bool DepartsOn(IsoDayOfWeek day) => Days.Count == 0 || Days.Contains(day);

    /// <summary>
    /// The first departure whose cut-off is at or after <paramref name="readyAt"/>.
    /// </summary>
    /// <param name="readyAt">When the goods are ready at the origin node.</param>
    /// <param name="zone">The origin node's time zone.</param>
    /// <returns>The departure instant.</returns>
    /// <exception cref="InvalidOperationException">When the schedule lists no weekday that can ever depart (cannot happen for a non-null <see cref="Days"/> list).</exception>
    public Instant NextDeparture(Instant readyAt, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var latestCutOff = readyAt + Duration.FromHours(CutOffHours);
        var local = latestCutOff.InZone(zone).LocalDateTime;
        var date = local.Date;
        for (var i = 0; i < 15; i++)
        {
            var candidate = date.PlusDays(i);
            if (!DepartsOn(candidate.DayOfWeek))
            {
                continue;
            }

            var departure = zone.AtLeniently(candidate + DepartureTime).ToInstant();
            if (departure >= latestCutOff)
            {
                return departure;
            }
        }

        throw new InvalidOperationException("weekly schedule has no departure day");
    }
}
