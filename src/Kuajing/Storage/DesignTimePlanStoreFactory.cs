using Microsoft.EntityFrameworkCore.Design;

namespace Kuajing.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build a <see cref="PlanStore"/> without running the CLI.</summary>
internal sealed class DesignTimePlanStoreFactory : IDesignTimeDbContextFactory<PlanStore>
{
    /// <inheritdoc/>
    public PlanStore CreateDbContext(string[] args) => new(PlanStore.ForSqlite("design-time.db"));
}
