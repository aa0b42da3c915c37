using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Cases;

public static class CaseLoading
{
    /// <summary>The whole aggregate, if <paramref name="actor"/> may see it. One query per collection, none per row.</summary>
    public static Task<Case?> LoadAsync(this DeskDb db, string reference, CaseActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalised = CaseReference.TryParse(reference, out var parsed) ? parsed.ToString() : reference;
        return db.Cases
            .Include(c => c.Counterparties)
            .Include(c => c.Documents)
            .Include(c => c.EligibilityDecisions)
            .Include(c => c.DueDiligenceItems)
            .Include(c => c.Engagements).ThenInclude(e => e.Work)
            .Include(c => c.Engagements).ThenInclude(e => e.Deliverables)
            .Include(c => c.Notes)
            .Include(c => c.History)
            .Include(c => c.Letters)
            .Include(c => c.Agreement)
            .Include(c => c.Evaluation).ThenInclude(e => e!.Answers)
            .Include(c => c.SanctionsHits)
            .Include(c => c.Consultations)
            .Include(c => c.ConflictRulings)
            .Include(c => c.Rounds)
            .Include(c => c.ScopeVersions).ThenInclude(v => v.Needs)
            .Include(c => c.ScopingMission).ThenInclude(m => m!.TermsOfReference)
            .AsSplitQuery()
            .VisibleTo(actor)
            .SingleOrDefaultAsync(c => c.Reference == normalised, cancellationToken);
    }

    public static async Task<IReadOnlyList<(string Id, string Name)>> StaffAsync(this DeskDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.CaseOfficer || r.Name == Roles.Manager
            select new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return [.. staff.OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).Select(s => (s.Id, s.DisplayName))];
    }
}
