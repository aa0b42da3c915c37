using System.Globalization;
using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.DueDiligence;

/// <summary>The checklist on the case page and the unit's checklist behind it.</summary>
public abstract class ChecklistPageTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static readonly CaseActor Cli = CaseActor.CommandLine;

    private Task<Case> LoadAsync(string reference) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, Cli))!);

    private static string Version(Case c) => c.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>A case with its formal request and an eligible decision, ready to start due diligence.</summary>
    private async Task<(Case Case, HttpClient Officer)> ReadyForDueDiligenceAsync()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("MZ", "Acordo de compra de energia " + Guid.NewGuid().ToString("N")[..6]), "Ministério dos Recursos Minerais e Energia", AssignedOfficerId: officer.Id), Cli)).Case!);
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var c = (await db.LoadAsync(opened.Reference, Cli))!;
            var now = DateTime.UtcNow;
            var letter = System.Text.Encoding.UTF8.GetBytes("Pedido de apoio: contexto do projeto, serviços necessários, prazo. " + Guid.NewGuid());
            var sha256 = await services.GetRequiredService<ConnexDesk.Infrastructure.BlobStore>().PutAsync(letter);
            c.AddDocument(new CaseDocument(CaseDocumentKind.RequestLetter, "carta.txt", "text/plain", sha256, letter.Length, now, "Officer"), Cli);
            c.RecordEligibilityDecision(new EligibilityDecision(true, "MZ", DateOnly.FromDateTime(now), "DAC:LDC", "test", "Mozambique is on the DAC List.", true, true, now, Cli), Cli);
            Assert.True(c.Take(CaseStep.AskForFormalRequest, new StepRequest(Cli, now)).Done);
            Assert.True(c.Take(CaseStep.RecordFormalRequest, new StepRequest(Cli, now)).Done);
            await db.SaveChangesAsync();
        });
        return (await LoadAsync(opened.Reference), await desk.SignedInClientAsync(officer));
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, Case c, CaseStep step) =>
        client.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Step", new Dictionary<string, string> { ["version"] = Version(c), ["step"] = step.ToString() });

    [Fact]
    public async Task Starting_due_diligence_draws_up_the_units_checklist_which_is_worked_on_the_case_page_until_submission()
    {
        var (c, officer) = await ReadyForDueDiligenceAsync();
        // The other test of this class may have rewritten the unit's checklist: compare with whatever is in force.
        var unitChecklist = await desk.InScopeAsync(services => Features.DueDiligence.UnitChecklist.CurrentAsync(services.GetRequiredService<DeskDb>()));

        await StepAsync(officer, c, CaseStep.StartDueDiligence);

        c = await LoadAsync(c.Reference);
        Assert.Equal(unitChecklist.Select(u => u.Title), c.DueDiligenceItems.OrderBy(i => i.Order).Select(i => i.Title));
        var page = Forms.Text(await officer.GetStringAsync($"/cases/{c.Reference}"));
        Assert.Contains($"0 of {unitChecklist.Count} checks closed.", page, StringComparison.Ordinal);

        var first = c.DueDiligenceItems.OrderBy(i => i.Order).First();
        var refused = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Review", new Dictionary<string, string>
        {
            ["version"] = Version(c),
            ["itemId"] = first.Id.ToString(CultureInfo.InvariantCulture),
            ["status"] = "RiskIdentified",
            ["comment"] = "Two licences overlap.",
        });
        Assert.Contains("Rate the risk that was identified", Forms.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var document = c.Documents.Single();
        foreach (var item in c.DueDiligenceItems)
        {
            c = await LoadAsync(c.Reference);
            var response = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Review", new Dictionary<string, string>
            {
                ["version"] = Version(c),
                ["itemId"] = item.Id.ToString(CultureInfo.InvariantCulture),
                ["status"] = item.Id == first.Id ? "RiskIdentified" : "Satisfied",
                ["risk"] = item.Id == first.Id ? "High" : "Low",
                ["mitigation"] = item.Id == first.Id ? "The ministry confirmed its mandate in writing." : "",
                ["evidence"] = "https://example.org/note",
                ["evidenceDocumentIds"] = document.Id.ToString(CultureInfo.InvariantCulture),
                ["comment"] = "Checked.",
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        c = await LoadAsync(c.Reference);
        Assert.All(c.DueDiligenceItems, i => Assert.Equal([document.Id], i.EvidenceDocumentIds));
        Assert.Equal(unitChecklist.Count, c.History.Count(h => h.Field?.StartsWith("Due diligence: ", StringComparison.Ordinal) == true));

        var withoutRecommendation = await StepAsync(officer, c, CaseStep.SubmitForApproval);
        Assert.Contains("the recommendation to the deciding manager has not been written.", Forms.Text(await withoutRecommendation.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var written = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Recommendation", new Dictionary<string, string>
        {
            ["version"] = Version(c),
            ["text"] = "**Approve.** The mandate is confirmed in writing.\n\n<script>alert('x')</script>\n\n- eligible\n- no counterparty listed",
        });
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        var html = await officer.GetStringAsync($"/cases/{c.Reference}");
        Assert.Contains("<strong>Approve.</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        c = await LoadAsync(c.Reference);

        var submitted = await StepAsync(officer, c, CaseStep.SubmitForApproval);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(CaseStage.PendingApproval, (await LoadAsync(c.Reference)).Stage);
    }

    [Fact]
    public async Task An_administrator_rewrites_the_units_checklist_and_the_next_case_is_drawn_up_from_it()
    {
        var administrator = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Administrator));
        var officerOnly = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));

        var bad = await administrator.PostFormAsync("/admin/due-diligence-checklist", new Dictionary<string, string> { ["Text"] = "Legal risk\nlegal risk" });
        var good = await administrator.PostFormAsync("/admin/due-diligence-checklist", new Dictionary<string, string>
        {
            ["Text"] = "Mandate verified | Letter of delegation on file\nCounterparties screened | UN and EU lists\nCapacity to deliver",
        });
        var forbidden = await officerOnly.GetAsync("/admin/due-diligence-checklist");

        Assert.Contains("is already on the checklist", Forms.Text(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.StartsWith("/access-denied", forbidden.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var (c, officer) = await ReadyForDueDiligenceAsync();
        await StepAsync(officer, c, CaseStep.StartDueDiligence);
        var items = (await LoadAsync(c.Reference)).DueDiligenceItems.OrderBy(i => i.Order).ToList();
        Assert.Equal(["Mandate verified", "Counterparties screened", "Capacity to deliver"], items.Select(i => i.Title));
        Assert.Equal(["Letter of delegation on file", "UN and EU lists", null], items.Select(i => i.Guidance));

        var editor = await administrator.GetStringAsync("/admin/due-diligence-checklist");
        Assert.Contains("Mandate verified | Letter of delegation on file", System.Net.WebUtility.HtmlDecode(editor), StringComparison.Ordinal);
    }
}

public sealed class ChecklistPageTestsOnSqlite(SqliteDesk desk) : ChecklistPageTests<SqliteDesk>(desk);

public sealed class ChecklistPageTestsOnPostgres(PostgresDesk desk) : ChecklistPageTests<PostgresDesk>(desk);
