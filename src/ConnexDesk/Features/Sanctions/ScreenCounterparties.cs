using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Sanctions;

/// <summary>
/// Screens the counterparties of cases against the list versions in force and records the possible hits on each
/// case: when a counterparty is added, when staff ask, and for every open case when a new list version arrives.
/// </summary>
public sealed class ScreenCounterparties(DeskDb db, SanctionsLists lists, TimeProvider clock)
{
    /// <summary>Screens one case (not saved); the number of new possible hits, or null when no list is imported yet.</summary>
    public async Task<int?> ScreenAsync(Case @case, CaseActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var (index, versions) = await lists.IndexAsync(cancellationToken);
        return versions.Count == 0 ? null : Screen(@case, index, versions, actor);
    }

    private int Screen(Case @case, Domain.Sanctions.SanctionsIndex index, IReadOnlyList<Domain.Sanctions.SanctionsListVersion> versions, CaseActor actor)
    {
        var hits = @case.Counterparties.SelectMany(c => c.ScreenedNames()).SelectMany(n => index.Screen(n.Name).Select(h => (n.Label, h))).ToList();
        return @case.RecordScreening(hits, string.Join("; ", versions.Select(v => v.Label)), actor, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Screens every open case with counterparties again, and saves; the references of the cases with new possible hits.</summary>
    public async Task<IReadOnlyList<string>> ScreenOpenCasesAsync(CaseActor actor, CancellationToken cancellationToken = default)
    {
        var changed = new List<string>();
        // The lists in force are looked up once for the whole run, not once per case.
        var (index, versions) = await lists.IndexAsync(cancellationToken);
        if (versions.Count == 0)
            return changed;
        // The unit's own screening of every open case, whoever started it (an administrator importing a list): past the
        // query filter, and only the count of cases with new hits goes back to an administrator's page.
        var ids = await db.Cases.IgnoreQueryFilters().Where(c => !CaseLifecycle.Terminal.Contains(c.Stage) && c.Counterparties.Any())
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(200))
        {
            var cases = await db.Cases.IgnoreQueryFilters().Include(c => c.Counterparties).Include(c => c.SanctionsHits)
                .Where(c => chunk.Contains(c.Id)).AsSplitQuery().ToListAsync(cancellationToken);
            foreach (var @case in cases)
            {
                if (Screen(@case, index, versions, actor) > 0)
                    changed.Add(@case.Reference);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return changed;
    }
}
