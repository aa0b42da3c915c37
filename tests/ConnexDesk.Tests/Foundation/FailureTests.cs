using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Foundation;

/// <summary>
/// A desk whose database goes away while it runs: health says so, and pages fail with a reference the user can quote.
/// (A desk whose database is missing at start-up does not start at all: migrations and the key ring need it.)
/// </summary>
public class UnreachableDesk(DatabaseProvider provider) : DeskFactory(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var connectionString = await InScopeAsync(services =>
            Task.FromResult(services.GetRequiredService<DeskDb>().Database.GetConnectionString()!));
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteConnection.ClearAllPools();
                Directory.Delete(DataDirectory, recursive: true);
                // The Maildir loop recreates the folder at its next round; do it now so that every run sees that case.
                Directory.CreateDirectory(DataDirectory);
                break;
            case DatabaseProvider.Postgres:
                await TestPostgres.DropDatabaseAsync(connectionString);
                break;
        }
    }
}

public sealed class UnreachableSqliteDesk() : UnreachableDesk(DatabaseProvider.Sqlite);

public sealed class UnreachablePostgresDesk() : UnreachableDesk(DatabaseProvider.Postgres);

public abstract class FailureTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : UnreachableDesk
{
    protected TDesk Desk { get; } = desk;

    [Fact]
    public async Task Health_answers_503_when_the_database_is_unreachable()
    {
        var response = await Desk.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_failing_page_shows_an_error_page_with_a_correlation_id()
    {
        var response = await Desk.Client().GetAsync("/sign-in");
        var page = Forms.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", page, StringComparison.Ordinal);
        Assert.Matches("quote this reference: +[0-9a-f]{32}", page);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
    }
}

public sealed class FailureTestsOnSqlite(UnreachableSqliteDesk desk) : FailureTests<UnreachableSqliteDesk>(desk)
{
    [Fact]
    public async Task A_vanished_database_is_not_recreated_empty_by_the_next_request()
    {
        await Desk.Client().GetAsync("/sign-in");
        await Desk.Client().GetAsync("/healthz");

        Assert.False(File.Exists(Path.Combine(Desk.DataDirectory, DeskDatabase.SqliteFileName)));
    }
}

public sealed class FailureTestsOnPostgres(UnreachablePostgresDesk desk) : FailureTests<UnreachablePostgresDesk>(desk);
