using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Backup;

/// <summary>
/// `backup FILE` and `restore FILE`, run as the real executable: a desk written to one file and put back into another
/// data directory (and, on PostgreSQL, another database), its documents still opening with the keys that came with it.
/// </summary>
public abstract class BackupTests(DatabaseProvider provider) : IAsyncLifetime, IDisposable
{
    private static readonly string MailFolder = Path.Combine(AppContext.BaseDirectory, "Intake", "Mail");

    private readonly CommandLineHome _from = new();
    private readonly CommandLineHome _to = new();
    private readonly string _backups = Directory.CreateTempSubdirectory("connexdesk-backups-").FullName;
    private string? _fromDatabase;
    private string? _toDatabase;

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            _fromDatabase = await TestPostgres.CreateDatabaseAsync();
            _toDatabase = await TestPostgres.CreateDatabaseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var database in new[] { _fromDatabase, _toDatabase }.OfType<string>())
            await TestPostgres.DropDatabaseAsync(database);
    }

    public void Dispose()
    {
        _from.Dispose();
        _to.Dispose();
        Directory.Delete(_backups, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_desk_restored_into_an_empty_one_has_its_cases_accounts_documents_and_audit_chain()
    {
        await RunAsync(_from, ["user", "add", "--email", "head@unit.example", "--name", "Head of Unit", "--role", "Manager"], "a long enough passphrase\n");
        await RunAsync(_from, ["mail", "import", Path.Combine(MailFolder, "forwarded.eml"), Path.Combine(MailFolder, "disguised-attachment.eml")]);
        var file = Path.Combine(_backups, "desk.zip");

        using var written = JsonDocument.Parse(await RunAsync(_from, ["backup", file, "--json"]));
        using var restored = JsonDocument.Parse(await RunAsync(_to, ["restore", file, "--json"]));

        Assert.Equal(2, written.RootElement.GetProperty("cases").GetInt32());
        Assert.Equal(1, written.RootElement.GetProperty("users").GetInt32());
        Assert.True(written.RootElement.GetProperty("storedFiles").GetInt32() >= 2);
        Assert.Equal(new FileInfo(file).Length, written.RootElement.GetProperty("bytes").GetInt64());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.True(restored.RootElement.GetProperty("restored").GetBoolean());
        Assert.Equal(CasesOf(await RunAsync(_from, ["cases", "list", "--json"])), CasesOf(await RunAsync(_to, ["cases", "list", "--json"])));

        using var shown = JsonDocument.Parse(await RunAsync(_to, ["cases", "show", "CNX-2026-0001", "--json"]));
        var attachments = shown.RootElement.GetProperty("messages").EnumerateArray().SelectMany(m => m.GetProperty("attachments").EnumerateArray())
            .Select(a => a.GetProperty("sha256").GetString()!).ToList();
        Assert.NotEmpty(attachments);
        // A fresh host on the restored desk, as the desk would be started after the restore: the key ring came with the
        // database, so every attachment opens and hashes to its name.
        await using (var host = DeskApplication.CreateBuilder(HostArguments(_to, _toDatabase), forCommandLine: true).Build())
        {
            var blobs = host.Services.GetRequiredService<BlobStore>();
            foreach (var sha256 in attachments)
                Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(await blobs.ReadAsync(sha256))));
        }
        var verified = await DeskProcess.RunAsync(["audit", "verify", "--json"], Environment(_to, _toDatabase));
        Assert.True(verified.ExitCode == 0, verified.Error);
        // The unencrypted database copies made on the way are gone.
        Assert.Empty(Directory.GetDirectories(_backups));
        Assert.DoesNotContain(Directory.GetDirectories(_to.DataDirectory), d => Path.GetFileName(d).StartsWith(".connexdesk-work-", StringComparison.Ordinal));
        Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(_backups).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("one byte of the database changed", "is damaged: database/connexdesk\\.(sqlite|sql) does not match the SHA-256 its manifest gives\\. Nothing was restored\\.")]
    [InlineData("a plaintext document, its manifest rewritten to match", "is damaged: blobs/[0-9a-f]{64} is not an encrypted document\\. Nothing was restored\\.")]
    public async Task An_altered_backup_is_refused_before_anything_changes(string alteration, string refusal)
    {
        var run = await RestoreAlteredAsync(alteration.StartsWith("one byte", StringComparison.Ordinal) ? Damage : ReplaceFirstDocumentWithPlaintext);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(refusal, run.Error);
        await AssertNothingRestoredAsync();
    }

    /// <summary>A backup of a desk with one message and its attachment, altered, then restored into the empty desk.</summary>
    private async Task<CommandRun> RestoreAlteredAsync(Action<string, string> alter)
    {
        await RunAsync(_from, ["mail", "import", Path.Combine(MailFolder, "forwarded.eml")]);
        var file = Path.Combine(_backups, "desk.zip");
        await RunAsync(_from, ["backup", file]);
        var altered = Path.Combine(_backups, "altered.zip");
        alter(file, altered);
        return await DeskProcess.RunAsync(["restore", altered], Environment(_to, _toDatabase));
    }

    private async Task AssertNothingRestoredAsync()
    {
        Assert.Equal("No cases.", (await RunAsync(_to, ["cases", "list"])).Trim());
        var store = Path.Combine(_to.DataDirectory, "blobs");
        Assert.Empty(Directory.Exists(store) ? Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).Length == 64) : []);
    }

    [Fact]
    public async Task Restoring_over_a_desk_that_holds_cases_needs_replace_and_then_replaces_them()
    {
        await RunAsync(_from, ["cases", "create", "--country", "SN", "--organisation", "Ministère des Mines", "--title", "Convention aurifère"]);
        var file = Path.Combine(_backups, "desk.zip");
        await RunAsync(_from, ["backup", file]);
        await RunAsync(_to, ["cases", "create", "--country", "PE", "--organisation", "Ministerio de Transportes", "--title", "Concesión vial"]);
        await RunAsync(_to, ["cases", "create", "--country", "PE", "--organisation", "Ministerio de Transportes", "--title", "Puerto"]);

        var refused = await DeskProcess.RunAsync(["restore", file], Environment(_to, _toDatabase));
        var kept = CasesOf(await RunAsync(_to, ["cases", "list", "--json"]));
        await RunAsync(_to, ["restore", file, "--replace"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("error: This desk already holds 2 case(s) and 0 account(s); a restore would replace them all. Stop the desk and run restore again with --replace if that is what you want.", refused.Error.Trim());
        Assert.Equal(["CNX-2026-0001 Concesión vial", "CNX-2026-0002 Puerto"], kept);
        Assert.Equal(["CNX-2026-0001 Convention aurifère"], CasesOf(await RunAsync(_to, ["cases", "list", "--json"])));
    }

    [Fact]
    public async Task A_backup_never_replaces_an_existing_file_and_a_file_that_is_no_backup_is_named_as_such()
    {
        var existing = Path.Combine(_backups, "existing.zip");
        await File.WriteAllTextAsync(existing, "something else");

        var backup = await DeskProcess.RunAsync(["backup", existing], Environment(_from, _fromDatabase));
        var restore = await DeskProcess.RunAsync(["restore", existing], Environment(_to, _toDatabase));

        Assert.Equal(1, backup.ExitCode);
        Assert.Equal($"error: {existing} already exists; a backup never replaces a file. Give a new name.", backup.Error.Trim());
        Assert.Equal("something else", await File.ReadAllTextAsync(existing));
        Assert.Equal(1, restore.ExitCode);
        Assert.StartsWith($"error: {existing} is not a ConnexDesk backup", restore.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_backup_and_the_restore_are_in_the_audit_trail()
    {
        var file = Path.Combine(_backups, "desk.zip");
        await RunAsync(_from, ["cases", "create", "--country", "SN", "--organisation", "Ministère des Mines", "--title", "Convention aurifère"]);
        await RunAsync(_from, ["backup", file]);
        await RunAsync(_to, ["restore", file]);

        await using var from = DeskApplication.CreateBuilder(HostArguments(_from, _fromDatabase), forCommandLine: true).Build();
        await using var to = DeskApplication.CreateBuilder(HostArguments(_to, _toDatabase), forCommandLine: true).Build();
        var taken = await LastAuditEntryAsync(from);
        var putBack = await LastAuditEntryAsync(to);

        Assert.Equal((Domain.Audit.AuditAction.Export, $"backup {file}: 1 case(s), 0 account(s), 0 stored document file(s)"), taken);
        Assert.Equal(Domain.Audit.AuditAction.Change, putBack.Action);
        Assert.StartsWith($"restore {file} => Restored the backup of ", putBack.Target, StringComparison.Ordinal);
    }

    private static async Task<(Domain.Audit.AuditAction Action, string Target)> LastAuditEntryAsync(Microsoft.AspNetCore.Builder.WebApplication host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<Data.DeskDb>().AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
        return (entry.Action, entry.Target);
    }

    /// <summary>A copy of the backup with one byte of its database changed, its manifest left as it was.</summary>
    private static void Damage(string file, string damaged)
    {
        File.Copy(file, damaged);
        using var archive = ZipFile.Open(damaged, ZipArchiveMode.Update);
        var entry = archive.Entries.Single(e => e.FullName.StartsWith("database/", StringComparison.Ordinal));
        byte[] content;
        using (var stream = entry.Open())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            content = copy.ToArray();
        }
        content[content.Length / 2] ^= 0x01;
        var name = entry.FullName;
        entry.Delete();
        using var replaced = archive.CreateEntry(name).Open();
        replaced.Write(content);
    }

    /// <summary>
    /// A copy of the backup whose first document is plaintext, with a manifest rewritten to match it: what someone who
    /// knows the format could hand to an operator.
    /// </summary>
    private static void ReplaceFirstDocumentWithPlaintext(string file, string forged)
    {
        File.Copy(file, forged);
        using var archive = ZipFile.Open(forged, ZipArchiveMode.Update);
        var document = archive.Entries.First(e => e.FullName.StartsWith("blobs/", StringComparison.Ordinal));
        var name = document.FullName;
        var plaintext = "not what the desk stored"u8.ToArray();
        document.Delete();
        using (var replaced = archive.CreateEntry(name).Open())
            replaced.Write(plaintext);
        var manifestEntry = archive.GetEntry("manifest.json")!;
        System.Text.Json.Nodes.JsonNode manifest;
        using (var stream = manifestEntry.Open())
            manifest = System.Text.Json.Nodes.JsonNode.Parse(stream)!;
        var listed = manifest["entries"]!.AsArray().Single(e => (string?)e!["name"] == name)!;
        listed["size"] = plaintext.Length;
        listed["sha256"] = Convert.ToHexStringLower(SHA256.HashData(plaintext));
        manifestEntry.Delete();
        using var written = archive.CreateEntry("manifest.json").Open();
        written.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }

    private static List<string> CasesOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(c => $"{c.GetProperty("reference").GetString()} {c.GetProperty("title").GetString()}").ToList();
    }

    private async Task<string> RunAsync(CommandLineHome home, string[] args, string? input = null)
    {
        var run = await DeskProcess.RunAsync(args, Environment(home, home == _from ? _fromDatabase : _toDatabase), input);
        Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)}: {run.Error}");
        return run.Output;
    }

    private Dictionary<string, string> Environment(CommandLineHome home, string? database)
    {
        var environment = home.Environment();
        environment["Database__Provider"] = provider.ToString();
        if (database is not null)
            environment["ConnectionStrings__Desk"] = database;
        return environment;
    }

    private string[] HostArguments(CommandLineHome home, string? database) =>
        [$"--Desk:DataDirectory={home.DataDirectory}", $"--Database:Provider={provider}", .. database is null ? Array.Empty<string>() : [$"--ConnectionStrings:Desk={database}"]];
}

public sealed class BackupTestsOnSqlite() : BackupTests(DatabaseProvider.Sqlite);

public sealed class BackupTestsOnPostgres() : BackupTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task A_backup_of_an_sqlite_desk_is_refused_by_a_postgres_desk()
    {
        using var sqliteHome = new CommandLineHome();
        var file = Path.Combine(Path.GetTempPath(), $"connexdesk-{Guid.NewGuid():N}.zip");
        try
        {
            Assert.Equal(0, (await DeskProcess.RunAsync(["backup", file], sqliteHome.Environment())).ExitCode);
            var database = await TestPostgres.CreateDatabaseAsync();
            try
            {
                using var postgresHome = new CommandLineHome();
                var environment = postgresHome.Environment();
                environment["Database__Provider"] = "Postgres";
                environment["ConnectionStrings__Desk"] = database;

                var run = await DeskProcess.RunAsync(["restore", file], environment);

                Assert.Equal(1, run.ExitCode);
                Assert.Equal("error: The backup holds a Sqlite database and this desk runs on Postgres; restore it into a desk configured with Database:Provider=Sqlite.", run.Error.Trim());
            }
            finally
            {
                await TestPostgres.DropDatabaseAsync(database);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
