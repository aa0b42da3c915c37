using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Sanctions;

/// <summary>Administrators import list files from the web page; nobody else can.</summary>
public abstract class SanctionsPageTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    [Fact]
    public async Task An_administrator_imports_a_list_file_and_a_broken_one_is_refused_with_the_reason()
    {
        var administrator = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Administrator));
        var officer = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        var eu = SanctionsSamples.Read("eu-fsf.sample.xml");
        // An open case facing a listed company: the administrator sees no case, yet the import screens it again.
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("MN", "Copper concession"), "Ministry of Mining", Counterparties: [new NewCounterparty("Blue Lagoon Resources JSC", null, CounterpartyKind.Company)]),
            CaseActor.CommandLine)).Case!);

        var imported = await administrator.PostFileAsync("/admin/sanctions-lists", "/admin/sanctions-lists", new Dictionary<string, string>(), "upload", "eu.xml", eu);
        var page = Forms.Text(await administrator.GetStringAsync("/admin/sanctions-lists"));
        var broken = await administrator.PostFileAsync("/admin/sanctions-lists", "/admin/sanctions-lists", new Dictionary<string, string>(), "upload", "un.xml",
            SanctionsSamples.Read("un-consolidated-list.sample.xml")[..900]);
        var forbidden = await officer.GetAsync("/admin/sanctions-lists");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("Imported EU Financial Sanctions Files, generated 2026-09-15: 2 entries, now in force. Open cases screened again: 1 with new possible hits", page, StringComparison.Ordinal);
        var screened = await desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(opened.Reference, CaseActor.CommandLine))!);
        Assert.Contains(screened.SanctionsHits, h => h.ListedName == "Blue Lagoon Resources JSC");
        Assert.Contains("in force", page, StringComparison.Ordinal);
        var refusal = Forms.Text(await broken.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was imported.", refusal, StringComparison.Ordinal);
        Assert.Contains("not well-formed XML", refusal, StringComparison.Ordinal);
        Assert.StartsWith("/access-denied", forbidden.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class SanctionsPageTestsOnSqlite(SqliteDesk desk) : SanctionsPageTests<SqliteDesk>(desk);

public sealed class SanctionsPageTestsOnPostgres(PostgresDesk desk) : SanctionsPageTests<PostgresDesk>(desk);
