using System.Net;
using Kuajing.Web.Tests.Api;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kuajing.Web.Api;
using Kuajing.Web.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Tests.Accounts;

public sealed partial class AuthenticationTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task ApiKey_BearerOrHeader_AuthenticatesAndIsStoredOnlyAsHash(string provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, seed: false);
        var (org, key) = world.Parties["sellerA"];
        using var client = world.Server.CreateClient();

        using var bearer = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/orders", UriKind.Relative));
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var header = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/orders", UriKind.Relative));
        header.Headers.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(header)).StatusCode);
        Assert.StartsWith("kj_", key, StringComparison.Ordinal);

        // Stored: the 12-character id and SHA-256(key); the key itself nowhere.
        await using var store = world.Accounts.OpenStore();
        var row = await store.ApiKeys.SingleAsync(k => k.OrganisationId == org);
        Assert.Equal(key[..12], row.Id);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), row.Hash);
        Assert.DoesNotContain(key, JsonSerializer.Serialize(row), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task ApiKey_UnknownOrRevoked_401ProblemUnauthenticated(string provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, seed: false);
        var (_, key) = world.Parties["sellerA"];
        using var client = world.Client("sellerA");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/shipments", UriKind.Relative))).StatusCode);

        Assert.True(await world.Accounts.RevokeApiKeyAsync(key[..12], CancellationToken.None));
        var revoked = await client.GetAsync(new Uri("/api/shipments", UriKind.Relative));

        // Same id prefix, wrong secret part: the hash comparison must refuse it.
        using var forged = world.Server.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Api-Key", world.Parties["sellerB"].Key[..12] + new string('A', 43));
        var forgedResponse = await forged.GetAsync(new Uri("/api/shipments", UriKind.Relative));

        foreach (var response in new[] { revoked, forgedResponse })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("unauthenticated", doc.RootElement.GetProperty("code").GetString());
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_FormWithAntiforgery_CookieGivesTheOrganisationsView()
    {
        await using var world = await ApiWorld.CreateAsync("sqlite");
        await world.Accounts.AddUserAsync("li.wei@example.com", "correct horse battery", world.Parties["sellerA"].OrgId, CancellationToken.None);
        using var client = world.Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var pageResponse = await client.GetAsync(new Uri("/login", UriKind.Relative));
        var page = await pageResponse.Content.ReadAsStringAsync();
        Assert.Contains("frame-ancestors 'none'", pageResponse.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal); // as every UI page
        Assert.Contains("name=\"email\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"password\"", page, StringComparison.Ordinal);
        var token = TokenField().Match(page);
        Assert.True(token.Success, page);

        FormUrlEncodedContent Form(string password, bool withToken) => new(new Dictionary<string, string>(
            (withToken ? [new(token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value))] : Array.Empty<KeyValuePair<string, string>>())
            .Append(new("email", "Li.Wei@example.com")).Append(new("password", password)).Append(new("returnUrl", "/api/orders"))));

        var noToken = await client.PostAsync(new Uri("/login", UriKind.Relative), Form("correct horse battery", withToken: false));
        var wrong = await client.PostAsync(new Uri("/login", UriKind.Relative), Form("wrong password!!", withToken: true));
        var right = await client.PostAsync(new Uri("/login", UriKind.Relative), Form("correct horse battery", withToken: true));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode); // antiforgery validation failed
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/api/orders", right.Headers.Location?.OriginalString);

        // The session cookie carries seller A's claims: A's order is listed, B's is not.
        var orders = await client.GetStringAsync(new Uri("/api/orders", UriKind.Relative));
        Assert.Contains(world.OrderA, orders, StringComparison.Ordinal);
        Assert.DoesNotContain(world.OrderB, orders, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_AbsoluteReturnUrl_RedirectsHomeNotOffSite()
    {
        await using var world = await ApiWorld.CreateAsync("sqlite", seed: false);
        await world.Accounts.AddUserAsync("ops@example.com", "long enough password", world.Parties["admin"].OrgId, CancellationToken.None);
        using var client = world.Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenField().Match(await client.GetStringAsync(new Uri("/login", UriKind.Relative)));

        var response = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["email"] = "ops@example.com",
            ["password"] = "long enough password",
            ["returnUrl"] = "//evil.example/",
        }));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task NoCredentials_ApiAnswers401Problem_PagesWouldRedirect()
    {
        await using var world = await ApiWorld.CreateAsync("sqlite", seed: false);
        using var client = world.Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/api/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ApiProblem.Codes.Unauthenticated, doc.RootElement.GetProperty("code").GetString());
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"\\s*/?>")]
    private static partial Regex TokenField();
}
