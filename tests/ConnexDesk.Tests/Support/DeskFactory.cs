using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Features.Access;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Support;

/// <summary>
/// The whole desk, in process, on a real database of the chosen provider: a fresh SQLite file in a temporary data
/// directory, or a fresh PostgreSQL database on the test server.
/// </summary>
public class DeskFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string? _postgresConnectionString;

    public DeskFactory(DatabaseProvider provider, string environment = "Testing")
    {
        Provider = provider;
        EnvironmentName = environment;
        DataDirectory = Path.Combine(Path.GetTempPath(), "connexdesk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public DatabaseProvider Provider { get; }
    public string EnvironmentName { get; }
    public string DataDirectory { get; }

    /// <summary>Extra configuration, applied last.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Serve on a real Kestrel port (for the browser tests) rather than the in-memory test server.</summary>
    public bool OnRealPort { get; init; }

    public string ServerAddress =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public virtual async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
            _postgresConnectionString = await TestPostgres.CreateDatabaseAsync();
        if (OnRealPort)
        {
            UseKestrel(0);
            StartServer();
        }
        await using var scope = Services.CreateAsyncScope();
        await DeskDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<DeskDb>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Desk:DataDirectory", DataDirectory);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Desk", _postgresConnectionString ?? "");
        // The digest is tested with a fake clock; left running it would mail staff of every test's desk.
        builder.UseSetting("Timeliness:DigestPollMinutes", "0");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) =>
        InScopeAsync(async services => { await work(services); return true; });

    /// <summary>
    /// A new person with a unique email, so that tests never share an account's state. Those whose role requires a
    /// second factor have an authenticator set up (the test computes its codes), unless <paramref name="twoFactor"/> says otherwise.
    /// </summary>
    public async Task<TestUser> CreateUserAsync(Role role, string? name = null, bool? twoFactor = null, int? organisationId = null)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.connexdesk.org";
        const string password = "correct horse battery";
        return await InScopeAsync(async services =>
        {
            var organisation = organisationId;
            if (role == Role.FocalPoint && organisation is null)
            {
                var db = services.GetRequiredService<DeskDb>();
                var created = new RequestingOrganisation($"Ministry {Guid.NewGuid():N}", "SN", GovernmentLevel.National);
                db.Organisations.Add(created);
                await db.SaveChangesAsync();
                organisation = created.Id;
            }
            var result = await services.GetRequiredService<AddUser>()
                .RunAsync(new NewUser(email, name ?? $"Test {role}", role, password, organisation));
            Assert.True(result.Succeeded, result.Error);
            string? key = null;
            if (twoFactor ?? TwoFactorRequired.IsRequiredFor(role))
            {
                var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DeskUser>>();
                await users.ResetAuthenticatorKeyAsync(result.User!);
                key = await users.GetAuthenticatorKeyAsync(result.User!);
                await users.SetTwoFactorEnabledAsync(result.User!, true);
            }
            return new TestUser(result.User!.Id, email, password, role) { AuthenticatorKey = key };
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresConnectionString is not null)
            await TestPostgres.DropDatabaseAsync(_postgresConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataDirectory))
                Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}

public sealed record TestUser(string Id, string Email, string Password, Role Role)
{
    /// <summary>The shared key of the person's authenticator app, when they set one up.</summary>
    public string? AuthenticatorKey { get; init; }

    /// <summary>The code the authenticator app shows now (RFC 6238, as the phone computes it).</summary>
    public string AuthenticatorCode() =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(AuthenticatorKey ?? throw new InvalidOperationException($"{Email} has no authenticator."))).ComputeTotp();
}

public sealed class SqliteDesk() : DeskFactory(DatabaseProvider.Sqlite);

public sealed class PostgresDesk() : DeskFactory(DatabaseProvider.Postgres);
