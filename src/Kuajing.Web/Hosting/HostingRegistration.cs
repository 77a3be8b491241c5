using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kuajing.Web.Hosting;

/// <summary>Adds the server's database to the application (see <see cref="KuajingDatabase"/>).</summary>
public static class HostingRegistration
{
    /// <summary>
    /// Registers <see cref="KuajingDatabase"/> from configuration (<c>Kuajing:Db</c> or <c>Kuajing:Postgres</c>), the
    /// start-up migration, and a readiness check tagged <c>ready</c> that passes once the schema is migrated and the
    /// database answers.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">When both database keys are configured.</exception>
    public static WebApplicationBuilder AddKuajingDatabase(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(KuajingDatabase.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<DatabaseMigration>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigration>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: ["ready"]);
        return builder;
    }
}

/// <summary>Readiness of the database: migrated at start-up and answering now.</summary>
internal sealed class DatabaseReadiness(KuajingDatabase database, DatabaseMigration migration) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migration.Completed)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider}: migrations not yet applied");
        }

        await using var store = database.OpenPlanStore();
        return await store.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(database.Provider)
            : HealthCheckResult.Unhealthy($"{database.Provider}: cannot connect");
    }
}
