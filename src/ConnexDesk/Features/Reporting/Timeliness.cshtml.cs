using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Domain.Timeliness;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Reporting;

/// <summary>One government waiting for the unit: the case, who is waiting, for what, since when, and how the promise stands.</summary>
public sealed record WaitingGovernment(string Reference, string Title, string? CountryCode, string? Organisation, CaseStage Stage, string? Officer, ServiceClock Clock);

/// <summary>
/// Which governments are waiting for the unit and for how long: every running service-level clock of the open cases
/// the reader may see, the overdue first; and how the promises kept or missed stand over the stopped clocks.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class TimelinessModel(DeskDb db, TimeProvider clock, IOptions<TimelinessOptions> options, ILogger<TimelinessModel> logger) : PageModel
{
    public IReadOnlyList<WaitingGovernment> Waiting { get; private set; } = [];
    public IReadOnlyDictionary<ServiceLevel, (int Met, int Missed)> Record { get; private set; } = new Dictionary<ServiceLevel, (int, int)>();
    public TimelinessOptions Options => options.Value;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var actor = User.ToActor();
        var now = clock.GetUtcNow().UtcDateTime;
        Today = DateOnly.FromDateTime(now);
        var cases = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Include(c => c.History).Include(c => c.EligibilityDecisions).Include(c => c.Engagements).Include(c => c.Letters)
            .AsSplitQuery().ToListAsync(HttpContext.RequestAborted);
        var ids = cases.Select(c => c.Id).ToList();
        var firstMessages = await db.Messages.AsNoTracking()
            .Where(m => m.CaseId != null && ids.Contains(m.CaseId.Value) && m.Direction == MessageDirection.Outbound)
            .GroupBy(m => m.CaseId!.Value).Select(g => new { CaseId = g.Key, At = g.Min(m => m.ReceivedAt) })
            .ToDictionaryAsync(x => x.CaseId, x => (DateTime?)x.At, HttpContext.RequestAborted);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, HttpContext.RequestAborted);
        var staff = (await db.StaffAsync()).ToDictionary(s => s.Id, s => s.Name);
        var calendar = Options.Calendar;
        var waiting = new List<WaitingGovernment>();
        var record = Enum.GetValues<ServiceLevel>().ToDictionary(l => l, _ => (Met: 0, Missed: 0));
        foreach (var c in cases)
        {
            foreach (var k in ServiceClocks.Of(c, firstMessages.GetValueOrDefault(c.Id), now, calendar, Options.Targets))
            {
                if (k.IsRunning)
                {
                    waiting.Add(new WaitingGovernment(c.Reference, c.Title, c.CountryCode, c.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null, c.Stage,
                        c.AssignedOfficerId is { } officer ? staff.GetValueOrDefault(officer) : null, k));
                }
                else
                {
                    var (met, missed) = record[k.Level];
                    record[k.Level] = k.State == ClockState.Met ? (met + 1, missed) : (met, missed + 1);
                }
            }
        }
        Waiting = [.. waiting.OrderBy(w => w.Clock.State == ClockState.Overdue ? 0 : w.Clock.State == ClockState.Running ? 1 : 2).ThenBy(w => w.Clock.Due).ThenBy(w => w.Reference, StringComparer.Ordinal)];
        Record = record;
        logger.LogInformation("User {UserId} read the timeliness of {Count} cases", actor.UserId, cases.Count);
    }

    public int LateBy(ServiceClock k) => k.State == ClockState.Overdue ? Options.Calendar.BusinessDaysBetween(k.Due, Today) : 0;

    public int Left(ServiceClock k) => k.State == ClockState.Overdue ? 0 : Options.Calendar.BusinessDaysBetween(Today, k.Due);
}
