using ConnexDesk.Data;
using ConnexDesk.Domain;
using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class SignInTests(BrowserDesk browser)
{
    public static TheoryData<string> DemoLogins() => [.. DemoData.Logins.Select(l => l.Email)];

    [Theory]
    [MemberData(nameof(DemoLogins))]
    public async Task Each_demo_login_signs_in_and_lands_on_a_finished_desk(string email)
    {
        var login = DemoData.Logins.Single(l => l.Email == email);
        var page = await browser.SignedInAsync(email);

        var heading = await page.Locator("h1").InnerTextAsync();
        Assert.Equal(login.Role == Role.FocalPoint ? "Your organisation's requests" : $"Welcome, {login.Name}", heading);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync());
        var second = login.Email.StartsWith("officer2", StringComparison.Ordinal) || login.Email.StartsWith("pointfocal", StringComparison.Ordinal);
        await BrowserDesk.ScreenshotAsync(page, $"desk-{login.Role}{(second ? "-2" : "")}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/sign-in?signedOut=1");
        Assert.Contains("You are signed out.", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/desk");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_public_pages_read_well_on_a_phone()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync("/");
        await BrowserDesk.ScreenshotAsync(page, "public-home-phone");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var steps = await page.Locator("ol.steps > li").CountAsync();
        await page.GotoAsync("/sign-in");
        await BrowserDesk.ScreenshotAsync(page, "sign-in-phone");

        Assert.True(scrollWidth <= 390, $"The home page scrolls sideways on a phone ({scrollWidth}px wide).");
        Assert.Equal(4, steps);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_reason_on_the_sign_in_page()
    {
        var page = await browser.NewPageAsync();

        await BrowserDesk.SignInAsync(page, DemoData.Logins.First(l => l.Role == Role.Expert).Email, "certainly not the password");

        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.Contains("Email or password is incorrect.", alert, StringComparison.Ordinal);
        await BrowserDesk.ScreenshotAsync(page, "sign-in-wrong-password");
        await page.Context.CloseAsync();
    }
}
