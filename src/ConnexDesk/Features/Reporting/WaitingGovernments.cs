using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Domain.Timeliness;
using ConnexDesk.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Reporting;

/// <summary>One government waiting for the unit: the case, who is waiting, for what, since when, and how the promise stands.</summary>
public sealed record WaitingGovernment(string Reference, string Title, string? CountryCode, string? Organisation, CaseStage Stage, string? OfficerId, string? Officer, ServiceClock Clock);

/// <summary>The clocks of a set of cases: those running (who is waiting), and the promises kept or missed.</summary>
public sealed record Timeliness(IReadOnlyList<WaitingGovernment> Waiting, IReadOnlyDictionary<ServiceLevel, (int Met, int Missed)> Record);

/// <summary>Works out the service-level clocks of the cases given, with what they need from the database.</summary>
public sealed class WaitingGovernments(DeskDb db, IOptions<TimelinessOptions> options)
{
    public async Task<Timeliness> OfAsync(IQueryable<Case> cases, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var loaded = await cases.AsNoTracking()
            .Include(c => c.History).Include(c => c.EligibilityDecisions).Include(c => c.Engagements).Include(c => c.Letters)
            .Include(c => c.Rounds).Include(c => c.ScopeVersions)
            .AsSplitQuery().ToListAsync(cancellationToken);
        var ids = loaded.Select(c => c.Id).ToList();
        var firstMessages = await db.Messages.AsNoTracking()
            .Where(m => m.CaseId != null && ids.Contains(m.CaseId.Value) && m.Direction == MessageDirection.Outbound)
            .GroupBy(m => m.CaseId!.Value).Select(g => new { CaseId = g.Key, At = g.Min(m => m.ReceivedAt) })
            .ToDictionaryAsync(x => x.CaseId, x => (DateTime?)x.At, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var staff = (await db.StaffAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var calendar = options.Value.Calendar;
        var waiting = new List<WaitingGovernment>();
        var record = Enum.GetValues<ServiceLevel>().ToDictionary(l => l, _ => (Met: 0, Missed: 0));
        foreach (var c in loaded)
        {
            foreach (var k in ServiceClocks.Of(c, firstMessages.GetValueOrDefault(c.Id), now, calendar, options.Value.Targets))
            {
                if (k.IsRunning)
                {
                    waiting.Add(new WaitingGovernment(c.Reference, c.Title, c.CountryCode, c.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null, c.Stage,
                        c.AssignedOfficerId, c.AssignedOfficerId is { } officer ? staff.GetValueOrDefault(officer) : null, k));
                }
                else
                {
                    var (met, missed) = record[k.Level];
                    record[k.Level] = k.State == ClockState.Met ? (met + 1, missed) : (met, missed + 1);
                }
            }
        }
        return new Timeliness(
            [.. waiting.OrderBy(w => w.Clock.State == ClockState.Overdue ? 0 : w.Clock.State == ClockState.Running ? 1 : 2).ThenBy(w => w.Clock.Due).ThenBy(w => w.Reference, StringComparer.Ordinal)],
            record);
    }
}
