namespace Kuajing.Emissions;

/// <summary>
/// Thrown when <c>data/emissions/factors.csv</c> or <c>distance-adjustments.csv</c> has invalid rows, or when no
/// factor is in force for a vehicle on a date. Lists every error with file, line and field.
/// </summary>
public sealed class EmissionFactorsException : Exception
{
    /// <summary>Creates the exception with no listed errors.</summary>
    public EmissionFactorsException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The message.</param>
    public EmissionFactorsException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EmissionFactorsException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Creates the exception listing every error found.</summary>
    /// <param name="errors">One entry per error, each naming file, line and field.</param>
    public EmissionFactorsException(IReadOnlyList<string> errors)
        : base(errors is null || errors.Count == 0 ? "emission factors are invalid" : string.Join(Environment.NewLine, errors)) => Errors = errors ?? [];

    /// <summary>Every error found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
