using System.CommandLine;
using ConnexDesk.Cli;

namespace ConnexDesk.Features.Experts;

/// <summary>`experts import`.</summary>
public static class ExpertCommands
{
    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var command = new Command("experts", "The roster of experts.");
        var file = new Argument<FileInfo>("file") { Description = $"A CSV file with the columns {RosterFile.Columns}." };
        var import = new Command("import", "Add or update experts from a CSV file (one expert per email address). A file with any bad row imports nothing and names every bad row.");
        import.Arguments.Add(file);
        import.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
                throw new CommandFailedException($"{path.FullName} does not exist.");
            var result = await services.GetRequiredService<ExpertRoster>().ImportAsync(await File.ReadAllBytesAsync(path.FullName));
            if (!result.Succeeded)
            {
                var shown = string.Join("; ", result.Problems.Take(5));
                var more = result.Problems.Count > 5 ? $"; and {result.Problems.Count - 5} more bad rows" : "";
                throw new CommandFailedException($"{path.Name}: nothing imported, {result.Problems.Count} bad row(s): {shown}{more}.");
            }
            return new CommandOutput($"{result.Added} expert(s) added, {result.Updated} updated.", new { added = result.Added, updated = result.Updated });
        }));
        command.Subcommands.Add(import);
        return command;
    }
}
