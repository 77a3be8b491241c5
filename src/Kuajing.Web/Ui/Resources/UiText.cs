namespace Kuajing.Web.Ui.Resources;

/// <summary>
/// Marker type of the UI's text: <c>UiText.resx</c> (English, the neutral resources) and <c>UiText.zh-CN.resx</c>
/// (Simplified Chinese). Pages read it through <c>IStringLocalizer&lt;UiText&gt;</c>. Currency symbols
/// (<c>Currency.XXX</c>) are the CLDR 46 symbols of each language (Unicode CLDR, en and zh locales).
/// </summary>
public sealed class UiText
{
    private UiText()
    {
    }
}
