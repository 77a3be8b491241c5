using System.Globalization;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using Kuajing.Provenance;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Customs.China;

/// <summary>A declaration's status as customs receipts (回执) report it (<c>data/customs/china/receipt-statuses.csv</c>).</summary>
public enum DeclarationStatus
{
    /// <summary>A <c>returnStatus</c> code not in the table: reported as unknown, never guessed.</summary>
    Unknown = 0,

    /// <summary>1: saved at China E-Port.</summary>
    Stored,

    /// <summary>2: declared; on its way to customs.</summary>
    Declaring,

    /// <summary>3: sent to customs.</summary>
    SentToCustoms,

    /// <summary>4: sending to customs failed.</summary>
    SendFailed,

    /// <summary>A negative code or a CEB900 receipt: the message was refused (format or business check).</summary>
    Refused,

    /// <summary>100: customs returned the declaration.</summary>
    Rejected,

    /// <summary>120: accepted into the customs system.</summary>
    Accepted,

    /// <summary>300: officer review.</summary>
    ManualReview,

    /// <summary>399: examination concluded.</summary>
    Concluded,

    /// <summary>500: selected for physical inspection.</summary>
    Inspection,

    /// <summary>501–599: held.</summary>
    Held,

    /// <summary>700: goods to be shipped back.</summary>
    ReturnedShipment,

    /// <summary>800: released.</summary>
    Released,

    /// <summary>899: procedure closed.</summary>
    Closed,
}

/// <summary>One row of the receipt status table.</summary>
/// <param name="Code">The <c>returnStatus</c> code.</param>
/// <param name="Status">Kuajing's status.</param>
/// <param name="NameZh">The code's Chinese name.</param>
/// <param name="Final">True when no further receipt is expected.</param>
/// <param name="Source">Citation and status (most rows U).</param>
public sealed record ReceiptStatusRow(int Code, DeclarationStatus Status, string NameZh, bool Final, DataSource Source);

/// <summary>The <c>returnStatus</c> codes of CEB receipts, from <c>data/customs/china/receipt-statuses.csv</c>. Immutable; thread-safe.</summary>
public sealed class ReceiptStatusTable
{
    /// <summary>Path of the table under the data folder.</summary>
    public const string BundledPath = "customs/china/receipt-statuses.csv";

    private readonly Dictionary<int, ReceiptStatusRow> _rows;

    private ReceiptStatusTable(Dictionary<int, ReceiptStatusRow> rows) => _rows = rows;

    /// <summary>Loads the bundled table.</summary>
    /// <param name="dataDirectory">The data folder.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidDataException">When a row is malformed (names file, line, field).</exception>
    public static ReceiptStatusTable LoadBundled(string dataDirectory) => Load(Path.Combine(dataDirectory, BundledPath));

    /// <summary>Loads a table with header <c>code,status,name_zh,meaning,final,status_letter,source</c>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidDataException">When a row is malformed or a code repeats (names file, line, field).</exception>
    /// <exception cref="FileNotFoundException">When the file does not exist.</exception>
    public static ReceiptStatusTable Load(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var rows = new Dictionary<int, ReceiptStatusRow>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            string Field(string name) => csv.GetField(name) ?? "";
            InvalidDataException Bad(string field, string expected) => new($"{path}:{line}: field '{field}': '{Field(field)}' — expected {expected}");
            if (!int.TryParse(Field("code"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
            {
                throw Bad("code", "an integer returnStatus code");
            }

            if (!Enum.TryParse<DeclarationStatus>(Field("status"), ignoreCase: false, out var status) || status == DeclarationStatus.Unknown)
            {
                throw Bad("status", "a DeclarationStatus name (Stored, Declaring, …, Released, Closed)");
            }

            if (!bool.TryParse(Field("final"), out var final))
            {
                throw Bad("final", "true or false");
            }

            SourceStatus letter;
            try
            {
                letter = DataSource.ParseStatus(Field("status_letter"));
            }
            catch (FormatException)
            {
                throw Bad("status_letter", "C, D, U or E");
            }

            if (Field("source").Length == 0)
            {
                throw Bad("source", "a citation");
            }

            if (!rows.TryAdd(code, new ReceiptStatusRow(code, status, Field("name_zh"), final, new DataSource(Field("source"), null, letter))))
            {
                throw Bad("code", "each code once");
            }
        }

        return new ReceiptStatusTable(rows);
    }

    /// <summary>Looks a code up.</summary>
    /// <param name="code">The <c>returnStatus</c> code.</param>
    /// <returns>The row, or <see langword="null"/> when the code is not in the table.</returns>
    public ReceiptStatusRow? Find(int code) => _rows.GetValueOrDefault(code);
}

/// <summary>A parsed CEB receipt (回执): the message it answers and the status customs returned.</summary>
/// <param name="MessageType">The receipt's type, e.g. <c>CEB604</c>, <c>CEB312</c>, <c>CEB900</c>.</param>
/// <param name="AnswersType">The declaration message it answers (type − 1, e.g. <c>CEB603</c>); <c>CEB900</c> answers any.</param>
/// <param name="Direction">Export for CEB3xx–7xx export numbers (303–792), import otherwise (by the §3.3 catalogue).</param>
/// <param name="ReceiptGuid">The receipt's business guid (the body's <c>guid</c>, else the root attribute).</param>
/// <param name="OrderNo">Order number, when the receipt has one.</param>
/// <param name="LogisticsNo">Logistics number, when the receipt has one.</param>
/// <param name="CopNo">Enterprise number of the list, when present.</param>
/// <param name="InventoryNo">Customs list number (<c>invtNo</c>), when present.</param>
/// <param name="ReturnStatus">The <c>returnStatus</c> code as written.</param>
/// <param name="Status">Kuajing's status for the code.</param>
/// <param name="StatusRow">The table row, or <see langword="null"/> for an unknown code.</param>
/// <param name="ReturnTime">When customs returned it (<c>returnTime</c>, China time, 14 or 17 digits).</param>
/// <param name="ReturnInfo">Customs' message (<c>returnInfo</c>).</param>
/// <param name="Source">File or label it was read from.</param>
public sealed record CebReceipt(
    string MessageType,
    string AnswersType,
    CustomsDirection Direction,
    string ReceiptGuid,
    string? OrderNo,
    string? LogisticsNo,
    string? CopNo,
    string? InventoryNo,
    string ReturnStatus,
    DeclarationStatus Status,
    ReceiptStatusRow? StatusRow,
    Instant ReturnTime,
    string ReturnInfo,
    string Source);

/// <summary>A receipt that cannot be read: names the source, the line and what was expected. Stable code <c>ceb-receipt-invalid</c>.</summary>
public sealed class CebReceiptFormatException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, with source and line.</param>
    public CebReceiptFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The XML error.</param>
    public CebReceiptFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the error.</summary>
    public CebReceiptFormatException()
    {
    }

    /// <summary>The stable error code.</summary>
    public static string Code => "ceb-receipt-invalid";
}

/// <summary>
/// Reads CEB receipts: a root <c>CEBnnnMessage</c> (nnn even, or 900) in <c>http://www.chinaport.gov.cn/ceb</c> whose body
/// (e.g. <c>OrderReturn</c>, <c>InventoryReturn</c>) carries <c>returnStatus</c>, <c>returnTime</c> and <c>returnInfo</c>, as in the
/// CEB312 sample of jasmine-100/dandingtest DeclareBack.java. Prefix or default namespace both work. Thread-safe.
/// </summary>
public sealed class CebReceiptReader
{
    private static readonly LocalDateTimePattern Time14 = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmss");
    private static readonly LocalDateTimePattern Time17 = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmssfff");
    private readonly ReceiptStatusTable _statuses;

