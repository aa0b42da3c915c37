using System.CommandLine;
using System.Text;
using ConnexDesk.Cli;
using ConnexDesk.Domain;

namespace ConnexDesk.Features.Access;

/// <summary>`user add`, `user disable`, `user reset-two-factor`: accounts managed from the server's shell; the first administrator is made this way.</summary>
public static class UserCommands
{
    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var email = new Option<string>("--email") { Description = "The person's email address; it is also the sign-in name.", Required = true };
        var name = new Option<string>("--name") { Description = "Full name as shown in the desk.", Required = true };
        var role = new Option<string>("--role") { Description = "FocalPoint, CaseOfficer, Manager, Expert or Administrator.", Required = true };
        var organisation = new Option<int?>("--organisation") { Description = "For a FocalPoint: the id of the requesting organisation." };

        var add = new Command("add", "Create an account. The password is read from standard input.");
        add.Options.Add(email);
        add.Options.Add(name);
        add.Options.Add(role);
        add.Options.Add(organisation);
        add.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            if (!Roles.TryParse(parsed.GetValue(role), out var chosenRole))
                throw new CommandFailedException($"Unknown role '{parsed.GetValue(role)}'; use one of {string.Join(", ", Roles.All)}.");
            var password = await ReadPasswordAsync(console);
            var result = await services.GetRequiredService<AddUser>().RunAsync(new NewUser(
                parsed.GetValue(email)!, parsed.GetValue(name)!, chosenRole, password, parsed.GetValue(organisation)));
            if (!result.Succeeded)
                throw new CommandFailedException(result.Error!);
            var user = result.User!;
            return new CommandOutput($"Created {chosenRole} {user.Email}.",
                new { id = user.Id, email = user.Email, name = user.DisplayName, role = chosenRole.ToString(), organisationId = user.OrganisationId });
        }));

        var disableEmail = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the account is closed; it goes into the audit trail.", Required = true };
        var disable = new Command("disable", "Close an account: it cannot sign in any more, and an open session ends on its next request.");
        disable.Options.Add(disableEmail);
        disable.Options.Add(reason);
        disable.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var error = await services.GetRequiredService<DisableUser>().RunAsync(parsed.GetValue(disableEmail)!, parsed.GetValue(reason)!, Domain.Cases.CaseActor.CommandLine);
            if (error is not null)
                throw new CommandFailedException(error);
            return new CommandOutput($"Closed {parsed.GetValue(disableEmail)!.Trim()}.", new { email = parsed.GetValue(disableEmail)!.Trim(), disabled = true });
        }));

        var resetEmail = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var resetReason = new Option<string>("--reason") { Description = "How you checked who asked; it goes into the audit trail.", Required = true };
        var reset = new Command("reset-two-factor", "For someone who lost their phone and their recovery codes: remove their authenticator; they set up a new one at their next sign-in.");
        reset.Options.Add(resetEmail);
        reset.Options.Add(resetReason);
        reset.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var error = await services.GetRequiredService<ResetTwoFactor>().RunAsync(parsed.GetValue(resetEmail)!, parsed.GetValue(resetReason)!, Domain.Cases.CaseActor.CommandLine);
            if (error is not null)
                throw new CommandFailedException(error);
            return new CommandOutput($"The second factor of {parsed.GetValue(resetEmail)!.Trim()} is reset; they set up a new one at their next sign-in.",
                new { email = parsed.GetValue(resetEmail)!.Trim(), twoFactorReset = true });
        }));

        var command = new Command("user", "Manage the people who can sign in.");
        command.Subcommands.Add(add);
        command.Subcommands.Add(disable);
        command.Subcommands.Add(reset);
        return command;
    }

    private static async Task<string> ReadPasswordAsync(CommandConsole console)
    {
        if (!console.IsInteractive)
        {
            var line = await console.Input.ReadLineAsync();
            return string.IsNullOrEmpty(line)
                ? throw new CommandFailedException("No password on standard input; pipe it in, e.g. `printf '%s\\n' \"$PASSWORD\" | ConnexDesk user add ...`.")
                : line;
        }

        await console.Error.WriteAsync("Password (not shown): ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                    password.Length--;
                continue;
            }
            password.Append(key.KeyChar);
        }
        await console.Error.WriteLineAsync();
        return password.Length == 0 ? throw new CommandFailedException("No password given.") : password.ToString();
    }
}
