using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Domain.Matching;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Matching;

/// <summary>
/// Ranks the roster for one case: the cached roster index, plus what only the database knows now (who is engaged
/// where, on cases facing which counterparties), judged by <see cref="ExpertMatching"/>.
/// </summary>
public sealed class MatchExperts(DeskDb db, RosterIndexCache roster, TimeProvider clock, IOptions<DeskOptions> options)
{
    public int LookBackYears => options.Value.ConflictLookBackYears;

    public async Task<RosterRanking> RankAsync(Case @case, ExpertiseNeeds? needs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var indexed = await roster.GetAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await db.Set<Engagement>().AsNoTracking()
            .Where(e => e.Status != EngagementStatus.Completed && e.Status != EngagementStatus.Cancelled && e.Status != EngagementStatus.DeclinedByGovernment)
            .Select(e => new { e.ExpertId, e.ExpertName, CaseId = EF.Property<int>(e, "CaseId") })
            .ToListAsync(cancellationToken);
        var elsewhere = current.Where(e => e.CaseId != @case.Id).ToList();
        var workload = elsewhere.GroupBy(e => e.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        var otherCaseIds = elsewhere.Select(e => e.CaseId).Distinct().ToList();
        var otherCases = await db.Cases.AsNoTracking().Where(c => otherCaseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, Counterparties = c.Counterparties.Select(p => p.Name).ToList() })
            .ToListAsync(cancellationToken);
        var sameParty = new Dictionary<int, IReadOnlyList<ConflictFinding>>();
        foreach (var other in otherCases)
        {
            var shared = @case.Counterparties.Where(mine => other.Counterparties.Any(theirs => ConflictScreening.SameParty(mine.Name, theirs))).ToList();
            if (shared.Count == 0)
                continue;
            foreach (var engaged in elsewhere.Where(e => e.CaseId == other.Id))
            {
                sameParty[engaged.ExpertId] = [.. sameParty.GetValueOrDefault(engaged.ExpertId) ?? [],
                    .. shared.Select(p => new ConflictFinding(p.Name, $"engaged on {other.Reference}", true, $"is engaged on case {other.Reference}, which faces {p.Name} too"))];
            }
        }
        // The governments' ratings of the cases each expert completed: the mean of each case's ratings, then of those cases.
        var rated = await db.Set<Engagement>().AsNoTracking()
            .Where(e => e.Status == EngagementStatus.Completed)
            .Join(db.Set<Evaluation>().AsNoTracking().Where(v => v.Answers.Any()), e => EF.Property<int>(e, "CaseId"), v => EF.Property<int>(v, "CaseId"),
                (e, v) => new { e.ExpertId, Average = v.Answers.Average(a => (double)a.Rating) })
            .ToListAsync(cancellationToken);
        var evaluations = rated.GroupBy(r => r.ExpertId).ToDictionary(g => g.Key, g => new PastEvaluation(g.Average(r => r.Average), g.Count()));
        var context = new MatchContext(@case, needs ?? ExpertiseNeeds.For(@case, DateOnly.FromDateTime(now)), indexed.CodeOfConduct,
            now.Year, options.Value.ConflictLookBackYears, workload, sameParty, evaluations);
        return ExpertMatching.Rank(indexed.Index, context);
    }
}