    /// <summary>Creates a reader.</summary>
    /// <param name="statuses">The status table.</param>
    public CebReceiptReader(ReceiptStatusTable statuses) => _statuses = statuses ?? throw new ArgumentNullException(nameof(statuses));

    /// <summary>Parses a receipt.</summary>
    /// <param name="xml">The receipt (any encoding the XML declaration names).</param>
    /// <param name="source">File name or label, for messages.</param>
    /// <returns>The receipt.</returns>
    /// <exception cref="CebReceiptFormatException">When it is not well-formed, not a CEB receipt, or lacks returnStatus / returnTime.</exception>
    public CebReceipt Parse(Stream xml, string source)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var doc = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc.Load(reader);
        }
        catch (XmlException e)
        {
            throw new CebReceiptFormatException($"{source}: line {e.LineNumber}: not well-formed XML: {e.Message}", e);
        }

        var root = doc.DocumentElement!;
        var name = root.LocalName;
        if (root.NamespaceURI != CebMessageWriter.Namespace || name.Length != 13 || !name.StartsWith("CEB", StringComparison.Ordinal) || !name.EndsWith("Message", StringComparison.Ordinal)
            || !int.TryParse(name.AsSpan(3, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new CebReceiptFormatException($"{source}: root element {{{root.NamespaceURI}}}{name}: expected CEBnnnMessage in {CebMessageWriter.Namespace}");
        }

        if (number % 2 != 0 && number is not (792 or 816 or 818))
        {
            throw new CebReceiptFormatException($"{source}: {name} is a declaration (odd number), not a receipt (回执 have even numbers, regulatory-facts.md §3.3)");
        }

        var body = root.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName != "BaseTransfer")
            ?? throw new CebReceiptFormatException($"{source}: {name} has no body element");
        string? Field(string local) => body.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == local)?.InnerText.Trim() is { Length: > 0 } v ? v : null;

        var status = Field("returnStatus") ?? throw new CebReceiptFormatException($"{source}: {name}/{body.LocalName}: returnStatus is missing");
        var timeText = Field("returnTime") ?? throw new CebReceiptFormatException($"{source}: {name}/{body.LocalName}: returnTime is missing");
        var parsed = timeText.Length == 17 ? Time17.Parse(timeText) : Time14.Parse(timeText);
        if (!parsed.Success)
        {
            throw new CebReceiptFormatException($"{source}: {name}/{body.LocalName}: returnTime '{timeText}': expected yyyyMMddHHmmss or yyyyMMddHHmmssfff (China time)");
        }

        ReceiptStatusRow? row = null;
        DeclarationStatus declared;
        if (!int.TryParse(status, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            throw new CebReceiptFormatException($"{source}: {name}/{body.LocalName}: returnStatus '{status}': expected an integer code");
        }

        if (number == 900 || code < 0)
        {
            declared = DeclarationStatus.Refused;
        }
        else
        {
            row = _statuses.Find(code);
            declared = row?.Status ?? DeclarationStatus.Unknown;
        }

        var type = $"CEB{number:000}";
        var answers = number == 900 ? "any" : $"CEB{number - 1:000}";
        var direction = number is >= 303 and < 311 or >= 403 and < 411 or >= 505 and < 511 or >= 603 and < 621 or 701 or 702 or 792 ? CustomsDirection.Export : CustomsDirection.Import;
        return new CebReceipt(
            type,
            answers,
            direction,
            Field("guid") ?? root.GetAttribute("guid"),
            Field("orderNo"),
            Field("logisticsNo"),
            Field("copNo"),
            Field("invtNo"),
            status,
            declared,
            row,
            parsed.Value.InZoneLeniently(ChinaTime.Zone).ToInstant(),
            Field("returnInfo") ?? "",
            source);
    }
}
