namespace Kuajing.Lanes;

/// <summary>
/// Thrown when the lane catalogue files (<c>data/lanes/nodes.csv</c>, <c>lanes.csv</c>,
/// <c>lane-weight-breaks.csv</c>) contain invalid rows. Lists every problem found, each as
/// <c>file:line: field 'name': what is wrong and what was expected</c>.
/// </summary>
public sealed class LaneCatalogueException : Exception
{
    /// <summary>Creates the exception with no listed errors.</summary>
    public LaneCatalogueException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The message.</param>
    public LaneCatalogueException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LaneCatalogueException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Creates the exception listing every error found.</summary>
    /// <param name="errors">One line per error, each naming file, line and field.</param>
    public LaneCatalogueException(IReadOnlyList<string> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Every error found, one per entry, in file order.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Format(IReadOnlyList<string> errors) =>
        errors is null || errors.Count == 0
            ? "lane catalogue is invalid"
            : $"lane catalogue has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
