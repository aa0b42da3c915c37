using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

/// <summary>
/// Need-to-know as its users meet it: the Senegalese focal point uploads the request letter and accepts the expert the
/// unit proposes; the officer shares one document with the experts; the expert signs the Code of Conduct and then
/// reads that document, and neither the internal note nor the memo kept from them.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class NeedToKnowTests(BrowserDesk browser)
{
    private const string FocalPoint = "focalpoint@demo.connexdesk.org";
    private const string Officer = "officer@demo.connexdesk.org";
    private const string Expert = "expert@demo.connexdesk.org";
    private const string InternalNote = "Note interne : le conseiller du ministre informe l'investisseur.";
    private static readonly string[] UnitDocuments = ["Projet de convention annoté.pdf", "Mémo de diligence.pdf"];

    /// <summary>A second request of the Senegalese ministry, at expert selection, with the demo expert proposed and two documents of the unit.</summary>
    private async Task<string> SetUpAsync()
    {
        return await browser.Desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var blobs = services.GetRequiredService<BlobStore>();
            var officer = await db.Users.SingleAsync(u => u.Email == Officer);
            var focal = await db.Users.SingleAsync(u => u.Email == FocalPoint);
            var expert = await db.Experts.SingleAsync(e => e.Email == Expert);
            var builder = new CaseBuilder { LettersBefore = 900 };
            var c = builder.At(CaseStage.ExpertSelection, officer.Id, focal.OrganisationId, number: 900);
            c.AddNote(InternalNote, CaseBuilder.Officer, CaseBuilder.Start);
            foreach (var name in UnitDocuments)
            {
                var pdf = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% {name}\n%%EOF\n");
                c.AddDocument(new CaseDocument(CaseDocumentKind.Other, name, "application/pdf", await blobs.PutAsync(pdf), pdf.Length, CaseBuilder.Start, "Tomás Herrera"), CaseBuilder.Officer);
            }
            builder.Propose(c, expert.Id, expert.Name);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Reference;
        });
    }

    [Fact]
    public async Task The_focal_point_uploads_the_letter_and_accepts_the_expert_who_after_signing_the_code_reads_only_what_was_shared()
    {
        var reference = await SetUpAsync();

        // The focal point: their desk is the portal of their organisation's requests.
        var focal = await browser.SignedInAsync(FocalPoint);
        Assert.EndsWith("/portal", focal.Url, StringComparison.Ordinal);
        await focal.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(focal.Locator("h1")).ToHaveTextAsync("Gold mining convention");
        await Assertions.Expect(focal.Locator("main")).Not.ToContainTextAsync("Note interne");
        await focal.GetByLabel("What it is").SelectOptionAsync(new SelectOptionValue { Label = "Formal request letter" });
        await focal.GetByLabel("File (PDF, Word, Excel; at most 25 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "Demande formelle signée.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(),
        });
        await focal.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(focal.GetByRole(AriaRole.Status)).ToContainTextAsync("Received: Demande formelle signée.pdf.");
        var proposed = focal.Locator("section", new() { Has = focal.Locator("#experts") });
        await Assertions.Expect(proposed).ToContainTextAsync("Jean-Pierre Mbeki");
        await proposed.GetByLabel("We accept this expert").CheckAsync();
        await proposed.GetByRole(AriaRole.Button, new() { Name = "Send our answer" }).ClickAsync();
        await Assertions.Expect(focal.GetByRole(AriaRole.Status)).ToContainTextAsync("the expert is accepted");
        await Assertions.Expect(focal.Locator("#timeline + ol")).ToContainTextAsync("The government accepted Jean-Pierre Mbeki.");
        await Assertions.Expect(focal.Locator("section", new() { Has = focal.Locator("#documents") })).ToContainTextAsync("Demande formelle signée.pdf");
        await BrowserDesk.ScreenshotAsync(focal, "portal-request");

        // The same page in French, as the ministry reads it.
        await focal.GotoAsync($"/language/fr?returnUrl=/portal/{reference}");
        await Assertions.Expect(focal.Locator("#timeline")).ToHaveTextAsync("Ce qui s'est passé");
        await BrowserDesk.ScreenshotAsync(focal, "portal-request-fr");

        // Another organisation's focal point finds nothing at the same address.
        var other = await browser.SignedInAsync("pointfocal@demo.connexdesk.org");
        var elsewhere = await other.GotoAsync($"/portal/{reference}");
        Assert.Equal(404, elsewhere!.Status);

        // The officer shares the annotated draft, and only it, with the experts.
        var officer = await browser.SignedInAsync(Officer);
        await officer.GotoAsync($"/cases/{reference}");
        var documents = officer.Locator("section", new() { Has = officer.Locator("#documents") });
        await Assertions.Expect(documents.Locator("li", new() { HasText = "Demande formelle signée.pdf" })).ToContainTextAsync("from the government's portal");
        await documents.Locator("li", new() { HasText = "Projet de convention annoté.pdf" }).GetByRole(AriaRole.Button, new() { Name = "Share with the engaged experts" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Shared with the experts the government accepted");

        // The expert: the case stays shut until they sign the Code of Conduct in force.
        var expert = await browser.SignedInAsync(Expert);
        var shut = await expert.GotoAsync($"/my-engagements/{reference}");
        Assert.Equal(404, shut!.Status);
        await expert.GotoAsync("/code-of-conduct");
        await expert.GetByLabel("I have read the whole Code of Conduct above and I agree to it.").CheckAsync();
        await expert.GetByLabel("Type your full name to sign (Jean-Pierre Mbeki)").FillAsync("Jean-Pierre Mbeki");
        await expert.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Sign version") }).ClickAsync();
        await expert.GotoAsync("/my-engagements");
        await expert.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(reference) }).ClickAsync();
        var shared = expert.Locator("section", new() { Has = expert.Locator("#documents") });
        await Assertions.Expect(shared).ToContainTextAsync("Projet de convention annoté.pdf");
        await Assertions.Expect(expert.Locator("main")).Not.ToContainTextAsync("Mémo de diligence.pdf");
        await Assertions.Expect(expert.Locator("main")).Not.ToContainTextAsync("Note interne");
        await Assertions.Expect(expert.Locator("main")).Not.ToContainTextAsync("Demande formelle signée.pdf");
        var download = await expert.RunAndWaitForDownloadAsync(() => shared.GetByRole(AriaRole.Link, new() { Name = "Projet de convention annoté.pdf" }).ClickAsync());
        Assert.Equal("Projet de convention annoté.pdf", download.SuggestedFilename);
        await BrowserDesk.ScreenshotAsync(expert, "expert-case");
    }
}
