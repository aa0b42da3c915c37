using System.CommandLine;
using ConnexDesk.Cli;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Features.Backup;

/// <summary>`backup FILE` and `restore FILE [--replace]`.</summary>
public static class BackupCommands
{
    public static IEnumerable<Command> Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var backupFile = new Argument<string>("FILE") { Description = "The backup file to write; it must not exist yet." };
        var backup = new Command("backup", "Write the whole desk (database and stored documents) into one file, readable by its owner only.") { backupFile };
        backup.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var manifest = await services.GetRequiredService<DeskBackup>().WriteAsync(parsed.GetValue(backupFile)!);
            var file = Path.GetFullPath(parsed.GetValue(backupFile)!);
            var size = new FileInfo(file).Length;
            // Everything the desk knows leaves in that file: the trail says who took it, and where to.
            var actor = CaseActor.CommandLine;
            await services.GetRequiredService<Audit.AuditTrail>().RecordAsync(new AuditRecord(
                services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, actor.UserId, actor.Name, null, null, AuditAction.Export,
                $"backup {file}: {manifest.Cases} case(s), {manifest.Users} account(s), {manifest.StoredFiles} stored document file(s)"));
            return new CommandOutput(
                $"Backup written to {file} ({size:N0} bytes): {manifest.Cases} case(s), {manifest.Users} account(s), {manifest.Documents} case document(s), {manifest.StoredFiles} stored file(s). Keep it as safe as the desk: it holds the keys to its documents.",
                new { file, bytes = size, provider = manifest.Provider, createdAt = manifest.CreatedAt, migration = manifest.Migration, cases = manifest.Cases, users = manifest.Users, documents = manifest.Documents, storedFiles = manifest.StoredFiles });
        }));

        var restoreFile = new Argument<string>("FILE") { Description = "A file written by backup." };
        var replace = new Option<bool>("--replace") { Description = "Replace a desk that already holds cases or accounts (stop the desk first)." };
        var restore = new Command("restore", "Put the desk back as a backup file holds it; every entry is checked before anything changes.") { restoreFile, replace };
        restore.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var file = Path.GetFullPath(parsed.GetValue(restoreFile)!);
            var manifest = await services.GetRequiredService<DeskBackup>().RestoreAsync(file, parsed.GetValue(replace));
            return new CommandOutput(
                $"Restored the backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC from {file}: {manifest.Cases} case(s), {manifest.Users} account(s), {manifest.Documents} case document(s), {manifest.StoredFiles} stored file(s). Start the desk again.",
                new { file, restored = true, provider = manifest.Provider, createdAt = manifest.CreatedAt, migration = manifest.Migration, cases = manifest.Cases, users = manifest.Users, documents = manifest.Documents, storedFiles = manifest.StoredFiles });
        }));
        return [backup, restore];
    }
}
