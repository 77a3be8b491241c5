using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kuajing.Provenance;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Customs.China;

/// <summary>China customs supervision mode codes (监管方式代码) for cross-border e-commerce (regulatory-facts.md §3.1).</summary>
public enum CrossBorderMode
{
    /// <summary>9610 跨境贸易电子商务: B2C retail; export by 清单核放、汇总申报, import as 直购进口 (GACC 2014 No. 12).</summary>
    Ecommerce9610,

    /// <summary>9710 跨境电子商务企业对企业直接出口: B2B direct export (GACC 2020 No. 75).</summary>
    B2BDirectExport9710,

    /// <summary>9810 跨境电子商务出口海外仓: export to an overseas warehouse, with the 海外仓业务模式备案 filing (GACC 2020 No. 75).</summary>
    OverseasWarehouse9810,

    /// <summary>1210 保税跨境贸易电子商务: through a special customs supervision zone or BLC(B) (GACC 2014 No. 57).</summary>
    Bonded1210,

    /// <summary>1239 保税跨境贸易电子商务A: bonded import outside the 2016 pilot cities (GACC 2016 No. 75).</summary>
    BondedA1239,
}

/// <summary>Whether goods leave or enter China.</summary>
public enum CustomsDirection
{
    /// <summary>Out of China (CEB3xx/4xx/5xx/6xx/7xx export messages).</summary>
    Export,

    /// <summary>Into China (CEB311/411/511/621 import messages).</summary>
    Import,
}

/// <summary>Filings a mode requires beside its CEB messages.</summary>
[Flags]
public enum ModeFilings
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>汇总申报: a periodic summary declaration over released lists (9610 export; CEB701).</summary>
    SummaryDeclaration = 1,

    /// <summary>海外仓业务模式备案: the overseas-warehouse business filing with customs (9810).</summary>
    OverseasWarehouseFiling = 2,

    /// <summary>Bonded stock movements: goods stored into and released from a bonded warehouse's account book (1210, 1239).</summary>
    BondedStock = 4,
}

/// <summary>What one supervision mode requires in one direction: a row of <c>data/customs/china/supervision-modes.csv</c>.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="Code">The four-digit code written in <c>tradeMode</c>, e.g. <c>9610</c>.</param>
/// <param name="Direction">Export or import.</param>
/// <param name="NameZh">Official name (abbreviation in brackets where the source gives one).</param>
/// <param name="NameEn">English gloss.</param>
/// <param name="Messages">CEB message types Kuajing generates for the mode, e.g. <c>CEB303</c>.</param>
/// <param name="Filings">Other filings the mode requires.</param>
/// <param name="OrderType">The order message's <c>orderType</c>: E, B or W for export (CEB303), I for import (CEB311).</param>
/// <param name="Validity">Dates the mode applies (from inclusive, until exclusive).</param>
/// <param name="Source">Citation and status; U where the effective day is unconfirmed.</param>
public sealed record SupervisionMode(
    CrossBorderMode Mode,
    string Code,
    CustomsDirection Direction,
    string NameZh,
    string NameEn,
    IReadOnlyList<string> Messages,
    ModeFilings Filings,
    char OrderType,
    ValidityPeriod Validity,
    DataSource Source);

/// <summary>The supervision modes loaded from <c>data/customs/china/supervision-modes.csv</c>. Immutable; thread-safe.</summary>
public sealed class SupervisionModeTable
{
    /// <summary>Path of the table under the data folder.</summary>
    public const string BundledPath = "customs/china/supervision-modes.csv";

    private readonly Dictionary<(CrossBorderMode, CustomsDirection), SupervisionMode> _rows;

    private SupervisionModeTable(Dictionary<(CrossBorderMode, CustomsDirection), SupervisionMode> rows) => _rows = rows;

    /// <summary>Every row.</summary>
    public IEnumerable<SupervisionMode> Rows => _rows.Values;

    /// <summary>Loads the bundled table from the repository's <c>data/</c> folder.</summary>
    /// <param name="dataDirectory">The data folder (<see cref="ReferenceData.DataDirectory.Find"/>).</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidDataException">When a row is malformed (message names file, line and field).</exception>
    public static SupervisionModeTable LoadBundled(string dataDirectory) => Load(Path.Combine(dataDirectory, BundledPath));

