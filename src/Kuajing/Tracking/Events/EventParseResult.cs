namespace Kuajing.Tracking.Events;

/// <summary>
/// What reading one document produced: the events that parsed and, per bad event, what was wrong. A bad event never
/// stops the good ones being returned; the capture layer decides whether to store a batch with errors.
/// </summary>
/// <param name="Events">The events that parsed and passed validation, in document order.</param>
/// <param name="Errors">One entry per problem found; an event may have several. Empty when the document is clean.</param>
public sealed record EventParseResult(IReadOnlyList<TrackingEvent> Events, IReadOnlyList<EventParseError> Errors)
{
    /// <summary>True when no error was found.</summary>
    public bool IsClean => Errors.Count == 0;

    /// <summary>A result for a document that could not be read at all (not JSON / not XML / wrong root).</summary>
    /// <param name="document">The document path or label.</param>
    /// <param name="field">The field or pointer the problem is at (<c>$</c> for the root).</param>
    /// <param name="reason">What was expected.</param>
    /// <returns>A result with no events and one document-level error.</returns>
    public static EventParseResult DocumentError(string document, string field, string reason) =>
        new([], [new EventParseError(document, null, field, reason)]);
}

/// <summary>One problem found while reading a tracking document.</summary>
/// <param name="Document">The document path or label.</param>
/// <param name="EventIndex">The zero-based index of the event in the document's event list; <see langword="null"/> for document-level problems.</param>
/// <param name="Field">The field path inside the event (e.g. <c>eventDateTime</c>, <c>transportCall.UNLocationCode</c>), or a document path for document-level problems.</param>
/// <param name="Reason">What is wrong and what was expected, quoting the offending value.</param>
public sealed record EventParseError(string Document, int? EventIndex, string Field, string Reason)
{
    /// <summary>The error as one line: <c>document: events[3].eventDateTime: reason</c>.</summary>
    /// <returns>The formatted message.</returns>
    public override string ToString() =>
        EventIndex is { } i ? $"{Document}: events[{i}].{Field}: {Reason}" : $"{Document}: {Field}: {Reason}";
}
