using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConnexDesk.Data;
using ConnexDesk.Features.Access;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;

namespace ConnexDesk.Cli;

/// <summary>
/// The admin commands. Each runs against the same configuration and services as the web app, applies pending
/// migrations first, prints its result on stdout (JSON with --json) and reports failure as one line on stderr.
/// </summary>
public static class DeskCommandLine
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on standard output.",
        Recursive = true,
    };

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Names in any script, printed as they are: the output goes to a terminal or a script, never into a web page.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly string[] HelpWords = ["--help", "-h", "-?", "--version"];

    /// <summary>
    /// Commands that change nothing, and those that record their own entry (a case read, an account's permissions):
    /// every other command that succeeds goes into the audit trail as a change made on the command line.
    /// </summary>
    private static readonly HashSet<string> NotRecordedAsChanges = new(StringComparer.Ordinal)
    {
        "audit verify", "cases list", "cases show", "cases lifecycle", "eligibility check", "eligibility lists", "experts match", "sanctions screen",
        "sanctions lists", "letters preview", "backup",
        "user add", "user disable", "user reset-two-factor",
    };

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || HelpWords.Contains(args[0]));

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, TextReader? input = null)
    {
        var console = new CommandConsole(output ?? Console.Out, error ?? Console.Error, input ?? Console.In, input is null && !Console.IsInputRedirected);
        var root = new RootCommand("ConnexDesk: the case desk of a negotiation-support unit. Without a command it serves the desk.");
        root.Options.Add(Json);
        root.Subcommands.Add(Simple("migrate", "Apply pending database migrations.", console, MigrateAsync));
        root.Subcommands.Add(Simple("seed-demo", "Add the demonstration users and organisations (Development only).", console, SeedDemoAsync));
        root.Subcommands.Add(UserCommands.Create(console));
        root.Subcommands.Add(CaseCommands.Create(console));
        root.Subcommands.Add(Features.Eligibility.EligibilityCommands.Create(console));
        root.Subcommands.Add(Features.Intake.MailCommands.Create(console));
        root.Subcommands.Add(Features.Letters.LetterCommands.Create(console));
        root.Subcommands.Add(Features.Sanctions.SanctionsCommands.Create(console));
        root.Subcommands.Add(Features.Experts.ExpertCommands.Create(console));
        root.Subcommands.Add(Features.Audit.AuditCommands.Create(console));
        foreach (var command in Features.Backup.BackupCommands.Create(console))
            root.Subcommands.Add(command);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await console.Error.WriteLineAsync("error: " + string.Join(" ", parsed.Errors.Select(e => e.Message)));
            return 2;
        }
        return await parsed.InvokeAsync();
    }

    /// <summary>Builds the desk's services, migrates, runs the body and turns its outcome into output and an exit code.</summary>
    public static async Task<int> ExecuteAsync(ParseResult parsed, CommandConsole console, Func<IServiceProvider, Task<CommandOutput>> body)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await using var app = DeskApplication.CreateBuilder([], forCommandLine: true).Build();
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            await DeskDatabase.MigrateAsync(services.GetRequiredService<DeskDb>());
            await services.GetRequiredService<Infrastructure.BlobStore>().EncryptPlaintextFilesAsync();
            var result = await body(services);
            await RecordChangeAsync(parsed, services, result);
            if (parsed.GetValue(Json))
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(result.Json, JsonOutput));
            else
                await console.Output.WriteLineAsync(result.Text);
            return 0;
        }
        catch (CommandFailedException failure)
        {
            await console.Error.WriteLineAsync("error: " + failure.Message);
            return 1;
        }
        catch (DeskConfigurationException failure)
        {
            await console.Error.WriteLineAsync("error: " + failure.Message);
            return 1;
        }
#pragma warning disable CA1031 // The CLI's contract is one line on stderr and a non-zero exit, whatever went wrong.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"error: {failure.GetType().Name}: {failure.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    /// <summary>A successful changing command, as typed (arguments only: passwords come on standard input), with what it answered.</summary>
    private static async Task RecordChangeAsync(ParseResult parsed, IServiceProvider services, CommandOutput result)
    {
        var path = new List<string>();
        for (var command = parsed.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
            path.Insert(0, command.Command.Name);
        var name = string.Join(' ', path.Skip(1));
        if (name.Length == 0 || NotRecordedAsChanges.Contains(name))
            return;
        var typed = string.Join(' ', parsed.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
        var what = $"{typed} => {result.Text.ReplaceLineEndings(" ")}";
        string? reference = Domain.Cases.CaseReference.TryFind(result.Text, out var found) || Domain.Cases.CaseReference.TryFind(typed, out found) ? found.ToString() : null;
        var actor = Domain.Cases.CaseActor.CommandLine;
        await services.GetRequiredService<Features.Audit.AuditTrail>().RecordAsync(new Domain.Audit.AuditRecord(
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, actor.UserId, actor.Name, null, reference, Domain.Audit.AuditAction.Change,
            what.Length > 1000 ? what[..1000] + "…" : what));
    }

    private static Command Simple(string name, string description, CommandConsole console, Func<IServiceProvider, Task<CommandOutput>> body)
    {
        var command = new Command(name, description);
        command.SetAction((parsed, _) => ExecuteAsync(parsed, console, body));
        return command;
    }

    private static async Task<CommandOutput> MigrateAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<DeskDb>();
        var provider = db.Database.ProviderName ?? "unknown";
        // ExecuteAsync has already migrated; report where.
        return new CommandOutput($"Database is up to date ({provider}).", new { migrated = true, provider });
    }

    private static async Task<CommandOutput> SeedDemoAsync(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        if (!environment.IsDevelopment())
            throw new CommandFailedException($"seed-demo creates accounts whose passwords are published; it runs only in the Development environment (this is {environment.EnvironmentName}).");
        var added = await services.GetRequiredService<DemoData>().SeedAsync();
        var logins = DemoData.Logins.Select(l => new { email = l.Email, role = l.Role.ToString() }).ToList();
        var text = $"Demo data: {added} record(s) added. Password for every demo login: {DemoData.Password}{Environment.NewLine}"
            + string.Join(Environment.NewLine, logins.Select(l => $"  {l.role,-14} {l.email}"));
        return new CommandOutput(text, new { added, password = DemoData.Password, logins });
    }
}

/// <summary>What a command prints: a sentence for people, an object for --json.</summary>
public sealed record CommandOutput(string Text, object Json);

/// <summary>A command that cannot do what was asked; the message is the one line the operator sees.</summary>
public sealed class CommandFailedException(string message) : Exception(message);

public sealed record CommandConsole(TextWriter Output, TextWriter Error, TextReader Input, bool IsInteractive);
