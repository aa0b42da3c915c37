using ConnexDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

/// <summary>The "get in touch" form in French, and the inquiry it opens waiting on the unit's desk.</summary>
[Collection(BrowserSuite.Name)]
public sealed class ContactTests(BrowserDesk browser)
{
    [Fact]
    public async Task A_ministry_writes_through_the_form_and_the_unit_finds_the_inquiry_in_its_shared_inbox()
    {
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/language/fr?returnUrl=%2Fcontact");
        await visitor.GetByLabel("Votre nom").FillAsync("Aïssata Koné");
        await visitor.GetByLabel("Fonction").FillAsync("Conseillère juridique");
        await visitor.GetByLabel("Ministère ou organisme").FillAsync("Ministère des Mines du Mali");
        await visitor.GetByLabel("Votre pays").SelectOptionAsync("ML");
        await visitor.GetByLabel("Adresse électronique").FillAsync("a.kone@mines.example");
        await visitor.GetByLabel("Sur quoi porte la négociation ?").FillAsync("Renégociation de la convention d'une mine d'or avec un investisseur étranger.");
        await visitor.GetByLabel("Calendrier (prochaine session, échéance)").FillAsync("Session de négociation en mars.");
        await BrowserDesk.ScreenshotAsync(visitor, "contact-form-fr");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();

        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Merci : votre message est bien parvenu à l'unité");
        var reference = System.Text.RegularExpressions.Regex.Match(await visitor.Locator("main").InnerTextAsync(), @"CNX-\d{4}-\d{4}").Value;
        Assert.NotEmpty(reference);
        await BrowserDesk.ScreenshotAsync(visitor, "contact-thanks-fr");
        var acknowledgement = await browser.Desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.SingleAsync(o => o.ToAddress == "a.kone@mines.example"));
        Assert.Equal(("fr", $"[{reference}] Nous avons bien reçu votre message"), (acknowledgement.Language, acknowledgement.Subject));
        await visitor.Context.CloseAsync();

        var officer = await browser.SignedInAsync("officer@demo.connexdesk.org");
        var inbox = officer.Locator("section.card", new() { Has = officer.GetByRole(AriaRole.Heading, new() { Name = "Shared inbox" }) });
        await Assertions.Expect(inbox).ToContainTextAsync(reference);
        await Assertions.Expect(inbox).ToContainTextAsync("Ministère des Mines du Mali");
        await inbox.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(officer.Locator(".timeline")).ToContainTextAsync("Renégociation de la convention d'une mine d'or");
        await Assertions.Expect(officer.Locator(".case-meta")).ToContainTextAsync("Mali");
        await BrowserDesk.ScreenshotAsync(officer, "contact-inquiry-on-desk");
        await officer.Context.CloseAsync();
    }
}
