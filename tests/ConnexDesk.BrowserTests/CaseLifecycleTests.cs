using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

/// <summary>Cases worked through the pages, as a case officer and a manager would.</summary>
[Collection(BrowserSuite.Name)]
public sealed partial class CaseLifecycleTests(BrowserDesk browser)
{
    private const string Officer = "officer2@demo.connexdesk.org";
    private const string Manager = "manager@demo.connexdesk.org";

    [Fact]
    public async Task An_inquiry_taken_by_phone_is_declined_by_the_manager_with_a_letter_giving_the_reason()
    {
        var officer = await browser.SignedInAsync(Officer);
        var reference = await OpenInquiryAsync(officer, "Wind farm land lease (browser decline)");
        await BrowserDesk.ScreenshotAsync(officer, "case-inquiry-opened");
        await officer.Context.CloseAsync();

        var manager = await browser.SignedInAsync(Manager);
        await manager.GotoAsync($"/cases/{reference}");
        const string reason = "A private developer's request, not a government's: outside the unit's mandate.";
        var letters = manager.Locator("#letters").Locator("xpath=..");
        await letters.Locator("summary", new() { HasText = "Issue a letter" }).ClickAsync();
        await manager.Locator("#letter-kind").SelectOptionAsync("Decline");
        await manager.GetByLabel("Reason for a decline (it is written into the letter)").FillAsync(reason);
        await BrowserDesk.ScreenshotAsync(manager, "case-decline-letter-form");
        await letters.GetByRole(AriaRole.Button, new() { Name = "Issue and send" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("issued and queued to w.kamau@energy.go.example");
        await Assertions.Expect(manager.Locator("#letters").Locator("xpath=..")).ToContainTextAsync("Decline letter");

        var decline = manager.Locator("form.step.possible", new() { Has = manager.GetByRole(AriaRole.Button, new() { Name = "Decline" }) });
        await decline.GetByLabel("Reason (required, kept in the history)").FillAsync(reason);
        await decline.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("The case is now at the stage 'Declined'");
        await Assertions.Expect(manager.Locator(".case-meta .badge")).ToHaveTextAsync("Declined");
        await Assertions.Expect(manager.Locator(".timeline")).ToContainTextAsync("outside the unit's mandate");
        await Assertions.Expect(manager.Locator("#next").Locator("xpath=..")).ToContainTextAsync("This case is finished");
        await BrowserDesk.ScreenshotAsync(manager, "case-declined");
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task A_case_goes_as_far_as_the_present_guards_allow_and_says_what_it_waits_for()
    {
        var officer = await browser.SignedInAsync(Officer);
        var reference = await OpenInquiryAsync(officer, "Hydropower concession (browser walk)");

        var ask = officer.Locator("form.step.possible", new() { Has = officer.GetByRole(AriaRole.Button, new() { Name = "Ask for the formal request" }) });
        await ask.GetByLabel("Comment for the history (optional)").FillAsync("Sent the guidance on the request letter.");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Ask for the formal request" }).ClickAsync();

        await Assertions.Expect(officer.Locator(".case-meta .badge")).ToHaveTextAsync("Awaiting formal request");
        var waiting = officer.Locator(".step.waiting", new() { Has = officer.GetByRole(AriaRole.Button, new() { Name = "Record the formal request" }) });
        await Assertions.Expect(waiting.GetByRole(AriaRole.Button)).ToBeDisabledAsync();
        await Assertions.Expect(waiting).ToContainTextAsync("no formal request letter is on the case yet.");
        await Assertions.Expect(officer.Locator("#times").Locator("xpath=..")).ToContainTextAsync("Awaiting formal request");
        await BrowserDesk.ScreenshotAsync(officer, "case-awaiting-formal-request");

        await officer.GotoAsync("/cases");
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await BrowserDesk.ScreenshotAsync(officer, "case-list");

        await officer.SetViewportSizeAsync(390, 844);
        await officer.GotoAsync($"/cases/{reference}");
        var width = await officer.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await BrowserDesk.ScreenshotAsync(officer, "case-page-phone");
        Assert.True(width <= 390, $"The case page scrolls sideways on a phone ({width}px wide).");
        await officer.Context.CloseAsync();
    }

    private static async Task<string> OpenInquiryAsync(IPage page, string title)
    {
        await page.GotoAsync("/cases/new");
        await page.GetByLabel("Country", new() { Exact = true }).First.SelectOptionAsync("KE");
        await page.GetByLabel("Requesting ministry or office").FillAsync("Ministry of Energy and Petroleum");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Legal").CheckAsync();
        await page.Locator("#Contact_Name").FillAsync("Wanjiru Kamau");
        await page.Locator("#Contact_Position").FillAsync("Head of Legal Services");
        await page.Locator("#Contact_Email").FillAsync("w.kamau@energy.go.example");
        await page.Locator("#cp-name-0").FillAsync("Rift Valley Renewables Ltd");
        await page.GetByLabel("How did they get in touch").FillAsync("Phone call from the Principal Secretary's office.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the inquiry" }).ClickAsync();
        await page.WaitForURLAsync(CaseUrl());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".contact")).ToContainTextAsync("Wanjiru Kamau, Head of Legal Services");
        return CaseUrl().Match(page.Url).Groups[1].Value;
    }

    [GeneratedRegex(@"/cases/(CNX-\d{4}-\d{4})")]
    private static partial Regex CaseUrl();
}
