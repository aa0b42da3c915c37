using System.Diagnostics;
using System.Globalization;
using Bogus;
using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Bench;

/// <summary>
/// Screens COUNTERPARTIES names against a list of LISTED parties (people and companies from several locales, with
/// aliases and names in Cyrillic), the way the desk does: build the index once, then screen each name. One in fifty
/// counterparties is a variant of a listed name (reordered, legal form changed, accents dropped); the rest are
/// companies whose names share the trade's common words with listed ones.
/// </summary>
public static class SanctionsScreening
{
    public static int Run(int listed, int counterparties, int runs)
    {
        Randomizer.Seed = new Random(20261127);
        var locales = new[] { "en", "fr", "es", "pt_BR", "ru", "de", "tr" };
        var trade = new[] { "Mining", "Gold", "Resources", "Energy", "International", "Trading", "Petroleum", "Minerals", "Holdings", "Logistics", "Shipping", "Capital" };
        var forms = new[] { "Ltd", "S.A.", "SARL", "JSC", "LLC", "plc", "GmbH", "Limited", "S.A.R.L." };
        var random = new Random(42);
        var parties = new List<ListedParty>(listed);
        for (var i = 0; i < listed; i++)
        {
            var faker = new Faker(locales[i % locales.Length]);
            if (i % 2 == 0)
            {
                var name = $"{faker.Name.FirstName()} {faker.Name.LastName()}";
                parties.Add(new ListedParty(SanctionsList.UnConsolidated, $"B.{i}", ListedKind.Person, name, [name, $"{faker.Name.LastName()} {faker.Name.FirstName()}"]));
            }
            else
            {
                var name = $"{faker.Company.CompanyName().Split(' ', ',')[0]} {trade[random.Next(trade.Length)]} {forms[random.Next(forms.Length)]}";
                parties.Add(new ListedParty(SanctionsList.EuFinancialSanctions, $"EU.{i}", ListedKind.Entity, name, [name, faker.Company.CompanyName()]));
            }
        }
        var queries = new List<string>(counterparties);
        for (var i = 0; i < counterparties; i++)
        {
            if (i % 50 == 0)
            {
                var target = parties[random.Next(parties.Count)].PrimaryName;
                queries.Add(string.Join(' ', target.Split(' ').Reverse()).ToUpperInvariant());
            }
            else
            {
                var faker = new Faker(locales[random.Next(locales.Length)]);
                queries.Add($"{faker.Address.City()} {trade[random.Next(trade.Length)]} {trade[random.Next(trade.Length)]} {forms[random.Next(forms.Length)]}");
            }
        }

        var build = Stopwatch.StartNew();
        var index = new SanctionsIndex(parties);
        build.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index: {parties.Count} listed parties, {index.NameCount} names, built in {build.Elapsed.TotalMilliseconds:0} ms"));
        for (var run = 1; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var hits = 0;
            var screened = 0;
            foreach (var query in queries)
            {
                hits += index.Screen(query).Count;
                screened++;
            }
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: screened {screened} names in {watch.Elapsed.TotalMilliseconds:0} ms ({watch.Elapsed.TotalMilliseconds * 1000 / screened:0} µs each), {hits} possible hits"));
        }
        // What the hits are, so that a change in matching that floods the reviewers shows here.
        var planted = queries.Where((_, i) => i % 50 == 0).ToHashSet();
        var other = queries.Where(q => !planted.Contains(q)).SelectMany(q => index.Screen(q)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"planted variants found: {queries.Where((_, i) => i % 50 == 0).Count(q => index.Screen(q).Count > 0)} of {planted.Count}; hits among the other names: {other.Count}"));
        foreach (var hit in other.Take(15))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {hit.Score:0.000}  {hit.Name}  ~  {hit.MatchedName}"));
        return 0;
    }
}
