using System.Net;
using System.Text.Json;
using Kuajing.Web.Tests.Infrastructure;

namespace Kuajing.Web.Tests.Operations;

public sealed class OperationsTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Health_FreshStore_LiveAndReadyAfterMigration(string provider)
    {
        await using var factory = await KuajingServerFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        var live = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_Document_Is31WithTitle()
    {
        await using var factory = await KuajingServerFactory.CreateAsync("sqlite");
        using var client = factory.CreateClient();

        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        Assert.StartsWith("3.1", doc.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains("Kuajing", doc.RootElement.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Returns404ProblemWithStableCode()
    {
        await using var factory = await KuajingServerFactory.CreateAsync("sqlite");
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not-found", doc.RootElement.GetProperty("code").GetString());
        Assert.True(doc.RootElement.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Metrics_AfterARequest_ExposesHttpServerDuration()
    {
        await using var factory = await KuajingServerFactory.CreateAsync("sqlite");
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReference_ServesPageWithoutInternetScripts()
    {
        await using var factory = await KuajingServerFactory.CreateAsync("sqlite");
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/api/reference/", UriKind.Relative));

        Assert.Contains("scalar", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"//", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_AnswersPongAsPlainText()
    {
        await using var factory = await KuajingServerFactory.CreateAsync("sqlite");
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/ping", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", await response.Content.ReadAsStringAsync());
    }
}
