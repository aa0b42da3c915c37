using System.CommandLine;
using ConnexDesk.Cli;
using MimeKit;

namespace ConnexDesk.Features.Intake;

/// <summary>`mail import PATH...`: .eml files, folders of them and mbox files, through the same pipeline as the mailbox.</summary>
public static class MailCommands
{
    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var paths = new Argument<string[]>("paths") { Description = ".eml files, folders (searched recursively for *.eml) and mbox files.", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Bring existing mail into the desk: each message is filed exactly once.");
        import.Arguments.Add(paths);
        import.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var ingest = services.GetRequiredService<IngestMessage>();
            var tally = new ImportTally();
            await ingest.RunManyAsync(ReadAllAsync(parsed.GetValue(paths)!, tally), (label, result) =>
            {
                tally.Count(label, result);
                return Task.CompletedTask;
            });
            var text = $"{tally.Imported} imported ({tally.Threaded} threaded onto existing cases), {tally.Duplicates} duplicate(s), {tally.Rejected.Count} rejected"
                + string.Concat(tally.Rejected.Select(r => $"{Environment.NewLine}  rejected {r.File}: {r.Reason}"));
            return new CommandOutput(text, new { imported = tally.Imported, threaded = tally.Threaded, duplicates = tally.Duplicates, rejected = tally.Rejected });
        }));
        var command = new Command("mail", "Mail intake.");
        command.Subcommands.Add(import);
        return command;
    }

    private static bool IsMbox(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[5];
        return stream.Read(head) == 5 && head.AsSpan().SequenceEqual("From "u8);
    }

    /// <summary>Every message under the paths given, labelled with where it came from; what cannot be read is tallied as rejected.</summary>
    private static async IAsyncEnumerable<(string Label, Delivery Delivery)> ReadAllAsync(string[] paths, ImportTally tally)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    yield return (file, Import(await File.ReadAllBytesAsync(file)));
            }
            else if (!File.Exists(path))
            {
                tally.Rejected.Add(new Rejection(path, "no such file or folder"));
            }
            else if (!IsMbox(path))
            {
                yield return (path, Import(await File.ReadAllBytesAsync(path)));
            }
            else
            {
                await foreach (var entry in ReadMboxAsync(path, tally))
                    yield return entry;
            }
        }
    }

    private static async IAsyncEnumerable<(string Label, Delivery Delivery)> ReadMboxAsync(string path, ImportTally tally)
    {
        await using var stream = File.OpenRead(path);
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var index = 0;
        while (!parser.IsEndOfStream)
        {
            index++;
            MimeMessage message;
            try
            {
                message = await parser.ParseMessageAsync();
            }
            catch (FormatException failure)
            {
                tally.Rejected.Add(new Rejection($"{path}#{index}", "unreadable mbox entry: " + failure.Message));
                yield break;
            }
            using var raw = new MemoryStream();
            await message.WriteToAsync(raw);
            yield return ($"{path}#{index}", Import(raw.ToArray()));
        }
    }

    private static Delivery Import(byte[] raw) => new(raw, "import", "import:" + BlobKey(raw));

    private static string BlobKey(byte[] raw) => Infrastructure.BlobStore.Hash(raw);

    public sealed record Rejection(string File, string Reason);

    private sealed class ImportTally
    {
        public int Imported { get; private set; }
        public int Threaded { get; private set; }
        public int Duplicates { get; private set; }
        public List<Rejection> Rejected { get; } = [];

        public void Count(string file, IngestResult result)
        {
            switch (result.Outcome)
            {
                case IngestOutcome.Duplicate:
                    Duplicates++;
                    break;
                case IngestOutcome.Quarantined:
                    // Kept (raw, in quarantine) but not taken in: staff see it in the inbox.
                    Rejected.Add(new Rejection(file, "quarantined: " + result.Reason));
                    break;
                case IngestOutcome.Threaded:
                    Imported++;
                    Threaded++;
                    break;
                case IngestOutcome.NewInquiry:
                case IngestOutcome.Unfiled:
                    Imported++;
                    break;
            }
        }
    }
}
