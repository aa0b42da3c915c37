using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Foundation;

public abstract class DatabaseTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    [Fact]
    public async Task The_configured_provider_is_the_one_in_use()
    {
        var providerName = await desk.InScopeAsync(services => Task.FromResult(services.GetRequiredService<DeskDb>().Database.ProviderName));

        var expected = desk.Provider switch
        {
            DatabaseProvider.Sqlite => "Microsoft.EntityFrameworkCore.Sqlite",
            DatabaseProvider.Postgres => "Npgsql.EntityFrameworkCore.PostgreSQL",
        };
        Assert.Equal(expected, providerName);
    }

    [Fact]
    public async Task Migrations_leave_nothing_pending_and_create_every_role()
    {
        var (pending, roles) = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            return ((await db.Database.GetPendingMigrationsAsync()).ToList(), await db.Roles.Select(r => r.Name).ToListAsync());
        });

        Assert.Empty(pending);
        Assert.Equal(Roles.All.Select(r => r.ToString()).Order(), roles.Order());
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await desk.InScopeAsync(services => DeskDatabase.MigrateAsync(services.GetRequiredService<DeskDb>()));
        var applied = await desk.InScopeAsync(async services =>
            (await services.GetRequiredService<DeskDb>().Database.GetAppliedMigrationsAsync()).Count());

        Assert.True(applied >= 1);
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        var response = await desk.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_demo_seed_gives_one_login_per_role_and_is_idempotent()
    {
        var (first, second, rolesWithDemoUsers) = await desk.InScopeAsync(async services =>
        {
            var demo = services.GetRequiredService<DemoData>();
            var first = await demo.SeedAsync();
            var second = await demo.SeedAsync();
            var db = services.GetRequiredService<DeskDb>();
            var roles = await (from user in db.Users
                               where user.Email!.EndsWith("@demo.connexdesk.org")
                               join userRole in db.UserRoles on user.Id equals userRole.UserId
                               join role in db.Roles on userRole.RoleId equals role.Id
                               select role.Name).Distinct().ToListAsync();
            return (first, second, roles);
        });

        Assert.True(first > 0);
        Assert.Equal(0, second);
        Assert.Equal(Roles.All.Select(r => r.ToString()).Order(), rolesWithDemoUsers.Order());
    }
}

public sealed class DatabaseTestsOnSqlite(SqliteDesk desk) : DatabaseTests<SqliteDesk>(desk)
{
    private readonly SqliteDesk _desk = desk;

    [Fact]
    public async Task Sqlite_runs_in_WAL_mode_with_full_synchronous_writes()
    {
        var (journal, synchronous) = await _desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            var journal = (string?)await command.ExecuteScalarAsync();
            command.CommandText = "PRAGMA synchronous;";
            var synchronous = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return (journal, synchronous);
        });

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous);
    }

    [Fact]
    public void The_database_file_lives_in_the_data_directory() =>
        Assert.True(File.Exists(Path.Combine(_desk.DataDirectory, DeskDatabase.SqliteFileName)));
}

public sealed class DatabaseTestsOnPostgres(PostgresDesk desk) : DatabaseTests<PostgresDesk>(desk);
