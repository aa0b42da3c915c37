using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

/// <summary>Scoping the demo's approved French-speaking bauxite case and choosing its experts, as its case officer would.</summary>
[Collection(BrowserSuite.Name)]
public sealed class ExpertSelectionTests(BrowserDesk browser)
{
    private const string Officer = "officer@demo.connexdesk.org";

    [Fact]
    public async Task The_officer_scopes_the_case_finds_three_experts_cannot_propose_the_one_tied_to_the_counterparty_and_takes_it_through_delivery_and_evaluation_to_closed()
    {
        var officer = await browser.SignedInAsync(Officer);
        await officer.GotoAsync("/cases?q=bauxite");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Convention d'exploitation de bauxite de Kindia" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".case-meta .badge")).ToHaveTextAsync("Approved");
        await officer.Locator("form.step.possible").GetByRole(AriaRole.Button, new() { Name = "Start a scoping mission" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".case-meta .badge")).ToHaveTextAsync("Scoping");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Mission and scope" }).ClickAsync();

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await officer.GetByLabel("First day").FillAsync($"{today.AddDays(-2):yyyy-MM-dd}");
        await officer.GetByLabel("Last day").FillAsync($"{today:yyyy-MM-dd}");
        await officer.GetByLabel("Place").FillAsync("Conakry, ministère des Mines");
        await officer.GetByLabel("Participants, one per line (Name <email>)").FillAsync("Awa Diallo <a.diallo@mines.gov.example>\nOlga (unité)");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save the mission" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The scoping mission is planned.");
        await officer.GetByLabel("Terms of reference (PDF or DOCX)").SetInputFilesAsync(new FilePayload { Name = "termes-de-reference.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray() });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Add the terms of reference" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The terms of reference are on the case.");
        await officer.GetByLabel("Also invite").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Invitation to the scoping mission sent to 2 people.");
        await officer.GetByLabel("Findings of the mission").FillAsync("Le ministère a besoin d'une revue juridique de la convention, d'un modèle fiscal et d'un avis sur le plan minier.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save the findings" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The findings are recorded.");

        // The form starts from the services requested: legal, fiscal modelling, tax, geology and mining.
        foreach (var (line, days) in new[] { (1, "15"), (2, "10"), (3, "5"), (4, "12") })
            await officer.GetByLabel($"Days {line}", new() { Exact = true }).FillAsync(days);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Propose this scope" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("A new version of the scope is proposed.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send the scope" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The scope was sent to m.conde@mines.gov.example");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Record the confirmation" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#scope-1 .badge")).ToHaveTextAsync("confirmed");
        await Assertions.Expect(officer.Locator("#scope-1 tfoot")).ToContainTextAsync("42");
        await BrowserDesk.ScreenshotAsync(officer, "scoping");

        await officer.GetByRole(AriaRole.Link, new() { Name = "Negotiation calendar" }).ClickAsync();
        await Assertions.Expect(officer.Locator("article.round")).ToHaveCountAsync(3);
        await Assertions.Expect(officer.Locator("article.round", new() { Has = officer.Locator(".badge", new() { HasText = "next" }) })).ToContainTextAsync("Régime fiscal et clause de stabilité");
        await BrowserDesk.ScreenshotAsync(officer, "negotiation-calendar");

        await officer.GotoAsync(CaseUrl(officer));
        await Assertions.Expect(officer.Locator("section", new() { Has = officer.Locator("#scoping") })).ToContainTextAsync("version 1: 4 need(s), 42 days");
        await officer.Locator("form.step.possible").GetByRole(AriaRole.Button, new() { Name = "Start expert selection" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".case-meta .badge")).ToHaveTextAsync("Expert selection");
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

        // The government declined the other two; Hélène declared no conflict.
        foreach (var name in new[] { "Ousmane Camara", "Nadia Benali" })
        {
            var other = officer.Locator("li.engagement", new() { HasText = name });
            await other.Locator("summary", new() { HasText = "Record the government's answer" }).ClickAsync();
            await other.GetByLabel("Declined").CheckAsync();
            await other.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
            await Assertions.Expect(officer.Locator("li.engagement", new() { HasText = name }).Locator(".badge")).ToHaveTextAsync("Declined by the government");
        }
        helene = officer.Locator("li.engagement", new() { HasText = "Hélène Morel" });
        await helene.Locator("summary", new() { HasText = "conflict-of-interest declaration" }).ClickAsync();
        await helene.GetByLabel("No conflict with the counterparties").CheckAsync();
        await helene.GetByRole(AriaRole.Button, new() { Name = "Record the declaration" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The expert's declaration is recorded.");

        await officer.GotoAsync($"{CaseUrl(officer)}/delivery");
        await officer.GetByLabel("First day").FillAsync($"{today.AddDays(-5):yyyy-MM-dd}");
        await officer.GetByLabel("Last day").FillAsync($"{today.AddDays(25):yyyy-MM-dd}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Record the contract" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The contract is recorded.");
        var reference = officer.Url.Split('/')[^2];
        await officer.GotoAsync($"/cases/{reference}");
        await officer.Locator("form.step.possible").GetByRole(AriaRole.Button, new() { Name = "Start delivery" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".case-meta .badge")).ToHaveTextAsync("Delivery");

        await officer.GotoAsync($"/cases/{reference}/delivery");
        await officer.GetByRole(AriaRole.Button, new() { Name = "The expert starts work" }).ClickAsync();
        await officer.GetByLabel("Day", new() { Exact = true }).FillAsync($"{today.AddDays(-1):yyyy-MM-dd}");
        await officer.GetByLabel("What was done (optional)").FillAsync("Analyse de la convention de 2012.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Days recorded.");
        await officer.Locator("summary", new() { HasText = "Agree a deliverable" }).ClickAsync();
        await officer.GetByLabel("Title").FillAsync("Analyse juridique de la convention");
        await officer.GetByLabel("Due").FillAsync($"{today.AddDays(7):yyyy-MM-dd}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Agree", Exact = true }).ClickAsync();
        await officer.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "analyse-juridique.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray() });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Deliverable submitted.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await BrowserDesk.ScreenshotAsync(officer, "delivery");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Complete the engagement" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The engagement is completed.");

        await officer.GotoAsync($"/cases/{reference}");
        await officer.Locator("form.step.possible").GetByRole(AriaRole.Button, new() { Name = "Start the evaluation" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".case-meta .badge")).ToHaveTextAsync("Evaluation");
        await officer.GotoAsync($"/cases/{reference}/evaluation");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send the questionnaire" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("The questionnaire is in the outbox.");
        foreach (var fieldset in await officer.Locator("fieldset.criterion").AllAsync())
            await fieldset.GetByLabel("4").CheckAsync();
        await officer.GetByLabel("Capacity built in the government's team").FillAsync("L'équipe juridique rédige désormais ses propres clauses de stabilité.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Record the answers" }).ClickAsync();
        await officer.Locator("#lessons-text").FillAsync("Proposer la juriste dès l'approbation : elle a été acceptée en deux jours.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save the lessons learned" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".case-meta")).ToContainTextAsync("The evaluation is complete");
        await BrowserDesk.ScreenshotAsync(officer, "evaluation");

        await officer.GotoAsync($"/cases/{reference}");
        await officer.Locator("form.step.possible").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".case-meta .badge")).ToHaveTextAsync("Closed");
        await BrowserDesk.ScreenshotAsync(officer, "case-closed");
        await officer.Context.CloseAsync();
    }

    private static string CaseUrl(IPage page) => page.Url[..page.Url.LastIndexOf('/')];
}
