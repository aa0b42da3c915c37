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
public sealed class MyEngagementsModel(DeskDb db, BlobStore blobs, CodeOfConductRegister codeOfConduct, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<MyEngagementsModel> logger) : PageModel
{
    public Expert? Expert { get; private set; }
    public bool SignedCurrent { get; private set; }
    public IReadOnlyList<(Case Case, Engagement Engagement)> Engagements { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Whether the case opens to this expert (accepted by the government, Code of Conduct signed).</summary>
    public bool Opens(Case c) => Expert is not null && c.OpensToExpert(Expert.Id, SignedCurrent);
    public int? PostedEngagement { get; private set; }
    public string? PostedText { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostDeclareAsync(int engagementId, bool? conflict, string? description) =>
        ChangeAsync(engagementId, description, (c, e, expert, now) => Task.FromResult<IReadOnlyList<string>>(conflict is null
            ? [localizer["Say whether you have a conflict of interest with these parties."]]
            : (description?.Length ?? 0) > 4000
                ? [localizer["The description can have at most 4000 characters."]]
                : Said(c.RecordConflictDeclaration(e, conflict.Value, description, expert, now))), localizer["Your declaration is recorded. The unit will be in touch."]);

    public Task<IActionResult> OnPostDaysAsync(int engagementId, DateOnly? workedOn, decimal? days, string? note) =>
        ChangeAsync(engagementId, note, (c, e, expert, now) => Task.FromResult<IReadOnlyList<string>>((note?.Length ?? 0) > 2000
            ? [localizer["The note can have at most 2000 characters."]]
            : Said(c.RecordDaysWorked(e, workedOn, days, note, expert, now))), localizer["Days recorded."]);

    public Task<IActionResult> OnPostSubmitAsync(int engagementId, int deliverableId, IFormFile? file) =>
        ChangeAsync(engagementId, null, async (c, e, expert, now) =>
        {
            if (file is null)
                return [localizer["Choose the file of the deliverable."]];
            var (document, problem) = await DocumentUpload.StoreAsync(file, CaseDocumentKind.Deliverable, expert.Name, now, blobs, HttpContext.RequestAborted);
            return document is null ? [localizer[problem!]] : Said(c.SubmitDeliverable(e, e.Deliverables.SingleOrDefault(d => d.Id == deliverableId), document, expert));
        }, localizer["Deliverable submitted. The unit will review it."]);

    /// <summary>One change by the expert to one of their own engagements; any other engagement looks like one that does not exist.</summary>
    private async Task<IActionResult> ChangeAsync(int engagementId, string? typed, Func<Case, Engagement, CaseActor, DateTime, Task<IReadOnlyList<string>>> change, string done)
    {
        await LoadAsync();
        var found = Engagements.FirstOrDefault(e => e.Engagement.Id == engagementId);
        if (Expert is null || found.Case is null)
            return NotFound();
        var problems = await change(found.Case, found.Engagement, new CaseActor(User.ToActor().UserId, Expert.Name, Role.Expert), clock.GetUtcNow().UtcDateTime);
        if (problems.Count > 0)
        {
            (Problems, PostedEngagement, PostedText) = (problems, engagementId, typed);
            return Page();
        }
        await db.SaveChangesAsync();
        logger.LogInformation("Expert {ExpertId} changed engagement {EngagementId} of case {Reference} ({Handler})", Expert.Id, engagementId, found.Case.Reference, Request.Query["handler"].ToString());
        Done = done;
        return Redirect("/my-engagements");
    }

    private List<string> Said(IEnumerable<Reason> refusals) => [.. refusals.Select(r => localizer[r.Template, r.Args].Value)];

    private async Task LoadAsync()
    {
        Expert = await codeOfConduct.ExpertForAsync(User, HttpContext.RequestAborted);
        if (Expert is null)
            return;
        var expertId = Expert.Id;
        var current = await codeOfConduct.StandingAsync([expertId], HttpContext.RequestAborted);
        SignedCurrent = current?.SignedBy.Contains(expertId) == true;
        // Deliberately past the query filter: the expert declares conflicts before the case opens to them, and this
        // page shows only their own engagements and the parties across the table, nothing else of the case.
        var cases = await db.Cases.IgnoreQueryFilters().Include(c => c.Engagements).ThenInclude(e => e.Work).Include(c => c.Engagements).ThenInclude(e => e.Deliverables)
            .Include(c => c.Counterparties).Include(c => c.ConflictRulings).Include(c => c.Documents)
            .Where(c => c.Engagements.Any(e => e.ExpertId == expertId)).AsSplitQuery().ToListAsync(HttpContext.RequestAborted);
        Engagements = [.. cases.SelectMany(c => c.Engagements.Where(e => e.ExpertId == expertId).Select(e => (c, e))).OrderByDescending(x => x.e.ProposedAt)];
    }
}
