using System.Net;
using System.Text;
using System.Text.Json;
using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kuajing.Web.Tests.Operations;

/// <summary>
/// The production server (Program.Build, real Kestrel on 127.0.0.1) asked to stop while a request is in flight: the
/// request already accepted must complete and its data be stored (issue #4: "graceful shutdown that loses no accepted
/// request"), and the server then stops.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kuajing-stop-" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Stop_WhileBulkUploadBodyIsStillArriving_CompletesTheRequestAndStoresItsOrders()
    {
        var db = Path.Combine(_folder, "kuajing.db");
        var app = Program.Build(["--urls=http://127.0.0.1:0", "--Kuajing:Db=" + db, "--Kuajing:ShutdownSeconds=30"]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var accounts = app.Services.GetRequiredService<AccountService>();
        var seller = await accounts.AddOrganisationAsync("Shutdown test seller", AccountRole.Seller, CancellationToken.None);
        var key = await accounts.AddApiKeyAsync(seller.Id, "shutdown-test", CancellationToken.None);

        // Two orders of the generic CSV format (docs/order-format.md; rows as data/orders/examples/orders-example.csv).
        const string head = "order_id,placed_at,buyer_country,description,quantity,unit_value,currency\nSTOP-1,2025-03-14T10:22:00,DE,\"Men's cotton T-shirt, knitted\",2,8.50,EUR\n";
        const string tail = "STOP-2,2025-03-15T18:05:00,FR,Bluetooth earbuds with charging case,1,22.00,EUR\n";
        var firstHalfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sendRest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders/bulk")
        {
            Content = new TwoPartContent(Encoding.UTF8.GetBytes(head), Encoding.UTF8.GetBytes(tail), firstHalfSent, sendRest.Task),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);
        var responseTask = http.SendAsync(request);

        await firstHalfSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300); // the server has the headers and is reading the body
        var stopping = app.StopAsync();
        await Task.Delay(500); // shutdown has begun: Kestrel stops accepting and waits for the request in flight
        Assert.False(stopping.IsCompleted, "the server stopped without waiting for the request in flight");
        sendRest.SetResult();

        using var response = await responseTask;
        var text = await response.Content.ReadAsStringAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await app.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(text);
        Assert.Equal(["STOP-1", "STOP-2"], report.RootElement.GetProperty("accepted").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!).ToArray());
        await using var store = new PlanStore(PlanStore.ForSqlite(db));
        var stored = await store.Orders.AsNoTracking().Where(o => o.OrderId == "STOP-1" || o.OrderId == "STOP-2").CountAsync();
        Assert.Equal(2, stored);
    }

    /// <summary>A request body sent in two parts, the second only when told.</summary>
    private sealed class TwoPartContent : HttpContent
    {
        private readonly byte[] first;
        private readonly byte[] second;
        private readonly TaskCompletionSource firstSent;
        private readonly Task sendSecond;

        public TwoPartContent(byte[] first, byte[] second, TaskCompletionSource firstSent, Task sendSecond)
        {
            this.first = first;
            this.second = second;
            this.firstSent = firstSent;
            this.sendSecond = sendSecond;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(first);
            await stream.FlushAsync();
            firstSent.SetResult();
            await sendSecond;
            await stream.WriteAsync(second);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = first.Length + second.Length;
            return true;
        }
    }
}
