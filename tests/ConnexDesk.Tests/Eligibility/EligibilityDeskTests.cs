using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Eligibility;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Eligibility;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Eligibility;

/// <summary>Eligibility through the desk, on SQLite and on PostgreSQL: lists in the database, decisions on cases, the public self-check.</summary>
public abstract class EligibilityDeskTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    [Fact]
    public async Task Migration_loads_the_built_in_list_versions_once()
    {
        await desk.InScopeAsync(services => DeskDatabase.MigrateAsync(services.GetRequiredService<DeskDb>()));

        var versions = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().ReferenceListVersions.Include(v => v.Entries).ToListAsync());

        Assert.All(ReferenceLists.BuiltIns, builtIn => Assert.Single(versions, v => v.Label == builtIn.Label && v.Kind == builtIn.Kind));
        Assert.Equal(141, versions.Single(v => v.Label == "OECD DAC List of ODA Recipients, 2024 flows").Entries.Count);
    }

    [Fact]
    public async Task A_file_with_a_bad_row_changes_nothing()
    {
        var before = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().ReferenceListVersions.CountAsync());

        var result = await desk.InScopeAsync(services => services.GetRequiredService<ReferenceLists>().ImportAsync(new NewListVersion(
            ListKind.DacRecipients, "Broken list", new DateOnly(2030, 1, 1), "test",
            Encoding.UTF8.GetBytes("iso2,iso3,dac_name,group,note\nSN,SEN,Senegal,LDC,\nZZ,ZZZ,Nowhere,LDC,\n"), "test")));

        Assert.False(result.Succeeded);
        Assert.Equal(before, await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().ReferenceListVersions.CountAsync()));
    }

    [Fact]
    public async Task A_decision_on_a_case_records_basis_and_list_versions_and_opens_due_diligence()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("MZ", "Gas concession", NegotiationStage: NegotiationStage.Negotiation), "Ministério dos Recursos Minerais", AssignedOfficerId: officer.Id),
            CaseActor.CommandLine)).Case!);
        var client = await desk.SignedInClientAsync(officer);

        var response = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=Eligibility", new Dictionary<string, string>
        {
            ["version"] = opened.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["requesterIsGovernment"] = "true",
            ["negotiationOngoing"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = Forms.Text(await client.GetStringAsync($"/cases/{opened.Reference}"));
        Assert.Contains("Eligibility recorded: eligible.", page, StringComparison.Ordinal);
        Assert.Contains("DAC:LDC, UN:LDC", page, StringComparison.Ordinal);
        var stored = await desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(opened.Reference, CaseActor.CommandLine))!);
        var decision = stored.LatestEligibilityDecision!;
        Assert.True(decision.IsEligible);
        Assert.Contains("OECD DAC List of ODA Recipients, 2025 and 2026 flows", decision.ListVersion, StringComparison.Ordinal);
        Assert.Equal(officer.Id, decision.DecidedById);
        Assert.Empty(CaseLifecycle.Guards.Eligible.Check(stored, new StepRequest(CaseActor.CommandLine, DateTime.UtcNow)));
    }

    [Fact]
    public async Task A_manager_overrides_a_negative_decision_in_writing_and_an_officer_cannot()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var manager = await desk.CreateUserAsync(Role.Manager, "Helena Manager");
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("CL", "Copper royalties review"), "Ministerio de Minería", AssignedOfficerId: officer.Id), CaseActor.CommandLine)).Case!);
        var officerClient = await desk.SignedInClientAsync(officer);
        await officerClient.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=Eligibility", new Dictionary<string, string>
        {
            ["version"] = opened.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["requesterIsGovernment"] = "true",
            ["negotiationOngoing"] = "true",
        });
        int Version() => desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.Where(c => c.Reference == opened.Reference).Select(c => c.Version).SingleAsync()).Result;

        var byOfficer = await officerClient.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=OverrideEligibility",
            new Dictionary<string, string> { ["version"] = Version().ToString(System.Globalization.CultureInfo.InvariantCulture), ["justification"] = "please" });
        var managerClient = await desk.SignedInClientAsync(manager);
        var byManager = await managerClient.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=OverrideEligibility",
            new Dictionary<string, string> { ["version"] = Version().ToString(System.Globalization.CultureInfo.InvariantCulture), ["justification"] = "Regional government of a transition region; board approved the exception." });

        Assert.Contains("only a manager may override the eligibility decision.", Forms.Text(await byOfficer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, byManager.StatusCode);
        var page = Forms.Text(await managerClient.GetStringAsync($"/cases/{opened.Reference}"));
        Assert.Contains("Overridden by a manager. Justification: Regional government of a transition region; board approved the exception.", page, StringComparison.Ordinal);
        Assert.Contains("Earlier decisions (1)", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "SN", "Oui, votre demande peut être appuyée.", "Sénégal : figure sur la liste")]
    [InlineData("pt", "MZ", "Sim, o seu pedido pode ser apoiado.", "Moçambique: consta da lista")]
    [InlineData("es", "PE", "Sí, su solicitud puede recibir apoyo.", "Perú: figura en la lista")]
    [InlineData("en", "FR", "This request does not meet the conditions.", "France is not on the")]
    public async Task The_self_check_answers_in_the_visitors_language_without_sign_in(string language, string country, string verdict, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/eligibility?country={country}&government=true&negotiation=true");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var response = await desk.Client().SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(verdict, Forms.Text(html), StringComparison.Ordinal);
        Assert.Contains(reason, Forms.Text(html), StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(html) < 50 * 1024, $"The self-check page is {Encoding.UTF8.GetByteCount(html)} bytes.");
    }

    [Fact]
    public async Task The_language_chosen_by_the_visitor_wins_over_the_browser()
    {
        var client = desk.Client();
        var choose = await client.GetAsync("/language/pt?returnUrl=%2Feligibility");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/eligibility");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        var page = Forms.Text(await (await client.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.Equal("/eligibility", choose.Headers.Location?.OriginalString);
        Assert.Contains("Podemos apoiar a sua negociação?", page, StringComparison.Ordinal);
        Assert.Equal("/", (await client.GetAsync("/language/fr?returnUrl=https%3A%2F%2Fevil.example")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/language/de")).StatusCode);
    }

    [Fact]
    public async Task An_incomplete_self_check_asks_for_the_missing_answers()
    {
        var page = Forms.Text(await desk.Client().GetStringAsync("/eligibility?country=SN&government=true"));

        Assert.Contains("Choose your country and answer both questions.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_loads_a_list_version_from_the_page_and_a_bad_file_is_refused()
    {
        var admin = await desk.CreateUserAsync(Role.Administrator);
        var client = await desk.SignedInClientAsync(admin);
        var label = $"UN WESP economies in transition, test {Guid.NewGuid():N}";

        var bad = await UploadAsync(client, label, "iso2,iso3,name,subgroup\nXX,XXX,Nowhere,None\n");
        var good = await UploadAsync(client, label, "iso2,iso3,name,subgroup\nMN,MNG,Mongolia,Test\n");

        Assert.Contains("Nothing was loaded", Forms.Text(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var versions = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().ReferenceListVersions.Where(v => v.Label == label).Include(v => v.Entries).ToListAsync());
        Assert.Equal("MN", versions.Single().Entries.Single().CountryCode);
        var officerClient = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        Assert.StartsWith("/access-denied", (await officerClient.GetAsync("/admin/eligibility-lists")).Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string label, string csv)
    {
        var page = await client.GetStringAsync("/admin/eligibility-lists");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent(nameof(ListKind.EconomiesInTransition)), "Kind" },
            { new StringContent(label), "Label" },
            { new StringContent("2031-01-01"), "EffectiveFrom" },
            { new StringContent("test"), "Source" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "wesp.csv" },
        };
        return await client.PostAsync("/admin/eligibility-lists", form);
    }
}

public sealed class EligibilityDeskTestsOnSqlite(SqliteDesk desk) : EligibilityDeskTests<SqliteDesk>(desk);

public sealed class EligibilityDeskTestsOnPostgres(PostgresDesk desk) : EligibilityDeskTests<PostgresDesk>(desk);
