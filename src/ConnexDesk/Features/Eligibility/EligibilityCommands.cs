using System.CommandLine;
using System.Globalization;
using ConnexDesk.Cli;
using ConnexDesk.Domain.Eligibility;

namespace ConnexDesk.Features.Eligibility;

/// <summary>`eligibility check | lists | import`.</summary>
public static class EligibilityCommands
{
    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var command = new Command("eligibility", "Check countries against the eligibility lists and load new list versions.");
        command.Subcommands.Add(Check(console));
        command.Subcommands.Add(Lists(console));
        command.Subcommands.Add(Import(console));
        return command;
    }

    private static Command Check(CommandConsole console)
    {
        var code = new Argument<string>("country") { Description = "ISO 3166 alpha-2 or alpha-3 code, any case (XK or XKX for Kosovo)." };
        var on = new Option<string?>("--on") { Description = "The date to check (YYYY-MM-DD); today by default." };
        var check = new Command("check", "Does a country meet the country criterion on a date, and why.");
        check.Arguments.Add(code);
        check.Options.Add(on);
        check.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var date = ParseDate(parsed.GetValue(on), "--on");
            var assessment = await services.GetRequiredService<AssessEligibility>().CountryAsync(parsed.GetValue(code)!, date)
                ?? throw new CommandFailedException($"'{parsed.GetValue(code)}' is not an ISO 3166 alpha-2 or alpha-3 country code.");
            var text = $"{assessment.CountryCode} {(assessment.Eligible ? "eligible" : "not eligible")} on {assessment.On:yyyy-MM-dd} [{string.Join(", ", assessment.Basis)}]{Environment.NewLine}{assessment.Explanation}";
            return new CommandOutput(text, new
            {
                country = assessment.CountryCode,
                eligible = assessment.Eligible,
                basis = assessment.Basis,
                listVersion = assessment.ListVersion,
                explanation = assessment.Explanation,
                on = assessment.On,
            });
        }));
        return check;
    }

    private static Command Lists(CommandConsole console)
    {
        var lists = new Command("lists", "The list versions loaded, with the dates from which they are in force.");
        lists.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var versions = (await services.GetRequiredService<ReferenceLists>().AllAsync())
                .OrderBy(v => v.Kind).ThenBy(v => v.EffectiveFrom).ToList();
            var text = string.Join(Environment.NewLine, versions.Select(v => $"{v.Kind,-22} from {v.EffectiveFrom:yyyy-MM-dd}  {v.Entries.Count,4} countries  {v.Label}"));
            return new CommandOutput(text, versions.Select(v => new
            {
                kind = v.Kind,
                label = v.Label,
                effectiveFrom = v.EffectiveFrom,
                countries = v.Entries.Count,
                importedAt = v.ImportedAt,
                importedBy = v.ImportedBy,
                sha256 = v.Sha256,
            }));
        }));
        return lists;
    }

    private static Command Import(CommandConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV file in the columns of the reference files." };
        var kind = new Option<string>("--list") { Description = "dac, wesp or ldc.", Required = true };
        var effective = new Option<string>("--effective") { Description = "The date from which this version is in force (YYYY-MM-DD).", Required = true };
        var label = new Option<string>("--label") { Description = "How decisions will name this version, e.g. \"OECD DAC List of ODA Recipients, 2027 flows\".", Required = true };
        var source = new Option<string?>("--source") { Description = "Where the list comes from (publication, address, date)." };
        var import = new Command("import", "Load a new version of a list. A file with any bad row changes nothing.");
        import.Arguments.Add(file);
        import.Options.Add(kind);
        import.Options.Add(effective);
        import.Options.Add(label);
        import.Options.Add(source);
        import.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var listKind = ParseKind(parsed.GetValue(kind)!);
            var from = ParseDate(parsed.GetValue(effective), "--effective")!.Value;
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
                throw new CommandFailedException($"{path.FullName} does not exist.");
            var result = await services.GetRequiredService<ReferenceLists>().ImportAsync(new NewListVersion(
                listKind, parsed.GetValue(label)!, from, parsed.GetValue(source) ?? path.Name, await File.ReadAllBytesAsync(path.FullName), "command line"));
            if (!result.Succeeded)
                throw new CommandFailedException(string.Join(" ", result.Errors.Take(5)) + (result.Errors.Count > 5 ? $" (and {result.Errors.Count - 5} more)" : ""));
            var version = result.Version!;
            return new CommandOutput($"Loaded {version.Entries.Count} countries as '{version.Label}', in force from {version.EffectiveFrom:yyyy-MM-dd}.",
                new { kind = version.Kind, label = version.Label, effectiveFrom = version.EffectiveFrom, countries = version.Entries.Count, sha256 = version.Sha256 });
        }));
        return import;
    }

    public static ListKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "dac" => ListKind.DacRecipients,
        "wesp" or "transition" => ListKind.EconomiesInTransition,
        "ldc" => ListKind.LeastDeveloped,
        _ => throw new CommandFailedException($"Unknown list '{text}'; use dac, wesp or ldc."),
    };

    private static DateOnly? ParseDate(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CommandFailedException($"{option} '{text}' is not a date; use YYYY-MM-DD.");
    }
}
