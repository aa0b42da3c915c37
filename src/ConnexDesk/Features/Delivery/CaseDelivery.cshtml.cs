using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Delivery;

/// <summary>
/// Delivery of one case: each accepted expert's contract and period, the days they worked against the budget (and a
/// manager's decision on days beyond it), their deliverables, and the end of each engagement.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class CaseDeliveryModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<CaseDeliveryModel> logger)
    : CasePageModel(db, clock, localizer, logger)
{
    /// <summary>The engagement whose form was refused, to open it again.</summary>
    public int? PostedEngagement { get; private set; }

    public Task<IActionResult> OnGetAsync(string reference) => ShowAsync(reference, "delivery");

    public Task<IActionResult> OnPostContractAsync(string reference, int version, int engagementId, DateOnly? startsOn, DateOnly? endsOn, string? contractReference) =>
        Change(reference, version, engagementId, (c, e, actor, now) => (contractReference?.Length ?? 0) > 200
            ? [new Reason("The contract reference can have at most 200 characters.")]
            : c.ContractExpert(e, startsOn, endsOn, contractReference, actor, now), Localizer["The contract is recorded."]);

    public Task<IActionResult> OnPostStartAsync(string reference, int version, int engagementId) =>
        Change(reference, version, engagementId, (c, e, actor, now) => c.StartWork(e, actor, now), Localizer["The expert is at work."]);

    public Task<IActionResult> OnPostDaysAsync(string reference, int version, int engagementId, DateOnly? workedOn, decimal? days, string? note) =>
        Change(reference, version, engagementId, (c, e, actor, now) => (note?.Length ?? 0) > 2000
            ? [new Reason("The note can have at most 2000 characters.")]
            : c.RecordDaysWorked(e, workedOn, days, note, actor, now), Localizer["Days recorded."]);

    public Task<IActionResult> OnPostOverBudgetAsync(string reference, int version, int engagementId, int recordId, bool approve, string? reason) =>
        Change(reference, version, engagementId, (c, e, actor, now) => c.DecideOverBudget(e, e?.Work.SingleOrDefault(w => w.Id == recordId), approve, reason, actor, now),
            approve ? Localizer["The days beyond the budget are approved."] : Localizer["The days beyond the budget are refused."]);

    public Task<IActionResult> OnPostDeliverableAsync(string reference, int version, int engagementId, string? title, DateOnly? dueOn) =>
        Change(reference, version, engagementId, (c, e, actor, now) => c.AddDeliverable(e, title, dueOn, actor, now), Localizer["Deliverable agreed."]);

    public Task<IActionResult> OnPostSubmitAsync(string reference, int version, int engagementId, int deliverableId, IFormFile? file) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedEngagement = engagementId;
            if (file is null)
                return (Localizer["Choose the file of the deliverable."], []);
            var (document, problem) = await DocumentUpload.StoreAsync(file, CaseDocumentKind.Deliverable, actor.Name, now, blobs, HttpContext.RequestAborted);
            if (document is null)
                return (Localizer["{0} was not added:", Intake.MailReading.SafeFileName(file.FileName)], [Localizer[problem!].Value]);
            var engagement = c.Engagements.SingleOrDefault(e => e.Id == engagementId);
            return Unchanged(c.SubmitDeliverable(engagement, engagement?.Deliverables.SingleOrDefault(d => d.Id == deliverableId), document, actor));
        }, _ => Localizer["Deliverable submitted."]);

    public Task<IActionResult> OnPostAcceptAsync(string reference, int version, int engagementId, int deliverableId) =>
        Change(reference, version, engagementId, (c, e, actor, now) => c.AcceptDeliverable(e, e?.Deliverables.SingleOrDefault(d => d.Id == deliverableId), actor, now),
            Localizer["Deliverable accepted."]);

    public Task<IActionResult> OnPostCompleteAsync(string reference, int version, int engagementId) =>
        Change(reference, version, engagementId, (c, e, actor, now) => c.CompleteEngagement(e, actor, now), Localizer["The engagement is completed."]);

    protected override string PageAfterChange(Case found) => $"/cases/{found.Reference}/delivery";

    protected override Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        return Task.CompletedTask;
    }

    /// <summary>One change to one engagement through a domain verb; a refusal shows the page again with the reasons.</summary>
    private Task<IActionResult> Change(string reference, int version, int engagementId, Func<Case, Engagement?, CaseActor, DateTime, IReadOnlyList<Reason>> change, string done) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) =>
        {
            PostedEngagement = engagementId;
            return change(c, c.Engagements.SingleOrDefault(e => e.Id == engagementId), actor, now);
        }, done);
}
