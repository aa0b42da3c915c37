using System.Text;
using System.Text.Json;
using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Experts;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Experts;

/// <summary>Reading the roster CSV: every field checked, every bad row named, nothing half-read.</summary>
public sealed class RosterFileTests
{
    private const string Header = RosterFile.Columns + "\n";

    private static ParsedRoster Parse(string rows) => RosterFile.Parse(Encoding.UTF8.GetBytes(Header + rows), 2026);

    [Fact]
    public void A_good_row_gives_languages_with_levels_disciplines_by_name_or_words_and_ongoing_ties()
    {
        var parsed = Parse("Awa Ndiaye,AWA.Ndiaye@Example.org,sn,fr:native;en:c1,Legal;Negotiation strategy;fiscalAndFinancialModelling,Mining;Oil and gas,West Africa;SN,950,eur,\"Rio Tinto plc:2008-2014;Ministère des Mines: Dakar:2019-\"\n");

        var profile = Assert.Single(parsed.Profiles);
        Assert.Empty(parsed.Problems);
        Assert.Equal(("SN", "EUR", 950m), (profile.Nationality, profile.Currency, profile.DailyRate));
        Assert.Equal([new ExpertLanguage("fr", "native"), new ExpertLanguage("en", "C1")], profile.Languages);
        Assert.Equal([Discipline.Legal, Discipline.NegotiationStrategy, Discipline.FiscalAndFinancialModelling], profile.Disciplines);
        Assert.Equal([Sector.Mining, Sector.OilAndGas], profile.Sectors);
        Assert.Equal(["Rio Tinto plc:2008-2014", "Ministère des Mines: Dakar:2019-"], profile.PastClients.Select(t => t.ToString()));
        Assert.Null(profile.PastClients[1].ToYear);
    }

    [Fact]
    public void A_file_with_bad_rows_gives_no_expert_and_names_every_bad_row_with_its_line_and_reasons()
    {
        var parsed = Parse(
            "Good One,good@example.org,FR,fr,Legal,Mining,,100,EUR,\n" +
            ",not-an-email,ZZ,french,Astrology,Fishing,,12a,EU,Acme:2020-2010\n" +
            "Good Two,good2@example.org,,en,Tax,,,,,\n" +
            "Copy,GOOD@example.org,,en,Tax,,,100,,Acme 2019\n");

        Assert.Empty(parsed.Profiles);
        Assert.Equal([3, 5], parsed.Problems.Select(p => p.Line));
        var second = parsed.Problems[0].Reason;
        foreach (var expected in new[] { "the name is empty", "'not-an-email' is not an email address", "nationality 'ZZ'", "language 'french'", "discipline 'Astrology'", "sector 'Fishing'", "daily rate '12a'", "currency 'EU'", "past client 'Acme:2020-2010'" })
            Assert.Contains(expected, second, StringComparison.Ordinal);
        Assert.Contains("GOOD@example.org is already on line 2", parsed.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("a daily rate needs its currency", parsed.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("past client 'Acme 2019' is not Organisation:FromYear-ToYear", parsed.Problems[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("name,email\nA,a@example.org\n", "Missing column(s) nationality, languages")]
    [InlineData(Header, "no expert")]
    public void A_file_that_is_not_a_roster_is_refused_with_the_reason(string content, string reason) =>
        Assert.Contains(reason, RosterFile.Parse(Encoding.UTF8.GetBytes(content), 2026).Problems.Single().Reason, StringComparison.Ordinal);
}

/// <summary>The roster in the database: added, updated by email, all or nothing.</summary>
public abstract class RosterImportTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private Task<RosterImport> ImportAsync(string rows) =>
        desk.InScopeAsync(services => services.GetRequiredService<ExpertRoster>().ImportAsync(Encoding.UTF8.GetBytes(RosterFile.Columns + "\n" + rows)));

    private Task<List<Expert>> ExpertsAsync(params string[] emails) =>
        desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Experts.AsNoTracking().Include(e => e.PastClients).Where(e => emails.Contains(e.Email)).OrderBy(e => e.Email).ToListAsync());

    [Fact]
    public async Task Importing_again_updates_each_expert_by_email_and_replaces_their_past_clients()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var first = await ImportAsync($"Awa Ndiaye,awa.{id}@example.org,SN,fr:native,Legal,Mining,West Africa,950,EUR,Rio Tinto plc:2008-2014\nJoão Pereira,joao.{id}@example.org,MZ,pt,Tax,Power,,,,\n");
        var second = await ImportAsync($"Awa Ndiaye-Diallo,AWA.{id}@example.org,SN,fr:native;en:C1,Legal;Tax,Mining,West Africa,1000,EUR,Société Minière de Kalemba:2015-\n");

        Assert.Equal((2, 0), (first.Added, first.Updated));
        Assert.Equal((0, 1), (second.Added, second.Updated));
        var experts = await ExpertsAsync($"awa.{id}@example.org", $"joao.{id}@example.org");
        Assert.Equal(2, experts.Count);
        var awa = experts[0];
        Assert.Equal(("Awa Ndiaye-Diallo", 1000m), (awa.Name, awa.DailyRate!.Value));
        Assert.Equal(["fr:native", "en:C1"], awa.Languages);
        Assert.Equal([Discipline.Legal, Discipline.Tax], awa.Disciplines);
        Assert.Equal("Société Minière de Kalemba:2015-", awa.PastClients.Single().ToString());
    }

    [Fact]
    public async Task A_file_with_one_bad_row_changes_nothing()
    {
        var id = Guid.NewGuid().ToString("N")[..8];

        var result = await ImportAsync($"Good,good.{id}@example.org,FR,fr,Legal,Mining,,100,EUR,\nBad,bad.{id}@example.org,FR,fr,Legal,Mining,,100,EUR,Acme:2030-\n");

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Problems.Single().Line);
        Assert.Empty(await ExpertsAsync($"good.{id}@example.org", $"bad.{id}@example.org"));
    }
}

