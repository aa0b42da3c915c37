using System.Net;
using ConnexDesk.Domain;
using ConnexDesk.Tests.Support;

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

        var imported = await administrator.PostFileAsync("/admin/sanctions-lists", "/admin/sanctions-lists", new Dictionary<string, string>(), "upload", "eu.xml", eu);
        var page = Forms.Text(await administrator.GetStringAsync("/admin/sanctions-lists"));
        var broken = await administrator.PostFileAsync("/admin/sanctions-lists", "/admin/sanctions-lists", new Dictionary<string, string>(), "upload", "un.xml",
            SanctionsSamples.Read("un-consolidated-list.sample.xml")[..900]);
        var forbidden = await officer.GetAsync("/admin/sanctions-lists");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("Imported EU Financial Sanctions Files, generated 2026-09-15: 2 entries, now in force.", page, StringComparison.Ordinal);
        Assert.Contains("in force", page, StringComparison.Ordinal);
        var refusal = Forms.Text(await broken.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was imported.", refusal, StringComparison.Ordinal);
        Assert.Contains("not well-formed XML", refusal, StringComparison.Ordinal);
        Assert.StartsWith("/access-denied", forbidden.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class SanctionsPageTestsOnSqlite(SqliteDesk desk) : SanctionsPageTests<SqliteDesk>(desk);

public sealed class SanctionsPageTestsOnPostgres(PostgresDesk desk) : SanctionsPageTests<PostgresDesk>(desk);
