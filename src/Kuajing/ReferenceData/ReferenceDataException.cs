namespace Kuajing.ReferenceData;

/// <summary>
/// A bundled or user-supplied data file could not be read: names the file, the 1-based line, the field
/// (column) and what was expected. Not transient: the file must be corrected.
/// </summary>
public sealed class ReferenceDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">Path of the file as opened.</param>
    /// <param name="line">1-based line number (the header is line 1), or 0 when the whole file is at fault.</param>
    /// <param name="field">Column or field name, or <c>(file)</c>/<c>(header)</c>.</param>
    /// <param name="reason">What was found and what was expected.</param>
    /// <param name="inner">Underlying exception, if any.</param>
    public ReferenceDataException(string file, int line, string field, string reason, Exception? inner = null)
        : base($"{file}:{line}: field '{field}': {reason}", inner)
    {
        File = file;
        Line = line;
        Field = field;
        Reason = reason;
    }

    /// <summary>Path of the file at fault.</summary>
    public string File { get; }

    /// <summary>1-based line number, 0 for the whole file.</summary>
    public int Line { get; }

    /// <summary>Column or field at fault.</summary>
    public string Field { get; }

    /// <summary>What was found and what was expected.</summary>
    public string Reason { get; }
}
