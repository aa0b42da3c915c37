using System.Globalization;
using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Sanctions;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Sanctions;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Sanctions;

/// <summary>Counterparties screened on the case, possible hits reviewed, and what submission waits for.</summary>
public sealed class HitReviewTests
{
    private static readonly SanctionsIndex Index = new([new(SanctionsList.UnConsolidated, "EXe.001", ListedKind.Entity, "NORTHERN STAR EXTRACTION COMPANY LIMITED", ["NORTHERN STAR EXTRACTION COMPANY LIMITED", "NSEC"])]);
    private readonly CaseBuilder _builder = new();

    private static (string, PossibleHit)[] Hits(Case c) => [.. c.Counterparties.SelectMany(p => Index.Screen(p.Name).Select(h => (p.Name, h)))];

    [Fact]
    public void A_possible_hit_waits_for_a_reasoned_decision_before_the_case_is_submitted_and_keeps_it_when_screened_again()
    {
        var c = _builder.At(CaseStage.DueDiligence);
        c.AddCounterparty(new Counterparty("Northern Star Extraction Co. Ltd", "GB", CounterpartyKind.Company), CaseBuilder.Officer, CaseBuilder.Start);
        c.AddCounterparty(new Counterparty("Kalemba Gold Mining SA", "SN", CounterpartyKind.Company), CaseBuilder.Officer, CaseBuilder.Start);
        _builder.SatisfyGuardsOf(c, CaseStep.SubmitForApproval);

        var added = c.RecordScreening(Hits(c), "UN list, generated 2026-09-15", CaseBuilder.Officer, CaseBuilder.Start.AddDays(1));
        var waiting = _builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer);
        var hit = c.SanctionsHits.Single();
        var unreasoned = c.DecideOnHit(hit, HitDecision.FalsePositive, " ", CaseBuilder.Officer, CaseBuilder.Start.AddDays(2));
        var decided = c.DecideOnHit(hit, HitDecision.FalsePositive, "Registered in Senegal in 2015 (RCCM SN-DKR-2015-B-123); the listed company is in Exampleland.", CaseBuilder.Officer, CaseBuilder.Start.AddDays(2));
        var again = c.RecordScreening(Hits(c), "UN list, generated 2026-10-01", CaseBuilder.Officer, CaseBuilder.Start.AddDays(3));
        var submitted = _builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer);

        Assert.Equal(1, added);
        Assert.Equal("the possible sanctions hit 'Northern Star Extraction Co. Ltd' ~ 'NORTHERN STAR EXTRACTION COMPANY LIMITED' has not been reviewed.", waiting.Refusals.Single().ToString());
        Assert.NotEmpty(unreasoned);
        Assert.Empty(decided);
        Assert.Equal(0, again);
        Assert.Equal(HitDecision.FalsePositive, c.SanctionsHits.Single().Decision);
        Assert.True(submitted.Done);
        Assert.Contains(c.History, h => h.Field?.StartsWith("Sanctions hit: Northern Star Extraction Co. Ltd", StringComparison.Ordinal) == true && h.NewValue == "false positive");
    }
}

/// <summary>Screening through the case page and after a list import, on a real database.</summary>
public abstract class CaseScreeningTests<TDesk>(TDesk desk) : IClassFixture<TDesk>, IAsyncLifetime where TDesk : DeskFactory
{
    private static readonly CaseActor Cli = CaseActor.CommandLine;

    public async Task InitializeAsync()
    {
        await desk.InScopeAsync(async services =>
        {
            var lists = services.GetRequiredService<SanctionsLists>();
            await lists.ImportAsync(SanctionsSamples.Read("un-consolidated-list.sample.xml"), "test");
            await lists.ImportAsync(SanctionsSamples.Read("eu-fsf.sample.xml"), "test");
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Case> LoadAsync(string reference) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, Cli))!);

