using Microsoft.Playwright;

namespace Kuajing.Web.Tests.Browser;

/// <summary>
/// The sign-in and sign-out pages in a real browser (issue #4 points 3 and 4): UI pages in the shared layout, every
/// text from UiText*.resx in English or 简体中文 as the header switch chooses, the same form and status codes as before.
/// </summary>
[Collection(BrowserFixtureGroup.Name)]
public sealed class LoginPageTests(PlannedServer server)
{
    [Fact]
    public async Task LoginPage_SwitchToSimplifiedChinese_ChineseLabelsThenSignInLandsOnDashboard()
    {
        var page = await server.NewPageAsync();
        var response = await page.GotoAsync("/login");

        Assert.Equal(200, response!.Status);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Email", await page.Locator("label[for=email]").InnerTextAsync());
        Assert.Equal("Password", await page.Locator("label[for=password]").InnerTextAsync());
        // The English page carries no Chinese label (the old page showed both languages at once).
        Assert.DoesNotContain("密码", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PlannedServer.ScreenshotAsync(page, "login-en");

        await page.ClickAsync("#lang-zh");
        await page.WaitForSelectorAsync("html[lang=zh-CN]");

        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        Assert.Equal("登录", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("邮箱", await page.Locator("label[for=email]").InnerTextAsync());
        Assert.Equal("密码", await page.Locator("label[for=password]").InnerTextAsync());
        Assert.Equal("登录", await page.Locator("form.login-form button[type=submit]").InnerTextAsync());
        Assert.DoesNotContain("Password", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.FillAsync("#email", PlannedServer.SellerEmail);
        await page.FillAsync("#password", PlannedServer.Password);
        await PlannedServer.ScreenshotAsync(page, "login-zh-CN");

        await page.ClickAsync("form.login-form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        // The dashboard, still in Chinese (the culture cookie outlives the sign-in).
        Assert.Equal("总览", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task LoginPage_WrongPasswordInChinese_401WithChineseErrorAndKeepsReturnUrl()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/login?returnUrl=%2Forders%2Fupload");
        await page.ClickAsync("#lang-zh");
        await page.WaitForSelectorAsync("html[lang=zh-CN]");
        // The switch came back to the same form with the same return URL.
        Assert.Equal("/orders/upload", await page.InputValueAsync("input[name=returnUrl]"));

        await page.FillAsync("#email", PlannedServer.SellerEmail);
        await page.FillAsync("#password", "not the password");
        var wrong = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("form.login-form button[type=submit]"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/login");
        await page.WaitForLoadStateAsync();

        Assert.Equal(401, wrong.Status);
        Assert.Equal("邮箱或密码错误。", await page.Locator("#login-error").InnerTextAsync());
        Assert.DoesNotContain("wrong", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/orders/upload", await page.InputValueAsync("input[name=returnUrl]"));
        Assert.Equal(0, await page.Locator("a#sign-out").CountAsync());

        // Back in English after the failed POST: the switch keeps the return URL, and the error is gone with the new page.
        await page.ClickAsync("#lang-en");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Equal("/orders/upload", await page.InputValueAsync("input[name=returnUrl]"));
        Assert.Equal(0, await page.Locator("#login-error").CountAsync());

        await page.FillAsync("#email", PlannedServer.SellerEmail);
        await page.FillAsync("#password", PlannedServer.Password);
        await page.ClickAsync("form.login-form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/orders/upload");
        Assert.Equal("Upload orders", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task LogoutPage_SignedInChinese_ConfirmsSignsOutAndPrivatePagesAskToSignInAgain()
    {
        var page = await server.NewPageAsync(PlannedServer.OtherSellerEmail);
        await page.ClickAsync("#lang-zh");
        await page.WaitForSelectorAsync("html[lang=zh-CN]");

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/logout");
        Assert.Equal("退出登录", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("退出", await page.Locator("form.logout-form button[type=submit]").InnerTextAsync());

        await page.ClickAsync("form.logout-form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        Assert.Equal("登录", await page.Locator("h1").InnerTextAsync());

        // Signed out: the dashboard sends the browser back to the sign-in form.
        await page.GotoAsync("/");
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.Locator("a#sign-out").CountAsync());
    }
}
