using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Timeliness;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Reporting;

/// <summary>
/// Which governments are waiting for the unit and for how long: every running service-level clock of the open cases
/// the reader may see, the overdue first; and how the promises kept or missed stand over the stopped clocks.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class TimelinessModel(DeskDb db, WaitingGovernments timeliness, TimeProvider clock, IOptions<TimelinessOptions> options, ILogger<TimelinessModel> logger) : PageModel
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
        (Waiting, Record) = await timeliness.OfAsync(db.Cases.VisibleTo(actor), now, HttpContext.RequestAborted);
        logger.LogInformation("User {UserId} read who is waiting ({Count} running clocks)", actor.UserId, Waiting.Count);
    }

    public int LateBy(ServiceClock k) => k.State == ClockState.Overdue ? Calendar.BusinessDaysBetween(k.Due, Today) : 0;

    public int Left(ServiceClock k) => k.State == ClockState.Overdue ? 0 : Calendar.BusinessDaysBetween(Today, k.Due);

    /// <summary>Built once per page, not once per row.</summary>
    private BusinessCalendar Calendar => _calendar ??= Options.Calendar;

    private BusinessCalendar? _calendar;
}
