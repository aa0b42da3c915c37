using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Delivery;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConnexDesk.Features.Scoping;

/// <summary>One line of the scope form; a line without a discipline is left out.</summary>
public sealed class NeedInput
{
    public Discipline? Discipline { get; set; }
    public Sector? Sector { get; set; }
    public string? Language { get; set; }
    public int? Days { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}

/// <summary>
/// Scoping of one case: the optional mission (dates, place or remote, participants, terms of reference, findings,
/// the invitation), and the agreed scope: versions of the expertise needs that the government confirms.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class CaseScopingModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<CaseScopingModel> logger,
    IOptions<DeskOptions> desk)
    : CasePageModel(db, clock, localizer, logger)
{
    /// <summary>Blank lines the scope form offers below the lines of the latest version.</summary>
    public const int BlankNeedLines = 3;

    public IReadOnlyList<OrganisationContact> Recipients { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(string reference) => ShowAsync(reference, "scoping");

    public Task<IActionResult> OnPostMissionAsync(string reference, int version, DateOnly? startsOn, DateOnly? endsOn, bool remote, string? place, string? participants) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) =>
        {
            var lines = (participants ?? "").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            return c.PlanScopingMission(new ScopingMissionPlan(startsOn, endsOn, remote, place, lines), actor, now);
        }, Localizer["The scoping mission is planned."]);

    public Task<IActionResult> OnPostTermsAsync(string reference, int version, IFormFile? file) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (file is null)
                return (Localizer["Choose the file of the terms of reference."], []);
            var (document, problem) = await DocumentUpload.StoreAsync(file, CaseDocumentKind.TermsOfReference, actor.Name, now, blobs, HttpContext.RequestAborted);
            if (document is null)
                return (Localizer["{0} was not added:", Intake.MailReading.SafeFileName(file.FileName)], [Localizer[problem!].Value]);
            return Unchanged(c.AddTermsOfReference(document, actor));
        }, _ => Localizer["The terms of reference are on the case."]);

    public Task<IActionResult> OnPostFindingsAsync(string reference, int version, string? findings) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) => c.RecordScopingFindings(findings, actor, now), Localizer["The findings are recorded."]);

    /// <summary>
    /// Invites the participants who have an email address and, if chosen, a contact of the government to the mission:
    /// one .ics file, kept on the case, attached to one email per person in the government's language.
    /// </summary>
    public Task<IActionResult> OnPostMissionInvitationAsync(string reference, int version, int? recipientId)
    {
        var invitedCount = 0;
        return ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (c.ScopingMission is not { } mission)
                return Refused(Localizer["The invitation was not sent:"], [new Reason("Plan the scoping mission first.")]);
            var invited = Addresses(mission.Participants);
            if ((await RecipientsAsync(c)).FirstOrDefault(r => r.Id == recipientId) is { Email: { } email } contact
                && !invited.Any(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase)))
                invited.Add((email, contact.Name));
            var unit = desk.Value;
            var ics = CalendarInvitation.Write($"{c.Reference}-scoping@{unit.MailDomain}", $"Scoping mission ({c.Reference})",
                $"The scoping mission of case {c.Reference}. Confidential: do not forward.", mission.StartsOn, mission.EndsOn,
                mission.Remote ? "Remote" : mission.Place, unit.UnitEmail, unit.UnitName, invited, now);
            var document = await CalendarInvitation.StoreAsync(blobs, ics, $"{c.Reference} scoping mission {mission.StartsOn:yyyy-MM-dd}.ics", actor.Name, now, HttpContext.RequestAborted);
            var refusals = c.RecordMissionInvitation(document, [.. invited.Select(i => i.Email)], actor);
            if (refusals.Count > 0)
                return Refused(Localizer["The invitation was not sent:"], refusals);
            var (subject, body) = ScopeEmails.MissionInvitation(c.Language, c.Reference, mission, unit.UnitName);
            CalendarInvitation.Queue(Db, c, document, invited, subject, body, c.Language, unit.MailDomain, now);
            invitedCount = invited.Count;
            return null;
        }, _ => Localizer["Invitation to the scoping mission sent to {0} people.", invitedCount]);
    }

    public Task<IActionResult> OnPostScopeAsync(string reference, int version, List<NeedInput> needs, string? notes) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) =>
        {
            var lines = (needs ?? []).Where(n => n.Discipline is not null).ToList();
            if (lines.Any(n => n.Days is null || string.IsNullOrWhiteSpace(n.Language)))
                return [new Reason("Give each expertise need its language and days.")];
            return c.ProposeScope([.. lines.Select(n => new ExpertiseNeed(n.Discipline!.Value, n.Sector, n.Language!, n.Days!.Value, n.From, n.To))], notes, actor, now);
        }, Localizer["A new version of the scope is proposed."]);

    /// <summary>Sends the latest version to a contact of the government, in its language, and starts waiting for the answer.</summary>
    public Task<IActionResult> OnPostSendScopeAsync(string reference, int version, int? recipientId)
    {
        var sentTo = "";
        return ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if ((await RecipientsAsync(c)).FirstOrDefault(r => r.Id == recipientId) is not { Email: { } email } contact)
                return (Localizer["Choose a contact of the government with an email address."], []);
            var scope = c.LatestScope;
            var refusals = c.RecordScopeSent(scope, email, actor, now);
            if (refusals.Count > 0)
                return Refused(Localizer["The scope was not sent:"], refusals);
            var unit = desk.Value;
            var (subject, body) = ScopeEmails.ScopeToConfirm(c.Language, c.Reference, scope!, unit.UnitName);
            Db.Outbox.Add(new Domain.Intake.OutgoingMail(Domain.Intake.OutgoingKind.Scope, c.Id, $"{Guid.NewGuid():N}.scope@{unit.MailDomain}", email, contact.Name,
                subject, body, null, c.Language, now));
            sentTo = email;
            return null;
        }, _ => Localizer["The scope was sent to {0}.", sentTo]);
    }

    public Task<IActionResult> OnPostConfirmAsync(string reference, int version, int scopeVersionId, string? confirmedBy) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) => c.ConfirmScope(c.ScopeVersions.SingleOrDefault(v => v.Id == scopeVersionId), confirmedBy, actor, now),
            Localizer["The government's confirmation of the scope is recorded."]);

    protected override string PageAfterChange(Case found) => $"/cases/{found.Reference}/scoping";

    protected override async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        Recipients = await RecipientsAsync(found);
    }

    /// <summary>The participants written as "Name &lt;address&gt;" or as an address alone; the others get no invitation.</summary>
    private static List<(string Email, string? Name)> Addresses(IEnumerable<string> participants)
    {
        var addresses = new List<(string Email, string? Name)>();
        foreach (var participant in participants)
        {
            if (MailboxAddress.TryParse(participant, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
                && !addresses.Any(a => string.Equals(a.Email, mailbox.Address, StringComparison.OrdinalIgnoreCase)))
                addresses.Add((mailbox.Address, string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name));
        }
        return addresses;
    }
}
