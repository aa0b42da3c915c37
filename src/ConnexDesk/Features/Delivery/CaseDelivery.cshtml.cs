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
public sealed class CaseDeliveryModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<CaseDeliveryModel> logger,
    Microsoft.Extensions.Options.IOptions<DeskOptions> desk)
    : CasePageModel(db, clock, localizer, logger)
{
    public IReadOnlyList<OrganisationContact> Recipients { get; private set; } = [];
    /// <summary>The engagement whose form was refused, to open it again.</summary>
    public int? PostedEngagement { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        Logger.LogInformation("User {UserId} read the delivery of case {Reference}", Actor.UserId, found.Reference);
        await PrepareAsync(found);
        return Page();
    }

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
            var refusals = c.SubmitDeliverable(engagement, engagement?.Deliverables.SingleOrDefault(d => d.Id == deliverableId), document, actor);
            return refusals.Count == 0 ? null : Refused(Localizer["Nothing was changed:"], refusals);
        }, _ => Localizer["Deliverable submitted."]);

    public Task<IActionResult> OnPostAcceptAsync(string reference, int version, int engagementId, int deliverableId) =>
        Change(reference, version, engagementId, (c, e, actor, now) => c.AcceptDeliverable(e, e?.Deliverables.SingleOrDefault(d => d.Id == deliverableId), actor, now),
            Localizer["Deliverable accepted."]);

    public Task<IActionResult> OnPostCompleteAsync(string reference, int version, int engagementId) =>
        Change(reference, version, engagementId, (c, e, actor, now) => c.CompleteEngagement(e, actor, now), Localizer["The engagement is completed."]);

    /// <summary>
    /// Invites the experts at work (or contracted) and, if chosen, a contact of the government to the next negotiation
    /// round: one .ics calendar file, kept on the case, attached to one email per person.
    /// </summary>
    public Task<IActionResult> OnPostRoundInvitationAsync(string reference, int version, int? recipientId)
    {
        var invitedCount = 0;
        return ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var contact = (await RecipientsAsync(c)).FirstOrDefault(r => r.Id == recipientId);
            var expertIds = c.Engagements.Where(e => e.IsCurrent && e.IsAcceptedByGovernment).Select(e => e.ExpertId).ToList();
            var experts = await Db.Experts.AsNoTracking().Where(e => expertIds.Contains(e.Id)).Select(e => new { e.Email, e.Name }).ToListAsync(HttpContext.RequestAborted);
            var invited = experts.Select(e => (e.Email, (string?)e.Name)).ToList();
            if (contact?.Email is { } email)
                invited.Add((email, contact.Name));
            if (c.RoundInvitationRefusals(invited.Count, actor) is { Count: > 0 } cannot)
                return Refused(Localizer["The invitation was not sent:"], cannot);
            var round = c.NextRoundOn!.Value;
            var ics = CalendarInvitation.Write($"{c.Reference}-round-{round:yyyyMMdd}@{desk.Value.MailDomain}", $"Negotiation round ({c.Reference})",
                $"The next negotiation round of case {c.Reference}. Confidential: do not forward.", round, round, desk.Value.UnitEmail, desk.Value.UnitName, invited, now);
            var document = new CaseDocument(CaseDocumentKind.CalendarInvitation, $"{c.Reference} round {round:yyyy-MM-dd}.ics", "text/calendar", await blobs.PutAsync(ics, HttpContext.RequestAborted), ics.Length, now, actor.Name);
            var refusals = c.RecordRoundInvitation(document, [.. invited.Select(i => i.Email)], actor);
            if (refusals.Count > 0)
                return Refused(Localizer["The invitation was not sent:"], refusals);
            foreach (var (to, name) in invited)
            {
                Db.Outbox.Add(new Domain.Intake.OutgoingMail(Domain.Intake.OutgoingKind.Invitation, c.Id, $"{Guid.NewGuid():N}.invitation@{desk.Value.MailDomain}", to, name,
                    $"[{c.Reference}] Negotiation round on {round:yyyy-MM-dd}", $"The next negotiation round of case {c.Reference} is on {round:yyyy-MM-dd}. The calendar invitation is attached.\n\n{desk.Value.UnitName}", null, "en", now)
                {
                    AttachmentSha256s = [document.Sha256],
                });
            }
            invitedCount = invited.Count;
            return null;
        }, c => Localizer["Invitation to the round of {0} sent to {1} people.", Display.Day(c.NextRoundOn), invitedCount]);
    }

    protected override string PageAfterChange(Case found) => $"/cases/{found.Reference}/delivery";

    protected override async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        Recipients = await RecipientsAsync(found);
    }

    /// <summary>One change to one engagement through a domain verb; a refusal shows the page again with the reasons.</summary>
    private Task<IActionResult> Change(string reference, int version, int engagementId, Func<Case, Engagement?, CaseActor, DateTime, IReadOnlyList<Reason>> change, string done) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedEngagement = engagementId;
            var refusals = change(c, c.Engagements.SingleOrDefault(e => e.Id == engagementId), actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["Nothing was changed:"], refusals);
        }, _ => done);
}
