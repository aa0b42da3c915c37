using System.Net;
using System.Text.RegularExpressions;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Features.Access;
using ConnexDesk.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Access;

public sealed partial class TwoFactorTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private static Dictionary<string, string> Code(string code, bool remember = false) =>
        remember ? new() { ["code"] = code, ["rememberBrowser"] = "true" } : new() { ["code"] = code };

    private Task<List<AuditEntry>> AuditOfAsync(string userId) =>
        desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().AuditEntries.AsNoTracking().Where(e => e.ActorId == userId).ToListAsync());

    [Fact]
    public async Task Staff_without_a_second_factor_reach_nothing_but_the_page_that_sets_it_up()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer, twoFactor: false);
        var client = desk.Client();

        var signIn = await client.SignInAsync(officer.Email, officer.Password);
        var cases = await client.GetAsync("/cases");
        var setUpPage = await client.GetStringAsync("/account/two-factor");
        var key = SharedKey().Match(setUpPage).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var wrong = Forms.Text(await (await client.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable", Code("000000"))).Content.ReadAsStringAsync());
        var enabled = await client.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable", Code((officer with { AuthenticatorKey = key }).AuthenticatorCode()));
        var codes = RecoveryCode().Matches(await enabled.Content.ReadAsStringAsync());
        var casesAfter = await client.GetAsync("/cases");

        Assert.Equal("/desk", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, cases.StatusCode);
        Assert.Equal("/account/two-factor?returnUrl=%2Fcases", cases.Headers.Location?.OriginalString);
        Assert.Contains("Your role requires a second factor", Forms.Text(setUpPage), StringComparison.Ordinal);
        Assert.Contains("<svg", setUpPage, StringComparison.Ordinal);
        Assert.Contains("That code is not valid", wrong, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(TwoFactorModel.RecoveryCodeCount, codes.Count);
        Assert.Equal(HttpStatusCode.OK, casesAfter.StatusCode);
        Assert.Contains(await AuditOfAsync(officer.Id), e => e.Action == AuditAction.PermissionChange && e.Target.EndsWith("set up an authenticator app", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_in_asks_for_the_authenticator_code_and_a_wrong_code_opens_nothing()
    {
        var manager = await desk.CreateUserAsync(Role.Manager);
        var client = desk.Client();

        var password = await client.SignInAsync(manager.Email, manager.Password);
        var between = await client.GetAsync("/cases");
        var secondStep = password.Headers.Location!.OriginalString;
        var wrong = Forms.Text(await (await client.PostFormAsync(secondStep, secondStep, Code("123456"))).Content.ReadAsStringAsync());
        var stillOut = await client.GetAsync("/cases");
        var right = await client.PostFormAsync(secondStep, secondStep, Code(manager.AuthenticatorCode()));

        Assert.StartsWith("/sign-in/two-factor", secondStep, StringComparison.Ordinal);
        Assert.StartsWith("/sign-in", between.Headers.Location?.PathAndQuery ?? between.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("That code is not valid", wrong, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
        Assert.Equal("/desk", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);
        var audit = await AuditOfAsync(manager.Id);
        Assert.Contains(audit, e => e.Action == AuditAction.SignInFailed && e.Target == "wrong authenticator code");
        Assert.Contains(audit, e => e.Action == AuditAction.SignIn && e.Target == "password and authenticator code");
    }

    [Fact]
    public async Task Guessing_codes_locks_the_account_like_guessing_passwords()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var client = desk.Client();
        var password = await client.SignInAsync(officer.Email, officer.Password);
        var secondStep = password.Headers.Location!.OriginalString;

        var pages = new List<string>();
        for (var guess = 0; guess < SignInRules.MaxFailedAttempts; guess++)
            pages.Add(Forms.Text(await (await client.PostFormAsync(secondStep, secondStep, Code($"{100000 + guess}"))).Content.ReadAsStringAsync()));
        var withTheRightCode = await client.PostFormAsync(secondStep, secondStep, Code(officer.AuthenticatorCode()));

        Assert.Contains("That code is not valid", pages[0], StringComparison.Ordinal);
        Assert.Contains("This account is locked", pages[^1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withTheRightCode.StatusCode);
        Assert.Contains("This account is locked", Forms.Text(await withTheRightCode.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains(await AuditOfAsync(officer.Id), e => e.Action == AuditAction.SignInFailed && e.Target == "locked out at the second factor");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_never_again()
    {
        var expert = await desk.CreateUserAsync(Role.Expert);
        var codes = await desk.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<DeskUser>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(expert.Id))!, 10))!.ToList();
        });

        async Task<HttpResponseMessage> WithRecoveryAsync(string code)
        {
            var client = desk.Client();
            var password = await client.SignInAsync(expert.Email, expert.Password);
            var recovery = password.Headers.Location!.OriginalString;
            return await client.PostFormAsync(recovery, recovery.Replace("/sign-in/two-factor?", "/sign-in/two-factor?handler=Recovery&", StringComparison.Ordinal), Code(code));
        }
        var first = await WithRecoveryAsync(codes[0]);
        var second = await WithRecoveryAsync(codes[0]);

        Assert.Equal("/desk", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("not valid, or was used already", Forms.Text(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remembered_browser_is_not_asked_for_the_code_again_and_another_browser_is()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var remembered = desk.Client();
        var password = await remembered.SignInAsync(officer.Email, officer.Password);
        var secondStep = password.Headers.Location!.OriginalString;
        await remembered.PostFormAsync(secondStep, secondStep, Code(officer.AuthenticatorCode(), remember: true));
        await remembered.PostFormAsync("/desk", "/sign-out", new Dictionary<string, string>());
        var signedOut = await remembered.GetAsync("/cases");

        var again = await remembered.SignInAsync(officer.Email, officer.Password);
        var otherBrowser = await desk.Client().SignInAsync(officer.Email, officer.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/desk", again.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await remembered.GetAsync("/cases")).StatusCode);
        Assert.StartsWith("/sign-in/two-factor", otherBrowser.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_by_mailed_link_signs_nobody_in_and_still_asks_for_the_code()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var client = desk.Client();

        var asked = Forms.Text(await (await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["email"] = officer.Email })).Content.ReadAsStringAsync());
        var unknown = Forms.Text(await (await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["email"] = $"nobody-{Guid.NewGuid():N}@test.connexdesk.org" })).Content.ReadAsStringAsync());
        var mail = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.SingleAsync(m => m.ToAddress == officer.Email));
        var link = new Uri(mail.TextBody.Split('\n').Single(l => l.Contains("/account/reset-password", StringComparison.Ordinal)).Trim()).PathAndQuery;
        var set = await client.PostFormAsync(link, link, new Dictionary<string, string> { ["password"] = "a fresh passphrase here", ["repeat"] = "a fresh passphrase here" });
        var afterReset = await client.GetAsync("/cases");
        var reused = Forms.Text(await (await client.PostFormAsync(link, link, new Dictionary<string, string> { ["password"] = "yet another passphrase", ["repeat"] = "yet another passphrase" })).Content.ReadAsStringAsync());
        var signIn = await client.SignInAsync(officer.Email, "a fresh passphrase here");

        Assert.Contains("If this address has an account", asked, StringComparison.Ordinal);
        Assert.Contains("If this address has an account", unknown, StringComparison.Ordinal);
        Assert.Equal("/sign-in?passwordSet=1", set.Headers.Location?.OriginalString);
        Assert.StartsWith("/sign-in", afterReset.Headers.Location?.PathAndQuery ?? afterReset.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("This link is not valid any more", reused, StringComparison.Ordinal);
        Assert.Contains("Ask for a new link", reused, StringComparison.Ordinal);
        Assert.StartsWith("/sign-in/two-factor", signIn.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_reads_why_a_password_is_refused_in_the_language_chosen()
    {
        var focal = await desk.CreateUserAsync(Role.FocalPoint);
        var client = desk.Client();
        await client.GetAsync("/language/fr?returnUrl=%2F");
        await client.PostFormAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["email"] = focal.Email });
        var mail = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.SingleAsync(m => m.ToAddress == focal.Email));
        var link = new Uri(mail.TextBody.Split('\n').Single(l => l.Contains("/account/reset-password", StringComparison.Ordinal)).Trim()).PathAndQuery;

        var tooShort = Forms.Text(await (await client.PostFormAsync(link, link, new Dictionary<string, string> { ["password"] = "court", ["repeat"] = "court" })).Content.ReadAsStringAsync());
        var monotonous = Forms.Text(await (await client.PostFormAsync(link, link, new Dictionary<string, string> { ["password"] = "abababababababab", ["repeat"] = "abababababababab" })).Content.ReadAsStringAsync());
        var signedIn = await desk.SignedInClientAsync(focal);
        await signedIn.GetAsync("/language/es?returnUrl=%2F");
        var wrongCurrent = Forms.Text(await (await signedIn.PostFormAsync("/account/password", "/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not the password at all",
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        })).Content.ReadAsStringAsync());

        Assert.Contains("Le mot de passe doit compter au moins 12 caractères.", tooShort, StringComparison.Ordinal);
        Assert.Contains("Le mot de passe doit comporter au moins 4 caractères différents.", monotonous, StringComparison.Ordinal);
        Assert.Contains("La contraseña actual no es correcta.", wrongCurrent, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must", tooShort + monotonous + wrongCurrent, StringComparison.Ordinal);
        // The link still works after a refused password: no invitation to ask for another.
        Assert.DoesNotContain("Demander un nouveau lien", tooShort, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_may_turn_the_second_factor_on_and_off_and_staff_may_not_turn_it_off()
    {
        var focal = await desk.CreateUserAsync(Role.FocalPoint);
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var focalClient = await desk.SignedInClientAsync(focal);
        var officerClient = await desk.SignedInClientAsync(officer);

        var offered = Forms.Text(await focalClient.GetStringAsync("/account/two-factor"));
        var key = SharedKey().Match(await focalClient.GetStringAsync("/account/two-factor")).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await focalClient.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable", Code((focal with { AuthenticatorKey = key }).AuthenticatorCode()));
        var focalOn = await desk.InScopeAsync(async services => (await services.GetRequiredService<UserManager<DeskUser>>().FindByIdAsync(focal.Id))!.TwoFactorEnabled);
        var off = await focalClient.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Disable", new Dictionary<string, string>());
        var focalOff = await desk.InScopeAsync(async services => (await services.GetRequiredService<UserManager<DeskUser>>().FindByIdAsync(focal.Id))!.TwoFactorEnabled);
        var refused = Forms.Text(await (await officerClient.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Disable", new Dictionary<string, string>())).Content.ReadAsStringAsync());
        var officerOn = await desk.InScopeAsync(async services => (await services.GetRequiredService<UserManager<DeskUser>>().FindByIdAsync(officer.Id))!.TwoFactorEnabled);

        Assert.Contains("optional for you", offered, StringComparison.Ordinal);
        Assert.True(focalOn);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(focalOff);
        Assert.Contains("cannot be turned off", refused, StringComparison.Ordinal);
        Assert.True(officerOn);
        Assert.Equal(HttpStatusCode.OK, (await focalClient.GetAsync("/portal")).StatusCode);
    }

    [Fact]
    public async Task An_administrators_reset_ends_the_session_and_the_person_must_set_up_a_new_authenticator()
    {
        var expert = await desk.CreateUserAsync(Role.Expert);
        var client = await desk.SignedInClientAsync(expert);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-engagements")).StatusCode);

        var refused = await desk.InScopeAsync(services => services.GetRequiredService<ResetTwoFactor>().RunAsync(expert.Email, " ", Domain.Cases.CaseActor.CommandLine));
        var error = await desk.InScopeAsync(services => services.GetRequiredService<ResetTwoFactor>().RunAsync(expert.Email, "Called back on the number in the roster.", Domain.Cases.CaseActor.CommandLine));
        var ended = await client.GetAsync("/my-engagements");
        var again = desk.Client();
        var password = await again.SignInAsync(expert.Email, expert.Password);
        var blocked = await again.GetAsync("/my-engagements");
        var oldCode = await again.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable", Code(expert.AuthenticatorCode()));

        Assert.NotNull(refused);
        Assert.Null(error);
        Assert.StartsWith("/sign-in", ended.Headers.Location?.PathAndQuery ?? ended.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/desk", password.Headers.Location?.OriginalString);
        Assert.StartsWith("/account/two-factor", blocked.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("That code is not valid", Forms.Text(await oldCode.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains(await AuditOfAsync("cli"), e => e.Target == $"{expert.Email}: second factor reset: Called back on the number in the roster.");
    }

    [GeneratedRegex("<code class=\"shared-key\">([a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
