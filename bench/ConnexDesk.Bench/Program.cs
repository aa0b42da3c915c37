using System.Diagnostics;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Seeds a desk with many cases for the benchmarks in bench/*.sh. Usage: ConnexDesk.Bench seed-cases COUNT
// (configuration as for the desk itself: Desk__DataDirectory, Database__Provider, ConnectionStrings__Desk).
if (args is not ["seed-cases", var countText] || !int.TryParse(countText, out var count) || count <= 0)
{
    await Console.Error.WriteLineAsync("usage: ConnexDesk.Bench seed-cases COUNT");
    return 2;
}

await using var app = DeskApplication.CreateBuilder([], forCommandLine: true).Build();
await using var scope = app.Services.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<DeskDb>();
await DeskDatabase.MigrateAsync(db);
db.ChangeTracker.AutoDetectChangesEnabled = false;

var random = new Random(20261127);
var countries = Countries.All.Keys.ToArray();
var sectors = Enum.GetValues<Sector>();
var actor = CaseActor.CommandLine;
var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
var organisation = new RequestingOrganisation("Benchmark Ministry", "SN", GovernmentLevel.National);
db.Organisations.Add(organisation);
await db.SaveChangesAsync();

var watch = Stopwatch.StartNew();
const int batch = 2000;
for (var first = 1; first <= count; first += batch)
{
    for (var number = first; number < first + batch && number <= count; number++)
    {
        var opened = start.AddMinutes(number * 7);
        var c = Case.Open(new CaseReference(2026, number),
            new CaseDetails(countries[random.Next(countries.Length)], $"Benchmark request {number}: {sectors[number % sectors.Length]} contract",
                Sector: sectors[random.Next(sectors.Length)], DeadlineOn: DateOnly.FromDateTime(opened).AddDays(random.Next(30, 400))),
            organisation.Id, actor, opened);
        c.AddCounterparty(new Counterparty($"Counterparty {number % 500}", null, CounterpartyKind.Company), actor, opened);
        switch (number % 5)
        {
            case 1:
                c.Take(CaseStep.AskForFormalRequest, new StepRequest(actor, opened.AddDays(1)));
                break;
            case 2:
                c.Take(CaseStep.Decline, new StepRequest(actor, opened.AddDays(2), "Outside the mandate (benchmark)."));
                break;
            case 3:
                c.Take(CaseStep.Withdraw, new StepRequest(actor, opened.AddDays(3), "Withdrawn (benchmark)."));
                break;
        }
        db.Cases.Add(c);
    }
    await db.SaveChangesAsync();
    db.ChangeTracker.Clear();
}
db.CaseNumberSequences.Add(new CaseNumberSequence { Year = 2026, LastNumber = count });
await db.SaveChangesAsync();
await Console.Out.WriteLineAsync($"seeded {count} cases in {watch.Elapsed.TotalSeconds:F1} s ({db.Database.ProviderName})");
return 0;
