using System.Globalization;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Domain.Timeliness;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Reporting;

/// <summary>
/// Once a business day, after the configured hour: each case officer gets the promises on their cases that are due
/// within two business days or overdue, and each manager the overdue ones of the whole unit (the escalation). Through
/// the outbox; a unique row per person, kind and day makes it once a day even with several instances running.
/// </summary>
public sealed class DailyDigest(DeskDb db, WaitingGovernments timeliness, TimeProvider clock, IOptions<TimelinessOptions> options, IOptions<DeskOptions> desk, ILogger<DailyDigest> logger)
{
    /// <summary>How soon a promise must fall due to be in an officer's digest.</summary>
    public const int DueWithin = 2;

    /// <summary>Sends what is due today and has not been sent; returns how many mails were queued.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var calendar = options.Value.Calendar;
        if (!calendar.IsBusinessDay(today) || now.Hour < options.Value.DigestHourUtc)
            return 0;
        var sentToday = await db.DigestsSent.Where(d => d.Day == today).Select(d => new { d.Kind, d.UserId }).ToListAsync(cancellationToken);
        var staff = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where (r.Name == Roles.CaseOfficer || r.Name == Roles.Manager) && u.Email != null
            select new { u.Id, u.DisplayName, Email = u.Email!, Role = r.Name }).ToListAsync(cancellationToken);
        var waiting = (await timeliness.OfAsync(db.Cases.Where(c => c.Stage != Domain.Cases.CaseStage.Closed && c.Stage != Domain.Cases.CaseStage.Declined && c.Stage != Domain.Cases.CaseStage.Withdrawn), now, cancellationToken)).Waiting;
        var queued = 0;
        foreach (var person in staff.DistinctBy(s => s.Id))
        {
            var theirs = waiting.Where(w => w.OfficerId == person.Id && (w.Clock.State == ClockState.Overdue || calendar.BusinessDaysBetween(today, w.Clock.Due) <= DueWithin)).ToList();
            if (theirs.Count > 0 && !sentToday.Any(s => s.Kind == DigestKind.Digest && s.UserId == person.Id))
                queued += await QueueAsync(DigestKind.Digest, person.Id, person.Email, person.DisplayName, today, now,
                    $"Your promises due by {calendar.AddBusinessDays(today, DueWithin):yyyy-MM-dd}: {theirs.Count}", theirs, calendar, cancellationToken);
        }
        var overdue = waiting.Where(w => w.Clock.State == ClockState.Overdue).ToList();
        foreach (var manager in staff.Where(s => s.Role == Roles.Manager).DistinctBy(s => s.Id))
        {
            if (overdue.Count > 0 && !sentToday.Any(s => s.Kind == DigestKind.Escalation && s.UserId == manager.Id))
                queued += await QueueAsync(DigestKind.Escalation, manager.Id, manager.Email, manager.DisplayName, today, now,
                    $"Overdue: {overdue.Count} promise(s) to governments", overdue, calendar, cancellationToken);
        }
        return queued;
    }

    private async Task<int> QueueAsync(DigestKind kind, string userId, string email, string name, DateOnly today, DateTime now, string heading,
        List<WaitingGovernment> items, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var body = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{heading}\n\n");
        foreach (var w in items)
        {
            var when = w.Clock.State == ClockState.Overdue
                ? $"{calendar.BusinessDaysBetween(w.Clock.Due, today)} business day(s) late"
                : $"due {w.Clock.Due:yyyy-MM-dd}";
            body.Append(CultureInfo.InvariantCulture, $"- {w.Reference} {w.Title}: {Words(w.Clock.Level)}, {when}")
                .Append(kind == DigestKind.Escalation ? $" (case officer: {w.Officer ?? "not assigned"})" : "")
                .Append(CultureInfo.InvariantCulture, $"\n  {desk.Value.PublicUrl.TrimEnd('/')}/cases/{w.Reference}\n");
        }
        body.Append(CultureInfo.InvariantCulture, $"\nEvery promise and its clock: {desk.Value.PublicUrl.TrimEnd('/')}/timeliness\n\n{desk.Value.UnitName}");
        db.DigestsSent.Add(new DigestSent(kind, userId, today, now));
        db.Outbox.Add(new OutgoingMail(OutgoingKind.Digest, null, $"{Guid.NewGuid():N}.{kind.ToString().ToLowerInvariant()}@{desk.Value.MailDomain}", email, name,
            $"[{desk.Value.UnitName}] {heading}", body.ToString(), null, "en", now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Queued the daily {Kind} for user {UserId}: {Count} item(s)", kind, userId, items.Count);
            return 1;
        }
        catch (DbUpdateException)
        {
            // Another instance sent it first: the unique row says so, and this one sends nothing.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    private static string Words(ServiceLevel level) => level switch
    {
        ServiceLevel.FirstContactAcknowledged => "first contact to acknowledge",
        ServiceLevel.EligibilityDecided => "eligibility to decide",
        ServiceLevel.ApprovalDecided => "approval to decide",
        ServiceLevel.ExpertsFielded => "experts to field",
    };
}

/// <summary>Runs <see cref="DailyDigest"/> every few minutes; the digest itself decides whether today's is due.</summary>
public sealed class DailyDigestLoop(IServiceScopeFactory scopes, IOptions<TimelinessOptions> options, ILogger<DailyDigestLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DigestPollMinutes <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.DigestPollMinutes));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DailyDigest>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round must not stop the loop; the next round tries again.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                logger.LogError(failure, "Daily digest round failed; trying again at the next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
