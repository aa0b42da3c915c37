using System.CommandLine;
using ConnexDesk.Cli;

namespace ConnexDesk.Features.Audit;

/// <summary>`audit verify`: exit 0 when the chain is intact, otherwise name the first broken entry.</summary>
public static class AuditCommands
{
    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var verify = new Command("verify", "Check the hash chain of the audit trail from its first entry to its last; name the first broken entry.");
        verify.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var (broken, entries, lastHash) = await AuditTrail.VerifyAsync(services.GetRequiredService<Data.DeskDb>());
            if (broken is not null)
                throw new CommandFailedException($"the audit chain is broken at entry {broken.Sequence}: {broken.Problem}. The {entries} entries before it are intact.");
            return new CommandOutput($"The audit chain is intact: {entries} entries" + (lastHash is null ? "." : $", the last with hash {lastHash}."),
                new { intact = true, entries, lastHash });
        }));
        var command = new Command("audit", "The tamper-evident audit trail.");
        command.Subcommands.Add(verify);
        return command;
    }
}
