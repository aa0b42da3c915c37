using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Cases;

/// <summary>The page that shows which governments wait for the unit and for how long.</summary>
public abstract class TimelinessPageTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    [Fact]
    public async Task An_inquiry_left_unanswered_for_two_weeks_is_shown_late_to_its_officer_and_not_to_another()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var other = await desk.CreateUserAsync(Role.CaseOfficer);
        var reference = new CaseReference(2025, Random.Shared.Next(1000, 9999));
        var openedAt = DateTime.UtcNow.AddDays(-14);
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var c = Case.Open(reference, new CaseDetails("TD", $"Oil block {reference.Number}: production sharing contract"), null, CaseActor.CommandLine, openedAt);
            c.AssignOfficer(officer.Id, "Officer", null, CaseActor.CommandLine, openedAt);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
        });

        var page = Forms.Text(await (await desk.SignedInClientAsync(officer)).GetStringAsync("/timeliness"));
        var otherPage = Forms.Text(await (await desk.SignedInClientAsync(other)).GetStringAsync("/timeliness"));

        var text = System.Text.RegularExpressions.Regex.Replace(page, @"\s+", " ");
        var start = text.IndexOf(reference.ToString(), StringComparison.Ordinal);
        var next = text.IndexOf("CNX-", start + 5, StringComparison.Ordinal);
        var row = next < 0 ? text[start..] : text[start..next];
        Assert.Contains("First contact acknowledged", row, StringComparison.Ordinal);
        Assert.Matches(@"\d+ of 2 \d{4}-\d{2}-\d{2} \d+ business day\(s\) late", row);
        Assert.DoesNotContain(reference.ToString(), otherPage, StringComparison.Ordinal);
    }
}

public sealed class TimelinessPageTestsOnSqlite(SqliteDesk desk) : TimelinessPageTests<SqliteDesk>(desk);

public sealed class TimelinessPageTestsOnPostgres(PostgresDesk desk) : TimelinessPageTests<PostgresDesk>(desk);
