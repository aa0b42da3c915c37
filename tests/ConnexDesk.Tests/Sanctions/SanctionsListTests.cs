using System.Text;
using System.Text.Json;
using ConnexDesk.Domain.Sanctions;
using ConnexDesk.Features.Sanctions;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Sanctions;

/// <summary>Importing the published list files, and screening against the versions in force.</summary>
public abstract class SanctionsListTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static readonly byte[] UnSample = SanctionsSamples.Read("un-consolidated-list.sample.xml");
    private static readonly byte[] EuSample = SanctionsSamples.Read("eu-fsf.sample.xml");

    private Task<T> WithListsAsync<T>(Func<SanctionsLists, Task<T>> work) =>
        desk.InScopeAsync(services => work(services.GetRequiredService<SanctionsLists>()));

    /// <summary>The UN sample with one more listed entity, so that it is a different file (a new version).</summary>
    private static byte[] UnWith(string entityName) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(UnSample).Replace("<ENTITIES>",
        $"<ENTITIES><ENTITY><DATAID>{Random.Shared.Next()}</DATAID><FIRST_NAME>{entityName}</FIRST_NAME><REFERENCE_NUMBER>EXe.{Guid.NewGuid():N}</REFERENCE_NUMBER><NEW_OPTIONAL_ELEMENT><VALUE>ignored</VALUE></NEW_OPTIONAL_ELEMENT></ENTITY>", StringComparison.Ordinal));

    [Fact]
    public async Task Both_published_formats_are_read_and_screened_against_with_their_aliases_and_original_scripts()
    {
        await WithListsAsync(lists => lists.ImportAsync(UnWith("SAHARA BASELINE MINERALS LIMITED"), "test"));
        await WithListsAsync(lists => lists.ImportAsync(EuSample, "test"));

        var (index, versions) = await WithListsAsync(lists => lists.IndexAsync());

        Assert.Equal([SanctionsList.UnConsolidated, SanctionsList.EuFinancialSanctions], versions.Select(v => v.List));
        Assert.Equal("EXi.001", index.Screen("Le Doyen").Single().Entry.Reference);
        Assert.Equal("EXe.001", index.Screen("Compagnie d'Extraction de l'Etoile du Nord").Single().Entry.Reference);
        Assert.Equal("EU.9001.01", index.Screen("Голубая Лагуна Ресурсы").Single().Entry.Reference);
        Assert.Equal(ListedKind.Person, index.Screen("Vasylenko, Olena").Single().Entry.Kind);
        Assert.Single(index.Screen("Sahara Baseline Minerals Ltd"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("foreign")]
    [InlineData("empty")]
    [InlineData("eu-namespace-missing")]
    public async Task A_file_that_is_not_a_whole_list_is_refused_and_the_lists_in_force_stay(string kind)
    {
        var marker = "REFUSAL " + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await WithListsAsync(lists => lists.ImportAsync(UnWith(marker), "test"));
        var before = await WithListsAsync(lists => lists.AllAsync());
        var bad = kind switch
        {
            "truncated" => UnWith("ANOTHER ONE")[..1500],
            "foreign" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title></channel></rss>"),
            "empty" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><CONSOLIDATED_LIST dateGenerated=\"2026-10-01T00:00:00Z\"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>"),
            _ => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(EuSample).Replace("xmlns=\"http://eu.europa.ec/fpi/fsd/export\"", "", StringComparison.Ordinal)),
        };

        var result = await WithListsAsync(lists => lists.ImportAsync(bad, "test"));

        Assert.Null(result.Version);
        Assert.False(string.IsNullOrEmpty(result.Problem));
        Assert.Equal(before.Select(v => v.Id), (await WithListsAsync(lists => lists.AllAsync())).Select(v => v.Id));
        var (index, _) = await WithListsAsync(lists => lists.IndexAsync());
        Assert.Single(index.Screen(marker));
    }

    [Fact]
    public async Task A_new_version_replaces_the_one_in_force_and_the_old_one_is_kept()
    {
        var first = await WithListsAsync(lists => lists.ImportAsync(UnWith("OLD HORIZON TRADING"), "test"));
        var second = await WithListsAsync(lists => lists.ImportAsync(UnWith("NEW DAWN SHIPPING"), "test"));

        var (index, versions) = await WithListsAsync(lists => lists.IndexAsync());
        var all = await WithListsAsync(lists => lists.AllAsync());

        Assert.Equal(second.Version!.Id, versions.Single(v => v.List == SanctionsList.UnConsolidated).Id);
        Assert.Contains(all, v => v.Id == first.Version!.Id);
        Assert.Empty(index.Screen("Old Horizon Trading"));
        Assert.Single(index.Screen("New Dawn Shipping Ltd"));
    }

    [Fact]
    public async Task The_same_file_is_not_imported_twice()
    {
        var file = UnWith("TWICE TOLD TRADING");
        await WithListsAsync(lists => lists.ImportAsync(file, "test"));

        var again = await WithListsAsync(lists => lists.ImportAsync(file, "test"));

        Assert.Null(again.Version);
        Assert.Contains("already imported", again.Problem, StringComparison.Ordinal);
    }
}

