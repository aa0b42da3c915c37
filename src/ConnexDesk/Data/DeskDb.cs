using ConnexDesk.Domain;
using ConnexDesk.Features.Access;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConnexDesk.Data;

/// <summary>
/// The one DbContext of the desk. Each database provider has its own subclass so that each keeps its own
/// migration set (see docs/decisions/0002-one-migration-set-per-provider.md); the model itself is defined once, here.
/// </summary>
public abstract class DeskDb(DbContextOptions options) : IdentityDbContext<DeskUser>(options), IDataProtectionKeyContext
{
    public DbSet<RequestingOrganisation> Organisations => Set<RequestingOrganisation>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every instant is stored in UTC; SQLite forgets the kind and PostgreSQL's timestamptz insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<DeskUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasOne<RequestingOrganisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        // The roles are part of the schema, not data an operator manages: every database has all five after `migrate`.
        builder.Entity<IdentityRole>().HasData(Domain.Roles.All.Select(role => new IdentityRole
        {
            Id = $"role-{role}",
            Name = role.ToString(),
            NormalizedName = role.ToString().ToUpperInvariant(),
            ConcurrencyStamp = $"role-{role}",
        }));

        builder.Entity<RequestingOrganisation>(organisation =>
        {
            organisation.ToTable("Organisations");
            organisation.Property(o => o.Name).HasMaxLength(300);
            organisation.Property(o => o.CountryCode).HasMaxLength(2);
            organisation.Property(o => o.Level).HasConversion<string>().HasMaxLength(20);
            organisation.HasIndex(o => new { o.CountryCode, o.Name }).IsUnique();
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Utc ? toStore : toStore.ToUniversalTime(),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}

public sealed class SqliteDeskDb(DbContextOptions<SqliteDeskDb> options) : DeskDb(options);

public sealed class PostgresDeskDb(DbContextOptions<PostgresDeskDb> options) : DeskDb(options);
