using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnexDesk.Cli;
using ConnexDesk.Data;
using ConnexDesk.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Backup;

/// <summary>
/// One file that holds a whole desk: the database (which carries the key ring that unlocks the documents) and the
/// encrypted document store. A zip archive with a manifest that names every entry with its SHA-256, so that a restore
/// checks the whole archive before it touches anything. The Maildir is not in it: mail waiting there has not been taken
/// yet and stays where it is. See docs/decisions/0012-backup-and-restore.md.
/// </summary>
public sealed partial class DeskBackup(DeskDb db, BlobStore blobs, PostgresTools postgres, TimeProvider clock)
{
    public const string Format = "connexdesk-backup/1";
    private const string ManifestEntry = "manifest.json";
    private const string SqliteEntry = "database/connexdesk.sqlite";
    private const string PostgresEntry = "database/connexdesk.sql";
    private const string BlobPrefix = "blobs/";

    private static readonly JsonSerializerOptions ManifestJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private bool IsSqlite => db.Database.IsSqlite();

    /// <summary>Writes the backup to a new file; never overwrites one. The file is readable by its owner only.</summary>
    public async Task<BackupManifest> WriteAsync(string file, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
            throw new CommandFailedException($"{target} already exists; a backup never replaces a file. Give a new name.");
        if (!Directory.Exists(Path.GetDirectoryName(target)))
            throw new CommandFailedException($"The folder {Path.GetDirectoryName(target)} does not exist.");
        var work = PrivateFolderBeside(target);
        var partial = target + ".partial";
        try
        {
            // The database first, at one instant. Documents are written before the row that names them commits and are
            // never deleted, so every document the snapshot names is already in the store when it is copied next.
            var snapshot = Path.Combine(work.FullName, "database");
            var databaseEntry = IsSqlite ? SqliteEntry : PostgresEntry;
            if (IsSqlite)
                SnapshotSqlite(snapshot);
            else
                await postgres.DumpAsync(db.Database.GetConnectionString()!, snapshot, cancellationToken);
            var counts = await CountAsync(cancellationToken);
            var migration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "";

            var entries = new List<BackupEntry>();
            BackupManifest manifest;
            await using (var stream = OwnerOnly(partial))
            {
                using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    entries.Add(await AddAsync(archive, databaseEntry, snapshot, CompressionLevel.Optimal, cancellationToken));
                    foreach (var (sha256, path) in blobs.StoredFiles())
                        // Encrypted bytes do not compress.
                        entries.Add(await AddAsync(archive, BlobPrefix + sha256, path, CompressionLevel.NoCompression, cancellationToken));
                    manifest = new BackupManifest(Format, IsSqlite ? DatabaseProvider.Sqlite.ToString() : DatabaseProvider.Postgres.ToString(),
                        clock.GetUtcNow().UtcDateTime, migration, counts.Cases, counts.Users, counts.Documents, entries.Count(e => e.Name.StartsWith(BlobPrefix, StringComparison.Ordinal)), entries);
                    await using var manifestStream = archive.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open();
                    await JsonSerializer.SerializeAsync(manifestStream, manifest, ManifestJson, cancellationToken);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(partial, target);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }

    /// <summary>
    /// Puts the desk back as the backup holds it. Checks every entry of the archive first and changes nothing when one
    /// is wrong. Refuses to overwrite a desk that holds cases or accounts unless <paramref name="replace"/> says so.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string file, bool replace, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
            throw new CommandFailedException($"There is no file {source}.");
        var manifest = await ReadManifestAsync(source, cancellationToken);
        var provider = IsSqlite ? DatabaseProvider.Sqlite.ToString() : DatabaseProvider.Postgres.ToString();
        if (manifest.Provider != provider)
            throw new CommandFailedException($"The backup holds a {manifest.Provider} database and this desk runs on {provider}; restore it into a desk configured with Database:Provider={manifest.Provider}.");
        if (manifest.Migration.Length > 0 && !db.Database.GetMigrations().Contains(manifest.Migration))
            throw new CommandFailedException($"The backup was made by a newer version of ConnexDesk (its database is at {manifest.Migration}); restore it with that version or a later one.");
        await VerifyEntriesAsync(source, manifest, cancellationToken);
        if (!replace)
        {
            var here = await CountAsync(cancellationToken);
            if (here.Cases > 0 || here.Users > 0)
                throw new CommandFailedException($"This desk already holds {here.Cases} case(s) and {here.Users} account(s); a restore would replace them all. Stop the desk and run restore again with --replace if that is what you want.");
        }

        var work = PrivateFolderBeside(blobs.Root);
        try
        {
            using (var archive = ZipFile.OpenRead(source))
            {
                var databaseEntry = manifest.Entries.Single(e => e.Name.StartsWith("database/", StringComparison.Ordinal)).Name;
                var extracted = Path.Combine(work.FullName, "database");
                await using (var entry = archive.GetEntry(databaseEntry)!.Open())
                await using (var output = File.Create(extracted))
                    await entry.CopyToAsync(output, cancellationToken);
                // Documents before the database: a restore that stops half-way leaves the old database naming documents
                // that are all still there.
                foreach (var blob in manifest.Entries.Where(e => e.Name.StartsWith(BlobPrefix, StringComparison.Ordinal)))
                {
                    await using var entry = archive.GetEntry(blob.Name)!.Open();
                    await blobs.PutEncryptedAsync(blob.Name[BlobPrefix.Length..], entry, cancellationToken);
                }
                if (IsSqlite)
                    RestoreSqlite(extracted);
                else
                    await postgres.RestoreAsync(db.Database.GetConnectionString()!, extracted, cancellationToken);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
        db.ChangeTracker.Clear();
        // A backup made by an earlier version is brought up to this version's schema.
        await DeskDatabase.MigrateAsync(db, cancellationToken);
        return manifest;
    }

    /// <summary>The manifest of a backup file, with the refusal an operator can act on when the file is not one.</summary>
    public static async Task<BackupManifest> ReadManifestAsync(string file, CancellationToken cancellationToken = default)
    {
        try
        {
            using var archive = ZipFile.OpenRead(file);
            var entry = archive.GetEntry(ManifestEntry) ?? throw new CommandFailedException($"{file} is not a ConnexDesk backup: it has no {ManifestEntry}.");
            await using var stream = entry.Open();
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, ManifestJson, cancellationToken);
            if (manifest is null || manifest.Format != Format || manifest.Entries is null)
                throw new CommandFailedException($"{file} is not a backup this version can read (its format is '{manifest?.Format}', this version reads '{Format}').");
            return manifest;
        }
        catch (InvalidDataException failure)
        {
            throw new CommandFailedException($"{file} is not a ConnexDesk backup: {failure.Message}");
        }
        catch (JsonException failure)
        {
            throw new CommandFailedException($"{file} is not a ConnexDesk backup: its manifest cannot be read ({failure.Message}).");
        }
    }

    private static async Task VerifyEntriesAsync(string file, BackupManifest manifest, CancellationToken cancellationToken)
    {
        using var archive = ZipFile.OpenRead(file);
        if (manifest.Entries.Count(e => e.Name.StartsWith("database/", StringComparison.Ordinal)) != 1)
            throw new CommandFailedException($"{file} is damaged: its manifest does not name exactly one database.");
        foreach (var expected in manifest.Entries)
        {
            if (expected.Name.StartsWith(BlobPrefix, StringComparison.Ordinal) && !BlobName().IsMatch(expected.Name[BlobPrefix.Length..]))
                throw new CommandFailedException($"{file} is damaged: {expected.Name} is not the name of a stored document.");
            var entry = archive.GetEntry(expected.Name) ?? throw new CommandFailedException($"{file} is damaged: {expected.Name} is missing.");
            await using var stream = entry.Open();
            var (size, sha256) = await CopyHashingAsync(stream, null, cancellationToken);
            if (size != expected.Size || sha256 != expected.Sha256)
                throw new CommandFailedException($"{file} is damaged: {expected.Name} does not match the SHA-256 its manifest gives. Nothing was restored.");
            if (expected.Name.StartsWith(BlobPrefix, StringComparison.Ordinal))
            {
                // A document goes back exactly as it was stored: encrypted. Anything else did not come from a desk.
                await using var start = entry.Open();
                var header = new byte[16];
                var read = await start.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
                if (!BlobStore.LooksEncrypted(header.AsSpan(0, read)))
                    throw new CommandFailedException($"{file} is damaged: {expected.Name} is not an encrypted document. Nothing was restored.");
            }
        }
    }

    private async Task<(int Cases, int Users, int Documents)> CountAsync(CancellationToken cancellationToken) =>
        (await db.Cases.IgnoreQueryFilters().CountAsync(cancellationToken),
         await db.Users.CountAsync(cancellationToken),
         await db.Set<Domain.Cases.CaseDocument>().CountAsync(cancellationToken));

    /// <summary>SQLite's online backup: a consistent copy while the desk goes on working, kept as one self-contained file.</summary>
    private void SnapshotSqlite(string snapshot)
    {
        using var live = new SqliteConnection(WithoutPooling(db.Database.GetConnectionString()!));
        live.Open();
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString());
        copy.Open();
        live.BackupDatabase(copy);
        using var command = copy.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        command.ExecuteNonQuery();
    }

    private void RestoreSqlite(string extracted)
    {
        using (var restored = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = extracted, Pooling = false }.ToString()))
        {
            restored.Open();
            using var check = restored.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var answer = Convert.ToString(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (answer != "ok")
                throw new CommandFailedException($"The database in the backup fails SQLite's integrity check ({answer}); nothing of the database was restored.");
            SqliteConnection.ClearAllPools();
            using var live = new SqliteConnection(WithoutPooling(db.Database.GetConnectionString()!));
            live.Open();
            using var wait = live.CreateCommand();
            wait.CommandText = "PRAGMA busy_timeout=30000;";
            wait.ExecuteNonQuery();
            // Page by page into the live file, under SQLite's own locks: all of it or, on failure, none of it.
            restored.BackupDatabase(live);
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Where the database copy waits while it is packed or put back: beside the backup file (or the data directory),
    /// on the disk meant for it rather than a small /tmp, and readable by the desk's account only, since the database
    /// itself is not encrypted.
    /// </summary>
    private static DirectoryInfo PrivateFolderBeside(string path)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".connexdesk-work-{Guid.NewGuid():N}");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(folder)
            : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string WithoutPooling(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    private static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    private static async Task<BackupEntry> AddAsync(ZipArchive archive, string name, string path, CompressionLevel level, CancellationToken cancellationToken)
    {
        await using var input = File.OpenRead(path);
        await using var output = archive.CreateEntry(name, level).Open();
        var (size, sha256) = await CopyHashingAsync(input, output, cancellationToken);
        return new BackupEntry(name, size, sha256);
    }

    /// <summary>Reads a stream to its end, copying it when there is somewhere to copy to; its length and SHA-256.</summary>
    private static async Task<(long Size, string Sha256)> CopyHashingAsync(Stream input, Stream? output, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            if (output is not null)
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            size += read;
        }
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex BlobName();
}

/// <summary>What a backup holds, written into it as manifest.json.</summary>
public sealed record BackupManifest(
    string Format, string Provider, DateTime CreatedAt, string Migration, int Cases, int Users, int Documents, int StoredFiles, IReadOnlyList<BackupEntry> Entries);

public sealed record BackupEntry(string Name, long Size, string Sha256);
