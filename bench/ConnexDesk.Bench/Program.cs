using System.Diagnostics;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Test data for the benchmarks in bench/*.sh (configuration as for the desk itself: Desk__DataDirectory, ...).
//   ConnexDesk.Bench seed-cases COUNT          many cases, straight into the database
//   ConnexDesk.Bench write-mail FOLDER COUNT    COUNT .eml files, one in five with a 1 MB PDF attached
//   ConnexDesk.Bench sanctions-screen LISTED COUNTERPARTIES RUNS   screens counterparties against a generated list
//   ConnexDesk.Bench experts-match EXPERTS TIES CASES RUNS          ranks a generated roster for generated cases
if (args is ["experts-match", var expertsText, var tiesText, var casesText, var matchRunsText]
    && int.TryParse(expertsText, out var experts) && int.TryParse(tiesText, out var ties) && int.TryParse(casesText, out var matchCases) && int.TryParse(matchRunsText, out var matchRuns))
{
    return await ConnexDesk.Bench.ExpertMatching.RunAsync(experts, ties, matchCases, matchRuns);
}
if (args is ["sanctions-screen", var listedText, var partiesText, var runsText]
    && int.TryParse(listedText, out var listed) && int.TryParse(partiesText, out var parties) && int.TryParse(runsText, out var runs))
{
    return ConnexDesk.Bench.SanctionsScreening.Run(listed, parties, runs);
}
if (args is ["write-mail", var folder, var mailText] && int.TryParse(mailText, out var mails) && mails > 0)
{
    Directory.CreateDirectory(folder);
    var pdf = new byte[1024 * 1024];
    new Random(42).NextBytes(pdf);
    "%PDF-1.4\n"u8.CopyTo(pdf);
    for (var i = 0; i < mails; i++)
    {
        var message = new MimeKit.MimeMessage();
        message.From.Add(new MimeKit.MailboxAddress($"Official {i}", $"official{i}@ministry{i % 50}.gov.example"));
        message.To.Add(MimeKit.MailboxAddress.Parse("support@connexdesk.example"));
        message.Subject = $"Request for support {i}: renegotiation of concession {i % 97}";
        message.MessageId = $"bench-{i}@ministry{i % 50}.gov.example";
        var body = new MimeKit.TextPart("plain") { Text = $"Dear unit,\n\nWe request support for the renegotiation of concession {i % 97}.\n\nRegards" };
        if (i % 5 == 0)
        {
            var mixed = new MimeKit.Multipart("mixed") { body };
            mixed.Add(new MimeKit.MimePart("application", "pdf")
            {
                Content = new MimeKit.MimeContent(new MemoryStream(pdf)),
                ContentDisposition = new MimeKit.ContentDisposition(MimeKit.ContentDisposition.Attachment),
                ContentTransferEncoding = MimeKit.ContentEncoding.Base64,
                FileName = $"request-{i}.pdf",
            });
            message.Body = mixed;
        }
        else
        {
            message.Body = body;
        }
        await message.WriteToAsync(Path.Combine(folder, $"{i:D6}.eml"));
    }
    await Console.Out.WriteLineAsync($"wrote {mails} messages to {folder}");
    return 0;
}
if (args is not ["seed-cases", var countText] || !int.TryParse(countText, out var count) || count <= 0)
{
    await Console.Error.WriteLineAsync("usage: ConnexDesk.Bench seed-cases COUNT | write-mail FOLDER COUNT | sanctions-screen LISTED COUNTERPARTIES RUNS | experts-match EXPERTS TIES CASES RUNS");
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
