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