    /// <summary>Loads a table in the format of <see cref="BundledPath"/>.</summary>
    /// <param name="path">CSV file with header <c>code,direction,name_zh,name_en,messages,filings,order_type,valid_from,valid_until,status,source,note</c>.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidDataException">When a row is malformed or a (code, direction) repeats; the message names file, line and field.</exception>
    /// <exception cref="FileNotFoundException">When the file does not exist.</exception>
    public static SupervisionModeTable Load(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var rows = new Dictionary<(CrossBorderMode, CustomsDirection), SupervisionMode>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            string Field(string name) => csv.GetField(name) ?? "";
            InvalidDataException Bad(string field, string expected) => new($"{path}:{line}: field '{field}': '{Field(field)}' — expected {expected}");

            var mode = Field("code") switch
            {
                "9610" => CrossBorderMode.Ecommerce9610,
                "9710" => CrossBorderMode.B2BDirectExport9710,
                "9810" => CrossBorderMode.OverseasWarehouse9810,
                "1210" => CrossBorderMode.Bonded1210,
                "1239" => CrossBorderMode.BondedA1239,
                _ => throw Bad("code", "one of 9610, 9710, 9810, 1210, 1239"),
            };
            var direction = Field("direction") switch
            {
                "export" => CustomsDirection.Export,
                "import" => CustomsDirection.Import,
                _ => throw Bad("direction", "export or import"),
            };
            var messages = Field("messages").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (messages.Length == 0 || messages.Any(m => !CebMessageType.IsKnown(m)))
            {
                throw Bad("messages", "';'-separated message types Kuajing generates (" + string.Join(", ", CebMessageType.All) + ")");
            }

            var filings = ModeFilings.None;
            foreach (var f in Field("filings").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                filings |= f switch
                {
                    "summary-declaration" => ModeFilings.SummaryDeclaration,
                    "overseas-warehouse-filing" => ModeFilings.OverseasWarehouseFiling,
                    "bonded-stock" => ModeFilings.BondedStock,
                    _ => throw Bad("filings", "summary-declaration, overseas-warehouse-filing or bonded-stock, ';'-separated"),
                };
            }

            var orderType = Field("order_type");
            if (orderType is not ("E" or "B" or "W" or "I"))
            {
                throw Bad("order_type", "E, B or W (CEB303) or I (CEB311)");
            }

            var from = LocalDatePattern.Iso.Parse(Field("valid_from"));
            if (!from.Success)
            {
                throw Bad("valid_from", "a date yyyy-MM-dd");
            }

            LocalDate? until = null;
            if (Field("valid_until").Length > 0)
            {
                var u = LocalDatePattern.Iso.Parse(Field("valid_until"));
                until = u.Success ? u.Value : throw Bad("valid_until", "a date yyyy-MM-dd or empty");
            }

            SourceStatus status;
            try
            {
                status = DataSource.ParseStatus(Field("status"));
            }
            catch (FormatException)
            {
                throw Bad("status", "C, D, U or E");
            }

            if (Field("source").Length == 0)
            {
                throw Bad("source", "a citation");
            }

            var row = new SupervisionMode(mode, Field("code"), direction, Field("name_zh"), Field("name_en"), messages, filings, orderType[0],
                new ValidityPeriod(from.Value, until), new DataSource(Field("source"), from.Value, status));
            if (!rows.TryAdd((mode, direction), row))
            {
                throw Bad("code", $"one row per (code, direction); {row.Code} {Field("direction")} repeats");
            }
        }

        return new SupervisionModeTable(rows);
    }

    /// <summary>The requirements of a mode in a direction.</summary>
    /// <param name="mode">The mode.</param>
    /// <param name="direction">Export or import.</param>
    /// <param name="mode2">The row when the mode is defined for that direction.</param>
    /// <returns>False when the mode has no such direction (9710 and 9810 are export only, 1239 import only).</returns>
    public bool TryGet(CrossBorderMode mode, CustomsDirection direction, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SupervisionMode? mode2) =>
        _rows.TryGetValue((mode, direction), out mode2);

    /// <summary>Parses a mode code as given on the command line.</summary>
    /// <param name="code">9610, 9710, 9810, 1210 or 1239.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>False for any other text.</returns>
    public static bool TryParseCode(string? code, out CrossBorderMode mode)
    {
        (var ok, mode) = code switch
        {
            "9610" => (true, CrossBorderMode.Ecommerce9610),
            "9710" => (true, CrossBorderMode.B2BDirectExport9710),
            "9810" => (true, CrossBorderMode.OverseasWarehouse9810),
            "1210" => (true, CrossBorderMode.Bonded1210),
            "1239" => (true, CrossBorderMode.BondedA1239),
            _ => (false, default(CrossBorderMode)),
        };
        return ok;
    }
}
