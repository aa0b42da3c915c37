using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Delivery;

/// <summary>
/// The negotiation's own calendar: the rounds the government faces, planned, moved, held or cancelled, and an
/// invitation to a round for the experts the government accepted and a contact of its own.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class NegotiationCalendarModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<NegotiationCalendarModel> logger,
    IOptions<DeskOptions> desk)
    : CasePageModel(db, clock, localizer, logger)
{
    public IReadOnlyList<OrganisationContact> Recipients { get; private set; } = [];

    /// <summary>The round whose form was refused, to open it again.</summary>
    public int? PostedRound { get; private set; }

    public Task<IActionResult> OnGetAsync(string reference) => ShowAsync(reference, "negotiation calendar");

    public Task<IActionResult> OnPostPlanAsync(string reference, int version, DateOnly? startsOn, DateOnly? endsOn, string? place, string? agenda) =>
        Change(reference, version, null, (c, _, actor, now) => c.PlanRound(startsOn, endsOn, place, agenda, actor, now), Localizer["The round is planned."]);

    public Task<IActionResult> OnPostMoveAsync(string reference, int version, int roundId, DateOnly? startsOn, DateOnly? endsOn, string? place, string? agenda) =>
        Change(reference, version, roundId, (c, round, actor, now) => c.ChangeRound(round, startsOn, endsOn, place, agenda, actor, now), Localizer["The round is changed."]);

    public Task<IActionResult> OnPostHeldAsync(string reference, int version, int roundId, string? outcome) =>
        Change(reference, version, roundId, (c, round, actor, now) => c.RecordRoundHeld(round, outcome, actor, now), Localizer["The round is recorded as held."]);

    public Task<IActionResult> OnPostCancelAsync(string reference, int version, int roundId, string? reason) =>
        Change(reference, version, roundId, (c, round, actor, now) => c.CancelRound(round, reason, actor, now), Localizer["The round is cancelled."]);

    /// <summary>
    /// Invites the experts the government accepted who are still on the case and, if chosen, a contact of the
    /// government to one round: one .ics calendar file, kept on the case, attached to one email per person.
    /// </summary>
    public Task<IActionResult> OnPostInviteAsync(string reference, int version, int roundId, int? recipientId)
    {
        var invitedCount = 0;
        return ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedRound = roundId;
            var round = c.Rounds.SingleOrDefault(r => r.Id == roundId);
            var contact = (await RecipientsAsync(c)).FirstOrDefault(r => r.Id == recipientId);
            var expertIds = c.Engagements.Where(e => e.IsCurrent && e.IsAcceptedByGovernment).Select(e => e.ExpertId).ToList();
            var experts = await Db.Experts.AsNoTracking().Where(e => expertIds.Contains(e.Id)).Select(e => new { e.Email, e.Name }).ToListAsync(HttpContext.RequestAborted);
            var invited = experts.Select(e => (e.Email, (string?)e.Name)).ToList();
            if (contact?.Email is { } email)
                invited.Add((email, contact.Name));
            if (c.RoundInvitationRefusals(round, invited.Count, actor) is { Count: > 0 } cannot)
                return Refused(Localizer["The invitation was not sent:"], cannot);
            var unit = desk.Value;
            var ics = CalendarInvitation.Write($"{c.Reference}-round-{round!.Id}@{unit.MailDomain}", $"Negotiation round ({c.Reference})",
                // The agenda stays on the desk: calendars are synchronised to services outside the unit.
                $"A negotiation round of case {c.Reference}. Confidential: do not forward.",
                round.StartsOn, round.EndsOn, round.Place, unit.UnitEmail, unit.UnitName, invited, now);
            var document = await CalendarInvitation.StoreAsync(blobs, ics, $"{c.Reference} round {round.StartsOn:yyyy-MM-dd}.ics", actor.Name, now, HttpContext.RequestAborted);
            var refusals = c.RecordRoundInvitation(round, document, [.. invited.Select(i => i.Email)], actor);
            if (refusals.Count > 0)
                return Refused(Localizer["The invitation was not sent:"], refusals);
            CalendarInvitation.Queue(Db, c, document, invited, $"[{c.Reference}] Negotiation round on {round.StartsOn:yyyy-MM-dd}",
                $"A negotiation round of case {c.Reference} takes place {round}. The calendar invitation is attached.\n\n{unit.UnitName}", "en", unit.MailDomain, now);
            invitedCount = invited.Count;
            return null;
        }, c => Localizer["Invitation to the round of {0} sent to {1} people.", Display.Day(c.Rounds.Single(r => r.Id == roundId).StartsOn), invitedCount]);
    }

    protected override string PageAfterChange(Case found) => $"/cases/{found.Reference}/calendar";

    protected override async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        Recipients = await RecipientsAsync(found);
    }

    private Task<IActionResult> Change(string reference, int version, int? roundId, Func<Case, NegotiationRound?, CaseActor, DateTime, IReadOnlyList<Reason>> change, string done) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) =>
        {
            PostedRound = roundId ?? 0;
            return change(c, c.Rounds.SingleOrDefault(r => r.Id == roundId), actor, now);
        }, done);
}