/// <summary>The sample files from shared/reference/sanctions, copied into the tests.</summary>
public static class SanctionsSamples
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Sanctions", "Samples", name));
}

public sealed class SanctionsListTestsOnSqlite(SqliteDesk desk) : SanctionsListTests<SqliteDesk>(desk);

public sealed class SanctionsListTestsOnPostgres(PostgresDesk desk) : SanctionsListTests<PostgresDesk>(desk);

/// <summary>The sanctions commands, run as the real executable.</summary>
public sealed class SanctionsCommandTests : IDisposable
{
    private readonly CommandLineHome _home = new();

    private Dictionary<string, string> Environment() => _home.Environment();

    [Fact]
    public async Task Import_detects_the_format_and_screen_prints_the_possible_hits_or_an_empty_array()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Sanctions", "Samples");

        var un = await DeskProcess.RunAsync(["sanctions", "import", Path.Combine(samples, "un-consolidated-list.sample.xml"), "--json"], Environment());
        var eu = await DeskProcess.RunAsync(["sanctions", "import", Path.Combine(samples, "eu-fsf.sample.xml"), "--json"], Environment());
        var hit = await DeskProcess.RunAsync(["sanctions", "screen", "Northern Star Extraction Co. Ltd", "--json"], Environment());
        var none = await DeskProcess.RunAsync(["sanctions", "screen", "Northern Star Mining", "--json"], Environment());
        var twice = await DeskProcess.RunAsync(["sanctions", "import", Path.Combine(samples, "eu-fsf.sample.xml")], Environment());

        Assert.True(un.ExitCode == 0, un.Error);
        Assert.Equal("UnConsolidated", JsonDocument.Parse(un.Output).RootElement.GetProperty("list").GetString());
        Assert.Equal("EuFinancialSanctions", JsonDocument.Parse(eu.Output).RootElement.GetProperty("list").GetString());
        using var hits = JsonDocument.Parse(hit.Output);
        var only = Assert.Single(hits.RootElement.EnumerateArray());
        Assert.Equal("Northern Star Extraction Co. Ltd", only.GetProperty("name").GetString());
        Assert.Equal("NORTHERN STAR EXTRACTION COMPANY LIMITED (EXe.001)", only.GetProperty("listEntry").GetString());
        Assert.Equal("UN Security Council Consolidated List", only.GetProperty("list").GetString());
        Assert.InRange(only.GetProperty("score").GetDouble(), NameMatching.HitThreshold, 1);
        Assert.Equal("[]", none.Output.Trim());
        Assert.NotEqual(0, twice.ExitCode);
        Assert.StartsWith("error: eu-fsf.sample.xml was not imported: this file is already imported", twice.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();
}
