using System.Data.Common;
using ConnexDesk.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConnexDesk.Data;

/// <summary>Chooses the database provider from configuration, keeps SQLite durable, and applies migrations.</summary>
public static class DeskDatabase
{
    public const string SqliteFileName = "connexdesk.db";

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var text = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(text))
            return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(text, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new DeskConfigurationException($"Database:Provider is '{text}'; use 'Sqlite' or 'Postgres'.");
    }

    public static IServiceCollection AddDeskDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = ReadProvider(configuration);
        var connectionString = configuration.GetConnectionString("Desk");
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(configuration, contentRoot, connectionString);
                services.AddDbContext<DeskDb, SqliteDeskDb>(options => options
                    .UseSqlite(sqlite)
                    .AddInterceptors(new SqliteDurabilityPragmas())
                    // SQLite rebuilds a table to change a column, outside the migration's transaction; expected, not alarming.
                    .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information))));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new DeskConfigurationException("Database:Provider is Postgres but ConnectionStrings:Desk is empty; set it, e.g. ConnectionStrings__Desk='Host=127.0.0.1;Database=connexdesk;Username=desk;Password=...'.");
                services.AddDbContext<DeskDb, PostgresDeskDb>(options => options.UseNpgsql(connectionString));
                break;
        }
        return services;
    }

    private static string SqliteConnectionString(IConfiguration configuration, string contentRoot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        var options = configuration.GetSection(DeskOptions.Section).Get<DeskOptions>() ?? new DeskOptions();
        var directory = options.ResolveDataDirectory(contentRoot);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, SqliteFileName),
            // Only the migrations create the file (EF Core opens its own read-write-create connection for that). Every
            // other connection must find it: a data directory that vanishes under a running desk (an unmounted volume, a
            // deleted folder the Maildir loop then recreates) must fail health, not quietly become an empty database.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>
    /// The one place a desk's SQLite file comes into being: at start-up or by the <c>migrate</c> command, never by a
    /// connection that happens to open after the file has gone.
    /// </summary>
    private static async Task CreateSqliteFileIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var configured = new SqliteConnectionStringBuilder(connectionString);
        if (configured.Mode == SqliteOpenMode.Memory || configured.DataSource is ":memory:" or "" || File.Exists(configured.DataSource))
            return;
        var creating = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        await using var connection = new SqliteConnection(creating.ToString());
        await connection.OpenAsync(cancellationToken);
        // Written into the new file at once, so that EF Core's read-only look for the database finds a WAL database.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies pending migrations, then refuses to go on if SQLite would not keep committed work through a power cut.</summary>
    public static async Task MigrateAsync(DeskDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
            await CreateSqliteFileIfMissingAsync(db.Database.GetConnectionString()!, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await VerifySqliteDurabilityAsync(db, cancellationToken);
        await Features.Eligibility.ReferenceLists.EnsureBuiltInAsync(db, cancellationToken);
    }

    public static async Task VerifySqliteDurabilityAsync(DeskDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var journalMode = await ScalarAsync(connection, "PRAGMA journal_mode;", cancellationToken);
            var synchronous = await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new DeskConfigurationException($"SQLite database {connection.DataSource} is in journal mode '{journalMode}', not WAL. The desk refuses to run without WAL; keep the data directory on a local file system.");
            if (synchronous != "2")
                throw new DeskConfigurationException($"SQLite database {connection.DataSource} runs with synchronous={synchronous}, not FULL (2). The desk refuses to run without it.");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>WAL lets readers and one writer work at once; synchronous=FULL makes every commit survive a power cut.</summary>
    private sealed class SqliteDurabilityPragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>A setting the desk cannot run with. Its message is shown to the operator as it is.</summary>
public sealed class DeskConfigurationException(string message) : Exception(message);
