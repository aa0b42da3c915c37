using System.CommandLine;
using ConnexDesk.Cli;

namespace ConnexDesk.Features.Experts;

/// <summary>`experts import` and `experts match`.</summary>
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

        var reference = new Argument<string>("reference") { Description = "The case reference, e.g. CNX-2026-0001." };
        var match = new Command("match", "Rank the whole roster for a case, with the reasons for each place and any conflicts; ineligible experts are listed last with eligible false.");
        match.Arguments.Add(reference);
        match.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var found = await Cases.CaseCommands.LoadAsync(services, parsed.GetValue(reference)!, "experts match");
            var ranked = await services.GetRequiredService<Matching.MatchExperts>().RankAsync(found);
            var json = ranked.Select(m => new
            {
                expert = m.Expert.Name,
                score = m.Score,
                reasons = m.Ineligible.Concat(m.Reasons).Select(r => r.ToString()),
                conflicts = m.Conflicts.Select(c => $"{c.Counterparty}: {c.Reason}" + (c.Blocking ? "" : " (shown, not blocking)")),
                eligible = m.Eligible,
            });
            var text = string.Join(Environment.NewLine, ranked.Take(20).Select((m, i) =>
                $"{i + 1,3}. {m.Expert.Name} {m.Score:0.0}{(m.Eligible ? "" : " NOT ELIGIBLE: " + string.Join("; ", m.Ineligible))}{Environment.NewLine}     {string.Join("; ", m.Reasons)}"));
            return new CommandOutput(ranked.Count == 0 ? "The roster is empty." : text, json);
        }));
        command.Subcommands.Add(match);
        return command;
    }
}
