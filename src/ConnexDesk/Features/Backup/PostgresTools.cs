using System.Diagnostics;
using ConnexDesk.Cli;
using Npgsql;

namespace ConnexDesk.Features.Backup;

/// <summary>
/// PostgreSQL's own pg_dump and psql, run with the desk's connection string: they know every object a migration made
/// (the audit trail's triggers, sequences, functions), which no copy written here would.
/// </summary>
public sealed class PostgresTools(IConfiguration configuration)
{
    /// <summary>A plain SQL dump without owners or privileges, so that it restores under whichever role owns the target.</summary>
    public Task DumpAsync(string connectionString, string file, CancellationToken cancellationToken) =>
        RunAsync("pg_dump", connectionString, ["--format=plain", "--no-owner", "--no-privileges", "--file", file], cancellationToken);

    /// <summary>
    /// Drops what the desk's schema holds and loads the dump, in one transaction: on any error nothing has changed.
    /// Dropping everything first means a backup taken by an earlier version loads cleanly before the migrations bring it up.
    /// </summary>
    public async Task RestoreAsync(string connectionString, string dump, CancellationToken cancellationToken)
    {
        var clear = Path.Combine(Path.GetDirectoryName(dump)!, "clear.sql");
        await File.WriteAllTextAsync(clear, """
            SET client_min_messages = warning;
            DO $$
            DECLARE item record;
            BEGIN
              FOR item IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', item.tablename);
              END LOOP;
              FOR item IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
                EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', item.sequencename);
              END LOOP;
              FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                          WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
                EXECUTE 'DROP FUNCTION IF EXISTS ' || item.signature || ' CASCADE';
              END LOOP;
            END $$;
            """, cancellationToken);
        await RunAsync("psql", connectionString, ["--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction", "--file", clear, "--file", dump], cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    private async Task RunAsync(string tool, string connectionString, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Find(tool)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // The connection goes in the environment, where other users of the machine cannot read it in the process list.
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        info.Environment["PGHOST"] = connection.Host ?? "localhost";
        info.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PGDATABASE"] = connection.Database ?? "";
        info.Environment["PGUSER"] = connection.Username ?? Environment.UserName;
        if (!string.IsNullOrEmpty(connection.Password))
            info.Environment["PGPASSWORD"] = connection.Password;
        info.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Prefer => "prefer",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        info.Environment["PGCONNECT_TIMEOUT"] = "15";
        using var process = Process.Start(info) ?? throw new CommandFailedException($"{tool} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await output;
        var said = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0)
        {
            var errors = said.Where(line => line.Contains("ERROR", StringComparison.Ordinal) || line.Contains("FATAL", StringComparison.Ordinal)).ToList();
            throw new CommandFailedException($"{tool} failed (exit {process.ExitCode}), nothing was changed: {string.Join(" ", errors.Count > 0 ? errors : said)}");
        }
    }

    /// <summary>Database:PostgresBinDirectory when set; otherwise the PATH; otherwise the newest Debian install.</summary>
    private string Find(string tool)
    {
        var configured = configuration["Database:PostgresBinDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.Combine(configured, tool);
            return File.Exists(path) ? path : throw new CommandFailedException($"Database:PostgresBinDirectory is {configured}, but it holds no {tool}.");
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null)
            return onPath;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(folder => Path.Combine(folder, "bin", tool)).Where(File.Exists)
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var version) ? version : 0).FirstOrDefault()
            : null;
        return debian ?? throw new CommandFailedException($"{tool} was not found; install the PostgreSQL client (apt install postgresql-client) or set Database:PostgresBinDirectory.");
    }
}
