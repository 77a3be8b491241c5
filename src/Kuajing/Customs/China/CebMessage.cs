using System.Text;

namespace Kuajing.Customs.China;

/// <summary>The CEB message types Kuajing generates (regulatory-facts.md §3.3 catalogue; even numbers are receipts).</summary>
public static class CebMessageType
{
    /// <summary>CEB303: export order (orderType E, B or W).</summary>
    public const string Ceb303 = "CEB303";

    /// <summary>CEB311: import order (orderType I).</summary>
    public const string Ceb311 = "CEB311";

    /// <summary>CEB403: export receipt of payment (收款单, <c>Receipts</c>).</summary>
    public const string Ceb403 = "CEB403";

    /// <summary>CEB411: import payment voucher (支付单).</summary>
    public const string Ceb411 = "CEB411";

    /// <summary>CEB505: export logistics waybill.</summary>
    public const string Ceb505 = "CEB505";

    /// <summary>CEB511: import logistics waybill.</summary>
    public const string Ceb511 = "CEB511";

    /// <summary>CEB603: export inventory / declaration list (清单).</summary>
    public const string Ceb603 = "CEB603";

    /// <summary>CEB621: import inventory / declaration list (清单).</summary>
    public const string Ceb621 = "CEB621";

    /// <summary>CEB701: summary application (汇总申请单) for 9610 汇总申报.</summary>
    public const string Ceb701 = "CEB701";

    /// <summary>Every type Kuajing generates.</summary>
    public static IReadOnlyList<string> All { get; } = [Ceb303, Ceb311, Ceb403, Ceb411, Ceb505, Ceb511, Ceb603, Ceb621, Ceb701];

    /// <summary>True for a type Kuajing generates.</summary>
    /// <param name="type">The type, e.g. <c>CEB303</c>.</param>
    /// <returns>True when known.</returns>
    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>True for the list declarations (CEB603, CEB621), which the three-order check gates.</summary>
    /// <param name="type">The type.</param>
    /// <returns>True for a list declaration.</returns>
    public static bool IsListDeclaration(string type) => type is Ceb603 or Ceb621;
}

/// <summary>One generated CEB message.</summary>
/// <param name="Type">Message type, e.g. <c>CEB303</c>.</param>
/// <param name="MessageGuid">The message guid (C36, upper case).</param>
/// <param name="FileName">File name in the pattern seen in client code, <c>CEB_{type}_{copCode}_EPORT_{yyyyMMddHHmmssfff}{seq}.xml</c> (U, regulatory-facts.md §3.3).</param>
/// <param name="Xml">The message, UTF-8 without byte order mark.</param>
public sealed record CebMessage(string Type, string MessageGuid, string FileName, byte[] Xml)
{
    /// <summary>The message as text.</summary>
    public string Text => Encoding.UTF8.GetString(Xml);
}
