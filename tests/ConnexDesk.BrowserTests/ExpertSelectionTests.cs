using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

/// <summary>Choosing experts for the demo's approved French-speaking bauxite case, as its case officer would.</summary>
[Collection(BrowserSuite.Name)]
public sealed class ExpertSelectionTests(BrowserDesk browser)
{
    private const string Officer = "officer@demo.connexdesk.org";

    [Fact]
    public async Task The_officer_finds_three_experts_sees_why_each_is_suggested_and_cannot_propose_the_one_tied_to_the_counterparty()
    {
        var officer = await browser.SignedInAsync(Officer);
        await officer.GotoAsync("/cases?q=bauxite");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Convention d'exploitation de bauxite de Kindia" }).ClickAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Find and propose experts" }).ClickAsync();

        var suggested = officer.Locator("section", new() { Has = officer.Locator("#suggested") });
        await Assertions.Expect(suggested.Locator("li.match").First).ToContainTextAsync("speaks French");
        await Assertions.Expect(suggested).ToContainTextAsync("has worked in Guinea");
        var notEligible = officer.Locator("section", new() { Has = officer.Locator("#not-eligible") });
        var claire = notEligible.Locator("li.match", new() { HasText = "Claire Dubois" });
        await Assertions.Expect(claire).ToContainTextAsync("conflict of interest with Atlantic Alumina plc (owner of Kindia Bauxite Holdings SA)");
        await Assertions.Expect(claire.GetByRole(AriaRole.Button, new() { Name = "Propose to the government" })).ToHaveCountAsync(0);
        await BrowserDesk.ScreenshotAsync(officer, "experts-suggested");

        foreach (var (name, role) in new[] { ("Hélène Morel", "Juriste minière"), ("Ousmane Camara", "Géologue"), ("Nadia Benali", "Fiscaliste") })
        {
            var match = suggested.Locator("li.match", new() { HasText = name });
            await match.GetByLabel("Role").FillAsync(role);
            await match.GetByLabel("Days").FillAsync("15");
            await match.GetByRole(AriaRole.Button, new() { Name = "Propose to the government" }).ClickAsync();
            await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} proposed to the government");
        }
        var engaged = officer.Locator("section", new() { Has = officer.Locator("#engaged") });
        await Assertions.Expect(engaged.Locator("li.engagement")).ToHaveCountAsync(3);

        await engaged.GetByRole(AriaRole.Button, new() { Name = "Send the shortlist" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The shortlist is in the outbox to m.conde@mines.gov.example");

        var helene = officer.Locator("li.engagement", new() { HasText = "Hélène Morel" });
        await helene.Locator("summary", new() { HasText = "Record the government's answer" }).ClickAsync();
        await helene.GetByLabel("Accepted").CheckAsync();
        await helene.GetByLabel("Note (e.g. the email it came in, and any reason given)").FillAsync("Courriel de Mme Condé.");
        await helene.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await Assertions.Expect(officer.Locator("li.engagement", new() { HasText = "Hélène Morel" }).Locator(".badge")).ToHaveTextAsync("Accepted by the government");
        await BrowserDesk.ScreenshotAsync(officer, "experts-proposed");
        await officer.Context.CloseAsync();
    }
}
