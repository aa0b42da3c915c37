using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Reporting;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ConnexDesk.Tests.Cases;

/// <summary>The daily digest to each officer and the escalation to managers, once a business day, with a fake clock.</summary>
public abstract class DailyDigestTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    // Wednesday 2 December 2026, 07:00 UTC: a business day, after the digest hour.
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private Task<int> RunAsync(FakeTimeProvider time) => desk.InScopeAsync(services => new DailyDigest(
        services.GetRequiredService<DeskDb>(), services.GetRequiredService<WaitingGovernments>(), time,
        services.GetRequiredService<IOptions<TimelinessOptions>>(), services.GetRequiredService<IOptions<DeskOptions>>(), NullLogger<DailyDigest>.Instance).RunAsync());

    private Task<List<OutgoingMail>> MailsToAsync(string email) =>
        desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.AsNoTracking().Where(o => o.Kind == OutgoingKind.Digest && o.ToAddress == email).OrderBy(o => o.Id).ToListAsync());

    [Fact]
    public async Task The_officer_hears_of_a_late_inquiry_and_the_manager_gets_the_escalation_once_a_business_day()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var manager = await desk.CreateUserAsync(Role.Manager);
        var reference = new CaseReference(2024, Random.Shared.Next(1000, 9999));
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var openedAt = Wednesday.UtcDateTime.AddDays(-7);
            var c = Case.Open(reference, new CaseDetails("NE", $"Uranium mining convention {reference.Number}"), null, CaseActor.CommandLine, openedAt);
            c.AssignOfficer(officer.Id, "Officer", null, CaseActor.CommandLine, openedAt);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
        });
        var time = new FakeTimeProvider(Wednesday);

        await RunAsync(time);
        await RunAsync(time);
        var firstDay = (await MailsToAsync(officer.Email), await MailsToAsync(manager.Email));
        time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 5, 0, 0, TimeSpan.Zero));
        await RunAsync(time);
        var beforeTheHour = (await MailsToAsync(officer.Email)).Count;
        time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await RunAsync(time);
        time.SetUtcNow(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        await RunAsync(time);
        var afterSaturday = (await MailsToAsync(officer.Email), await MailsToAsync(manager.Email));

        var digest = Assert.Single(firstDay.Item1);
        Assert.Contains($"{reference} Uranium mining convention {reference.Number}: first contact to acknowledge, 3 business day(s) late", digest.TextBody, StringComparison.Ordinal);
        var escalation = Assert.Single(firstDay.Item2);
        Assert.Contains($"{reference} Uranium mining convention {reference.Number}: first contact to acknowledge, 3 business day(s) late (case officer: ", escalation.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, beforeTheHour);
        Assert.Equal((2, 2), (afterSaturday.Item1.Count, afterSaturday.Item2.Count));
    }
}

public sealed class DailyDigestTestsOnSqlite(SqliteDesk desk) : DailyDigestTests<SqliteDesk>(desk);

public sealed class DailyDigestTestsOnPostgres(PostgresDesk desk) : DailyDigestTests<PostgresDesk>(desk);
