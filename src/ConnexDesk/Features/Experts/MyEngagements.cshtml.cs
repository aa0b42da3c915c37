using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Experts;

/// <summary>
/// An expert's own engagements: for each case the unit proposed them on, the parties across the table, so that they
/// declare that they have no conflict of interest with them, or describe the one they have. Nothing else of the case
/// is shown here: not the country, not the title, not the documents.
/// </summary>
[Authorize(Roles = Roles.Expert)]
public sealed class MyEngagementsModel(DeskDb db, CodeOfConductRegister codeOfConduct, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<MyEngagementsModel> logger) : PageModel
{
    public Expert? Expert { get; private set; }
    public bool SignedCurrent { get; private set; }
    public IReadOnlyList<(Case Case, Engagement Engagement)> Engagements { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public int? PostedEngagement { get; private set; }
    public string? PostedText { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostDeclareAsync(int engagementId, bool? conflict, string? description)
    {
        await LoadAsync();
        // Only an engagement of this expert: any other id looks like one that does not exist.
        var found = Engagements.FirstOrDefault(e => e.Engagement.Id == engagementId);
        if (Expert is null || found.Case is null)
            return NotFound();
        List<string> problems = [];
        if (conflict is null)
            problems.Add(localizer["Say whether you have a conflict of interest with these parties."]);
        else if ((description?.Length ?? 0) > 4000)
            problems.Add(localizer["The description can have at most 4000 characters."]);
        else
            problems.AddRange(found.Case.RecordConflictDeclaration(found.Engagement, conflict.Value, description, new CaseActor(User.ToActor().UserId, Expert.Name, Role.Expert), clock.GetUtcNow().UtcDateTime)
                .Select(r => localizer[r.Template, r.Args].Value));
        if (problems.Count > 0)
        {
            (Problems, PostedEngagement, PostedText) = (problems, engagementId, description);
            return Page();
        }
        await db.SaveChangesAsync();
        logger.LogInformation("Expert {ExpertId} declared on engagement {EngagementId} of case {Reference}: conflict {Conflict}", Expert.Id, engagementId, found.Case.Reference, conflict);
        Done = localizer["Your declaration is recorded. The unit will be in touch."];
        return Redirect("/my-engagements");
    }

    private async Task LoadAsync()
    {
        Expert = await codeOfConduct.ExpertForAsync(User, HttpContext.RequestAborted);
        if (Expert is null)
            return;
        var expertId = Expert.Id;
        var current = await codeOfConduct.StandingAsync([expertId], HttpContext.RequestAborted);
        SignedCurrent = current?.SignedBy.Contains(expertId) == true;
        var cases = await db.Cases.Include(c => c.Engagements).Include(c => c.Counterparties).Include(c => c.ConflictRulings)
            .Where(c => c.Engagements.Any(e => e.ExpertId == expertId)).AsSplitQuery().ToListAsync(HttpContext.RequestAborted);
        Engagements = [.. cases.SelectMany(c => c.Engagements.Where(e => e.ExpertId == expertId).Select(e => (c, e))).OrderByDescending(x => x.e.ProposedAt)];
    }
}
