using System.CommandLine;
using ConnexDesk.Cli;
using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Features.Letters;

/// <summary>`letters preview`: a template in force, rendered over a sample case, for those who edit the wording.</summary>
public static class LetterCommands
{
    private static readonly string[] Formats = ["pdf", "docx"];

    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var command = new Command("letters", "The letters the unit sends.");
        command.Subcommands.Add(Preview(console));
        return command;
    }

    private static Command Preview(CommandConsole console)
    {
        var kind = new Option<string>("--kind") { Description = "acknowledgement, approval, decline or request-letter-template.", Required = true };
        var language = new Option<string>("--language") { Description = "en, fr, es or pt.", Required = true };
        var format = new Option<string>("--format") { Description = "pdf or docx.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var preview = new Command("preview", "Render the wording in force for a kind of letter and a language over a sample case.");
        preview.Options.Add(kind);
        preview.Options.Add(language);
        preview.Options.Add(format);
        preview.Options.Add(output);
        preview.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var letterKind = ParseKind(parsed.GetValue(kind)!);
            var letterLanguage = parsed.GetValue(language)!.Trim().ToLowerInvariant();
            if (!LetterLanguages.IsKnown(letterLanguage))
                throw new CommandFailedException($"--language '{letterLanguage}' is not one of en, fr, es, pt.");
            var fileFormat = parsed.GetValue(format)!.Trim().ToLowerInvariant();
            if (!Formats.Contains(fileFormat))
                throw new CommandFailedException($"--format '{fileFormat}' is not pdf or docx.");
            var file = parsed.GetValue(output)!;
            var wording = await LetterTemplates.CurrentAsync(services.GetRequiredService<DeskDb>(), letterKind, letterLanguage);
            var clock = services.GetRequiredService<TimeProvider>();
            var content = services.GetRequiredService<LetterComposer>().Compose(letterKind, wording,
                LetterFacts.Sample(letterKind, letterLanguage, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
            var bytes = fileFormat == "pdf" ? PdfLetter.Write(content) : DocxLetter.Write(content);
            try
            {
                await File.WriteAllBytesAsync(file.FullName, bytes);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                throw new CommandFailedException($"cannot write {file.FullName}: {failure.Message}");
            }
            var version = wording.Version == 0 ? "the wording shipped with the desk" : $"version {wording.Version}, saved by {wording.SavedBy}";
            return new CommandOutput($"Wrote {file.FullName}: {CaseWords.LetterKind(letterKind).ToLowerInvariant()} in {LetterLanguages.NativeName(letterLanguage)}, {fileFormat.ToUpperInvariant()}, {bytes.Length:N0} bytes, from {version}.",
                new { file = file.FullName, kind = letterKind, language = letterLanguage, format = fileFormat, bytes = bytes.Length, templateVersion = wording.Version, subject = content.Subject });
        }));
        return preview;
    }

    private static LetterKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "acknowledgement" or "acknowledgment" => LetterKind.Acknowledgement,
        "approval" => LetterKind.Approval,
        "decline" => LetterKind.Decline,
        "request-letter-template" or "request-letter" => LetterKind.RequestLetterTemplate,
        _ => throw new CommandFailedException($"--kind '{text}' is not one of acknowledgement, approval, decline, request-letter-template."),
    };
}
