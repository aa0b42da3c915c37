using System.Net;
using ConnexDesk.Domain;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Foundation;

public abstract class SignInTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    [Theory]
    [InlineData(Role.Administrator, "People who can sign in")]
    [InlineData(Role.Manager, "Awaiting your decision")]
    [InlineData(Role.CaseOfficer, "My cases")]
    [InlineData(Role.Expert, "Your engagements")]
    public async Task Each_role_signs_in_and_sees_its_own_desk(Role role, string section)
    {
        var user = await desk.CreateUserAsync(role, name: $"Person {role}");
        var client = desk.Client();

        var response = await client.SignInAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/desk", response.Headers.Location?.OriginalString);

        var page = Forms.Text(await client.GetStringAsync("/desk"));
        Assert.Contains($"Welcome, Person {role}", page, StringComparison.Ordinal);
        Assert.Contains(section, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_signs_in_to_the_portal_of_their_organisations_requests()
    {
        var user = await desk.CreateUserAsync(Role.FocalPoint, name: "Person FocalPoint");
        var client = desk.Client();

        var response = await client.SignInAsync(user);
        var deskPage = await client.GetAsync("/desk");

        Assert.Equal("/desk", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, deskPage.StatusCode);
        Assert.Equal("/portal", deskPage.Headers.Location?.OriginalString);
        Assert.Contains("Your organisation's requests", Forms.Text(await client.GetStringAsync("/portal")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_an_account_ends_its_open_session_on_the_next_request_and_it_cannot_sign_in_again()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var client = await desk.SignedInClientAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);

        var error = await desk.InScopeAsync(services => services.GetRequiredService<ConnexDesk.Features.Access.DisableUser>()
            .RunAsync(officer.Email, "Left the unit.", ConnexDesk.Domain.Cases.CaseActor.CommandLine));
        var next = await client.GetAsync("/cases");
        var again = await desk.Client().SignInAsync(officer.Email, officer.Password);

        Assert.Null(error);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/sign-in", next.Headers.Location?.PathAndQuery ?? next.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("locked", Forms.Text(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_taken_away_is_gone_on_the_next_request()
    {
        var manager = await desk.CreateUserAsync(Role.Manager);
        var client = await desk.SignedInClientAsync(manager);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit")).StatusCode);

        await desk.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ConnexDesk.Features.Access.DeskUser>>();
            var user = await users.FindByIdAsync(manager.Id);
            await users.RemoveFromRoleAsync(user!, nameof(Role.Manager));
            await users.AddToRoleAsync(user!, nameof(Role.CaseOfficer));
        });
        var next = await client.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/access-denied", next.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deskPageasks_an_anonymous_visitor_to_sign_in()
    {
        var response = await desk.Client().GetAsync("/desk");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_whether_the_email_exists()
    {
        var user = await desk.CreateUserAsync(Role.CaseOfficer);
        var client = desk.Client();

        var wrongPassword = Forms.Text(await (await client.SignInAsync(user.Email, "not the password at all")).Content.ReadAsStringAsync());
        var unknownEmail = Forms.Text(await (await client.SignInAsync("nobody@test.connexdesk.org", "not the password at all")).Content.ReadAsStringAsync());

        Assert.Contains("Email or password is incorrect.", wrongPassword, StringComparison.Ordinal);
        Assert.Contains("Email or password is incorrect.", unknownEmail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_with_a_clear_message()
    {
        var user = await desk.CreateUserAsync(Role.Manager);
        var client = desk.Client();

        string page = "";
        for (var attempt = 1; attempt <= 5; attempt++)
            page = Forms.Text(await (await client.SignInAsync(user.Email, $"wrong password {attempt}")).Content.ReadAsStringAsync());
        var withRightPassword = await client.SignInAsync(user.Email, user.Password);

        Assert.Contains("This account is locked after too many failed sign-in attempts", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("locked", Forms.Text(await withRightPassword.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/desk")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_warns_when_two_attempts_are_left()
    {
        var user = await desk.CreateUserAsync(Role.Expert);
        var client = desk.Client();

        for (var attempt = 1; attempt <= 2; attempt++)
            await client.SignInAsync(user.Email, "wrong password again");
        var third = Forms.Text(await (await client.SignInAsync(user.Email, "wrong password again")).Content.ReadAsStringAsync());

        Assert.Contains("2 attempt(s) left before the account is locked", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_password_replaces_the_old_one()
    {
        var user = await desk.CreateUserAsync(Role.CaseOfficer);
        var client = await desk.SignedInClientAsync(user);

        var change = await client.PostFormAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        var fresh = desk.Client();
        Assert.Equal(HttpStatusCode.OK, (await fresh.SignInAsync(user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(user.Email, "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task A_short_new_password_is_refused_and_the_old_one_still_works()
    {
        var user = await desk.CreateUserAsync(Role.CaseOfficer);
        var client = await desk.SignedInClientAsync(user);

        var change = await client.PostFormAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("at least 12 characters", Forms.Text(await change.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.Client().SignInAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Only_the_administrator_deskPagelists_the_people_who_can_sign_in()
    {
        var admin = await desk.CreateUserAsync(Role.Administrator);
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);

        var adminDesk = await (await desk.SignedInClientAsync(admin)).GetStringAsync("/desk");
        var officerDesk = await (await desk.SignedInClientAsync(officer)).GetStringAsync("/desk");

        Assert.Contains(officer.Email, adminDesk, StringComparison.Ordinal);
        Assert.DoesNotContain(admin.Email, officerDesk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var user = await desk.CreateUserAsync(Role.Expert);
        var client = await desk.SignedInClientAsync(user);

        var response = await client.PostFormAsync("/desk", "/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/desk")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_shows_a_friendly_not_found_page()
    {
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", Forms.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_pages_are_never_cached()
    {
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));

        var response = await client.GetAsync("/desk");

        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}

public sealed class SignInTestsOnSqlite(SqliteDesk desk) : SignInTests<SqliteDesk>(desk);

public sealed class SignInTestsOnPostgres(PostgresDesk desk) : SignInTests<PostgresDesk>(desk);
