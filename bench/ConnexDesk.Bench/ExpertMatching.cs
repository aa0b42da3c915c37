using System.Diagnostics;
using System.Globalization;
using Bogus;
using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Matching;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Bench;

/// <summary>
/// `experts match` at the scale of a large roster: EXPERTS generated experts (Bogus, fixed seed) with TIES past
/// clients and employers in all, nine in ten signed the Code of Conduct in force, stored in the database the
/// configuration names; CASES cases each facing two counterparties, one of them a company some experts worked for.
/// Then, as the desk does, <see cref="MatchExperts"/> ranks the whole roster for each case RUNS times and reads the
/// reasons of the thirty experts the case's page shows; the first call builds the roster index and is reported apart.
/// </summary>
public static class ExpertMatching
{
    public static async Task<int> RunAsync(int experts, int ties, int cases, int runs)
    {
        await using var app = DeskApplication.CreateBuilder([], forCommandLine: true).Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDb>();
            await DeskDatabase.MigrateAsync(db);
            if (!await db.Experts.AnyAsync())
                await SeedAsync(db, experts, ties, cases);
            var (expertCount, tieCount, signatureCount, caseCount) = (await db.Experts.CountAsync(), await db.Set<ExpertTie>().CountAsync(), await db.CodeOfConductSignatures.CountAsync(), await db.Cases.CountAsync());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"database: {expertCount} experts, {tieCount} past clients, {signatureCount} signatures, {caseCount} cases ({db.Database.ProviderName})"));
        }

        List<string> references;
        await using (var scope = app.Services.CreateAsyncScope())
            references = await scope.ServiceProvider.GetRequiredService<DeskDb>().Cases.OrderBy(c => c.Id).Select(c => c.Reference).ToListAsync();

        var timings = new List<double>();
        var first = true;
        foreach (var run in Enumerable.Range(1, runs))
        {
            var runTimings = new List<double>();
            foreach (var reference in references)
            {
                // A request of the desk: a new scope and DbContext, the case loaded, the roster index shared.
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DeskDb>();
                var c = (await db.LoadAsync(reference, CaseActor.CommandLine))!;
                var watch = Stopwatch.StartNew();
                var ranked = await scope.ServiceProvider.GetRequiredService<MatchExperts>().RankAsync(c);
                // What the case's experts page reads: the best eligible and the best ineligible, with their reasons.
                var shown = ranked.Eligible.Take(15).Concat(ranked.NotEligible.Take(15)).Sum(m => m.Reasons.Count);
                watch.Stop();
                if (first)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"first match (builds the roster index): {watch.Elapsed.TotalMilliseconds:0} ms; {ranked.Count} ranked, {ranked.EligibleCount} eligible, {ranked.NotEligible.Count(m => m.Conflicts.Any(f => f.Blocking))} with a blocking conflict, {shown} reasons shown"));
                    var everything = Stopwatch.StartNew();
                    var all = ranked.Sum(m => m.Reasons.Count);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reasons for the whole roster (what experts match --json prints): {all} in {everything.Elapsed.TotalMilliseconds:0} ms"));
                    first = false;
                    continue;
                }
                runTimings.Add(watch.Elapsed.TotalMilliseconds);
            }
            timings.AddRange(runTimings);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {runTimings.Count} matches, {Summary(runTimings)}; garbage collections so far: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all runs: {timings.Count} matches, {Summary(timings)}"));
        return 0;
    }

    private static string Summary(List<double> timings)
    {
        if (timings.Count == 0)
            return "none";
        var sorted = timings.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, max {sorted[^1]:0.0} ms");
    }

    private static async Task SeedAsync(DeskDb db, int experts, int ties, int cases)
    {
        var watch = Stopwatch.StartNew();
        Randomizer.Seed = new Random(20261128);
        var random = new Random(7);
        var faker = new Faker("fr");
        var companies = Enumerable.Range(0, 20_000).Select(_ => faker.Company.CompanyName()).Distinct().ToArray();
        var disciplines = Enum.GetValues<Discipline>();
        var sectors = Enum.GetValues<Sector>();
        var languages = new[] { "fr", "en", "es", "pt", "ar", "ru", "sw" };
        var levels = new[] { "C2", "C1", "B2", "B1", "native" };
        var countries = ConnexDesk.Domain.Countries.All.Keys.ToArray();
        var regions = new[] { "West Africa", "East Africa", "Southern Africa", "North Africa", "Latin America", "Central Asia", "South-East Asia", "Pacific" };
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        const int batch = 5_000;
        for (var from = 0; from < experts; from += batch)
        {
            for (var i = from; i < Math.Min(experts, from + batch); i++)
            {
                var name = $"{faker.Name.FirstName()} {faker.Name.LastName()}";
                var expert = new Expert(name, $"expert{i}@roster.bench", at);
                var tieCount = ties / experts + (random.Next(experts) < ties % experts ? 1 : 0);
                expert.UpdateProfile(new ExpertProfile(
                    name,
                    expert.Email,
                    countries[random.Next(countries.Length)],
                    [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => new ExpertLanguage(languages[random.Next(languages.Length)], levels[random.Next(levels.Length)])).DistinctBy(l => l.Code)],
                    [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => disciplines[random.Next(disciplines.Length)])],
                    [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => sectors[random.Next(sectors.Length)])],
                    [regions[random.Next(regions.Length)], countries[random.Next(countries.Length)]],
                    400 + random.Next(900),
                    "EUR",
                    [.. Enumerable.Range(0, tieCount).Select(_ =>
                    {
                        var start = 1990 + random.Next(36);
                        int? end = random.Next(4) == 0 ? null : Math.Min(2026, start + random.Next(8));
                        return new ExpertTie(companies[random.Next(companies.Length)], start, end);
                    })]), at);
                db.Experts.Add(expert);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        var version = new CodeOfConductVersion("bench-1", "## Confidentiality\nBenchmark text.", at, "Benchmark");
        db.CodeOfConductVersions.Add(version);
        await db.SaveChangesAsync();
        var ids = await db.Experts.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        foreach (var chunk in ids.Where((_, i) => i % 10 != 0).Chunk(batch))
        {
            foreach (var expert in chunk)
                db.CodeOfConductSignatures.Add(CodeOfConductSignature.Sign(expert, version, version, version.Sha256, expert.Name, true, at, "bench").Signature!);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        for (var number = 1; number <= cases; number++)
        {
            var c = Case.Open(new CaseReference(2026, number), new CaseDetails(countries[random.Next(countries.Length)], $"Benchmark case {number}",
                Sector: sectors[random.Next(sectors.Length)], NextRoundOn: DateOnly.FromDateTime(at).AddDays(30 + random.Next(90)),
                ServicesNeeded: SupportServices.Legal | SupportServices.Technical | SupportServices.FiscalAndFinancialModelling, Language: languages[random.Next(4)]), null, CaseActor.CommandLine, at);
            c.AddCounterparty(new Counterparty(companies[random.Next(companies.Length)], null, CounterpartyKind.Company), CaseActor.CommandLine, at);
            c.AddCounterparty(new Counterparty($"{faker.Address.City()} Mining Holdings plc", null, CounterpartyKind.Investor), CaseActor.CommandLine, at);
            db.Cases.Add(c);
        }
        db.CaseNumberSequences.Add(new CaseNumberSequence { Year = 2026, LastNumber = cases });
        await db.SaveChangesAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {experts} experts, {ties} past clients, {cases} cases in {watch.Elapsed.TotalSeconds:0} s"));
    }
}
