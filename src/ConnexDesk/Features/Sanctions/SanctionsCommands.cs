using System.CommandLine;
using System.Globalization;
using ConnexDesk.Cli;

namespace ConnexDesk.Features.Sanctions;

/// <summary>`sanctions import | screen | lists`.</summary>
public static class SanctionsCommands
{
    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var command = new Command("sanctions", "Import sanctions lists and screen names against them.");
        command.Subcommands.Add(Import(console));
        command.Subcommands.Add(Screen(console));
        command.Subcommands.Add(Lists(console));
        return command;
    }

    private static Command Import(CommandConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The UN Security Council Consolidated List XML or an EU Financial Sanctions Files XML export." };
        var import = new Command("import", "Import a list file as the list's new version in force. The format is read from the file; a file that fails to parse changes nothing.");
        import.Arguments.Add(file);
        import.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
                throw new CommandFailedException($"{path.FullName} does not exist.");
            if (path.Length > SanctionsLists.MaxFileBytes)
                throw new CommandFailedException($"{path.Name} is larger than {SanctionsLists.MaxFileBytes / 1024 / 1024} MB.");
            var result = await services.GetRequiredService<SanctionsLists>().ImportAsync(await File.ReadAllBytesAsync(path.FullName), "Command line");
            if (result.Version is not { } version)
                throw new CommandFailedException($"{path.Name} was not imported: {result.Problem}");
            var changed = await services.GetRequiredService<ScreenCounterparties>().ScreenOpenCasesAsync(Domain.Cases.CaseActor.CommandLine);
            var flagged = changed.Count == 0 ? "No open case has a new possible hit." : $"Open cases with new possible hits to review: {string.Join(", ", changed)}.";
            return new CommandOutput($"Imported {version.Label}: {version.Entries.Count} entries, now in force. {flagged}", new
            {
                casesWithNewHits = changed,
                list = version.List,
                label = version.Label,
                version = version.Id,
                entries = version.Entries.Count,
                names = version.Entries.Sum(e => e.Names.Count),
                generatedAt = version.GeneratedAt,
                sha256 = version.Sha256,
            });
        }));
        return import;
    }

    private static Command Screen(CommandConsole console)
    {
        var name = new Argument<string>("name") { Description = "The name of a person or company." };
        var screen = new Command("screen", "The possible hits for a name in the list versions in force; an empty list when there is none.");
        screen.Arguments.Add(name);
        screen.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var (index, versions) = await services.GetRequiredService<SanctionsLists>().IndexAsync();
            if (versions.Count == 0)
                throw new CommandFailedException("no sanctions list is imported yet: run `sanctions import FILE` first.");
            var hits = index.Screen(parsed.GetValue(name)!);
            var text = hits.Count == 0
                ? $"No possible hit in {string.Join(" and ", versions.Select(v => v.Label))}."
                : string.Join(Environment.NewLine, hits.Select(h => $"{h.Score.ToString("0.000", CultureInfo.InvariantCulture)}  {h.ListEntry}  [{SanctionsLists.ListName(h.Entry.List)}]  as \"{h.MatchedName}\""));
            return new CommandOutput(text, hits.Select(h => new
            {
                name = h.Name,
                listEntry = h.ListEntry,
                list = SanctionsLists.ListName(h.Entry.List),
                score = h.Score,
                matchedName = h.MatchedName,
                reference = h.Entry.Reference,
            }));
        }));
        return screen;
    }

    private static Command Lists(CommandConsole console)
    {
        var lists = new Command("lists", "Every imported version, the ones in force first.");
        lists.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var store = services.GetRequiredService<SanctionsLists>();
            var inForce = (await store.InForceAsync()).Select(v => v.Id).ToHashSet();
            var all = await store.AllAsync();
            var text = all.Count == 0 ? "No sanctions list imported yet." : string.Join(Environment.NewLine, all.Select(v => $"{(inForce.Contains(v.Id) ? "in force" : "        ")}  {v.Label}  imported {v.ImportedAt:yyyy-MM-dd HH:mm} by {v.ImportedBy}"));
            return new CommandOutput(text, all.Select(v => new { list = v.List, label = v.Label, version = v.Id, inForce = inForce.Contains(v.Id), importedAt = v.ImportedAt, importedBy = v.ImportedBy, sha256 = v.Sha256 }));
        }));
        return lists;
    }
}