public sealed class RosterImportTestsOnSqlite(SqliteDesk desk) : RosterImportTests<SqliteDesk>(desk);

public sealed class RosterImportTestsOnPostgres(PostgresDesk desk) : RosterImportTests<PostgresDesk>(desk);

/// <summary>`experts import`, run as the real executable.</summary>
public sealed class ExpertCommandTests : IDisposable
{
    private readonly CommandLineHome _home = new();

    private Dictionary<string, string> Environment() => _home.Environment();

    [Fact]
    public async Task Import_prints_what_it_added_and_a_bad_file_fails_naming_its_rows()
    {
        Directory.CreateDirectory(_home.DataDirectory);
        var good = Path.Combine(_home.DataDirectory, "roster.csv");
        var bad = Path.Combine(_home.DataDirectory, "bad.csv");
        await File.WriteAllTextAsync(good, RosterFile.Columns + "\nAwa Ndiaye,awa@example.org,SN,fr,Legal,Mining,,950,EUR,Rio Tinto plc:2008-2014\n");
        await File.WriteAllTextAsync(bad, RosterFile.Columns + "\nX,x@example.org,SN,fr,Alchemy,Mining,,,,\n");

        var imported = await DeskProcess.RunAsync(["experts", "import", good, "--json"], Environment());
        var refused = await DeskProcess.RunAsync(["experts", "import", bad], Environment());

        Assert.True(imported.ExitCode == 0, imported.Error);
        using var json = JsonDocument.Parse(imported.Output);
        Assert.Equal(1, json.RootElement.GetProperty("added").GetInt32());
        Assert.NotEqual(0, refused.ExitCode);
        Assert.StartsWith("error: bad.csv: nothing imported, 1 bad row(s): line 2: discipline 'Alchemy' is not known", refused.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();
}