    [Fact]
    public async Task A_counterparty_added_on_the_page_is_screened_and_its_possible_hit_is_reviewed_there()
    {
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("SN", "Concession aurifère " + Guid.NewGuid().ToString("N")[..6]), "Ministère des Mines"), Cli)).Case!);
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));

        var added = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=AddCounterparty", new Dictionary<string, string>
        {
            ["version"] = opened.Version.ToString(CultureInfo.InvariantCulture),
            ["name"] = "Blue Lagoon Resources Ltd",
            ["countryCode"] = "",
            ["kind"] = nameof(CounterpartyKind.Company),
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var c = await LoadAsync(opened.Reference);
        var hit = Assert.Single(c.SanctionsHits);
        Assert.Equal(("EU.9001.01", HitDecision.Pending), (hit.ListReference, hit.Decision));
        Assert.Contains("EU Financial Sanctions Files", c.ScreenedAgainst, StringComparison.Ordinal);
        var page = Forms.Text(await client.GetStringAsync($"/cases/{c.Reference}"));
        Assert.Contains("Possible hit: a person must decide whether it is the listed party.", page, StringComparison.Ordinal);

        var decided = await client.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=DecideHit", new Dictionary<string, string>
        {
            ["version"] = c.Version.ToString(CultureInfo.InvariantCulture),
            ["hitId"] = hit.Id.ToString(CultureInfo.InvariantCulture),
            ["decision"] = nameof(HitDecision.TrueMatch),
            ["reason"] = "Same registration number in the EU file and the company register.",
        });

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(HitDecision.TrueMatch, (await LoadAsync(c.Reference)).SanctionsHits.Single().Decision);
    }

    [Fact]
    public async Task The_owners_staff_record_for_a_counterparty_are_screened_and_the_case_shows_on_the_officers_desk()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("SN", "Convention de Kalemba " + Guid.NewGuid().ToString("N")[..6]), "Ministère des Mines", AssignedOfficerId: officer.Id,
                Counterparties: [new NewCounterparty("Kalemba Gold Mining SA", "SN", CounterpartyKind.Company)]), Cli)).Case!);
        var client = await desk.SignedInClientAsync(officer);
        Assert.Empty(opened.SanctionsHits);

        var recorded = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=Owners", new Dictionary<string, string>
        {
            ["version"] = opened.Version.ToString(CultureInfo.InvariantCulture),
            ["counterpartyId"] = opened.Counterparties.Single().Id.ToString(CultureInfo.InvariantCulture),
            ["owners"] = "Moussa Ba\nElena Vasilenko\n",
        });

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var c = await LoadAsync(opened.Reference);
        Assert.Equal(["Moussa Ba", "Elena Vasilenko"], c.Counterparties.Single().Owners);
        var hit = Assert.Single(c.SanctionsHits);
        Assert.Equal(("Elena Vasilenko (owner of Kalemba Gold Mining SA)", "EU.9002.02"), (hit.CounterpartyName, hit.ListReference));
        var deskPage = Forms.Text(await client.GetStringAsync("/desk"));
        Assert.Contains("Possible sanctions hits to review", deskPage, StringComparison.Ordinal);
        Assert.Contains(c.Reference, deskPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_list_version_screens_the_open_cases_again_and_names_those_with_new_possible_hits()
    {
        var name = "Sahel Horizon Logistics " + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("ML", "Corridor logistique " + Guid.NewGuid().ToString("N")[..6]), "Ministère des Transports",
                Counterparties: [new NewCounterparty(name + " SARL", null, CounterpartyKind.Company)]), Cli)).Case!);
        Assert.Empty((await LoadAsync(opened.Reference)).SanctionsHits);

        var changed = await desk.InScopeAsync(async services =>
        {
            var un = System.Text.Encoding.UTF8.GetString(SanctionsSamples.Read("un-consolidated-list.sample.xml"))
                .Replace("<ENTITIES>", $"<ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>{name} LIMITED</FIRST_NAME><REFERENCE_NUMBER>EXe.{Guid.NewGuid():N}</REFERENCE_NUMBER></ENTITY>", StringComparison.Ordinal);
            Assert.NotNull((await services.GetRequiredService<SanctionsLists>().ImportAsync(System.Text.Encoding.UTF8.GetBytes(un), "test")).Version);
            return await services.GetRequiredService<ScreenCounterparties>().ScreenOpenCasesAsync(Cli);
        });

        Assert.Contains(opened.Reference, changed);
        Assert.Equal(name + " LIMITED", (await LoadAsync(opened.Reference)).SanctionsHits.Single().ListedName);
    }
}

public sealed class CaseScreeningTestsOnSqlite(SqliteDesk desk) : CaseScreeningTests<SqliteDesk>(desk);

public sealed class CaseScreeningTestsOnPostgres(PostgresDesk desk) : CaseScreeningTests<PostgresDesk>(desk);
