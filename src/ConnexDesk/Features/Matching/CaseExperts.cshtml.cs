using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Domain.Matching;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Matching;

/// <summary>
/// The experts of one case: the roster ranked against what the case needs, with the reasons for each place and any
/// conflicts; proposing experts to the government, recording its answers and the experts' declarations; a manager's
/// rulings on conflicts.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class CaseExpertsModel(DeskDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<CaseExpertsModel> logger, MatchExperts matching,
    Microsoft.Extensions.Options.IOptions<DeskOptions> desk)
    : CasePageModel(db, clock, localizer, logger)
{
    /// <summary>How many experts each list shows before "show more".</summary>
    public const int Shown = 15;

    public ExpertiseNeeds Needs { get; private set; } = null!;
    public IReadOnlyList<ExpertMatch> Suggested { get; private set; } = [];
    public IReadOnlyList<ExpertMatch> NotEligible { get; private set; } = [];
    public int RosterSize { get; private set; }
    public int LookBackYears => matching.LookBackYears;

    /// <summary>The requesting organisation's contacts with an email address: who the shortlist can go to.</summary>
    public IReadOnlyList<OrganisationContact> Recipients { get; private set; } = [];
    public int EligibleCount { get; private set; }
    public bool ShowAll { get; private set; }

    /// <summary>The expert whose form was refused, to open it again with what was typed.</summary>
    public int? PostedExpert { get; private set; }
    public string? PostedText { get; private set; }

    [BindProperty(SupportsGet = true)]
    public NeedsForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, bool all = false)
    {
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        ShowAll = all;
        Logger.LogInformation("User {UserId} read the experts of case {Reference}", Actor.UserId, found.Reference);
        await PrepareAsync(found);
        return Page();
    }

    public Task<IActionResult> OnPostProposeAsync(string reference, int version, int expertId, string? role, int? days) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            (PostedExpert, PostedText) = (expertId, role);
            if ((role?.Length ?? 0) > 200)
                return (Localizer["The role can have at most 200 characters."], []);
            // Eligibility is judged again here, from the database as it is now, never from what the form says.
            var match = (await matching.RankAsync(c, null, HttpContext.RequestAborted)).FirstOrDefault(m => m.Expert.Id == expertId);
            if (match is null)
                return (Localizer["There is no such expert on the roster."], []);
            var proposal = new ExpertProposal(expertId, match.Expert.Name, role, days,
                [.. match.Conflicts.Select(f => $"{f.Counterparty}: {f.Reason}")], match.Ineligible);
            var refusals = c.ProposeExpert(proposal, actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["The expert was not proposed:"], refusals);
        }, c => Localizer["{0} proposed to the government. Record its answer when it comes.", c.Engagements[^1].ExpertName]);

    public Task<IActionResult> OnPostAnswerAsync(string reference, int version, int engagementId, bool? accepted, string? note) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            (PostedExpert, PostedText) = (engagementId, note);
            if (accepted is null)
                return (Localizer["Say whether the government accepted or declined the expert."], []);
            if ((note?.Length ?? 0) > 4000)
                return (Localizer["The note can have at most 4000 characters."], []);
            var refusals = c.RecordGovernmentDecision(Find(c, engagementId), accepted.Value, note, actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["The answer was not recorded:"], refusals);
        }, _ => Localizer["The government's answer is recorded."]);

    public Task<IActionResult> OnPostDeclarationAsync(string reference, int version, int engagementId, bool? conflict, string? description) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            (PostedExpert, PostedText) = (engagementId, description);
            if (conflict is null)
                return (Localizer["Say whether the expert declared no conflict or a conflict."], []);
            if ((description?.Length ?? 0) > 4000)
                return (Localizer["The description can have at most 4000 characters."], []);
            var refusals = c.RecordConflictDeclaration(Find(c, engagementId), conflict.Value, description, actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["The declaration was not recorded:"], refusals);
        }, _ => Localizer["The expert's declaration is recorded."]);

    /// <summary>A manager rules on a declared conflict (with an engagement) or on the ties screening found (without).</summary>
    public Task<IActionResult> OnPostRulingAsync(string reference, int version, int expertId, int? engagementId, ConflictRulingOutcome? outcome, string? reason) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            (PostedExpert, PostedText) = (engagementId ?? expertId, reason);
            if (outcome is null || !Enum.IsDefined(outcome.Value))
                return (Localizer["Choose whether the conflict is cleared or rejected."], []);
            if ((reason?.Length ?? 0) > 4000)
                return (Localizer["The reason can have at most 4000 characters."], []);
            Engagement? engagement = null;
            string conflict;
            string name;
            if (engagementId is { } id)
            {
                engagement = Find(c, id);
                if (engagement is null)
                    return (Localizer["That expert is not proposed or engaged on this case."], []);
                (conflict, name) = (engagement.DeclarationText ?? "", engagement.ExpertName);
            }
            else
            {
                var match = (await matching.RankAsync(c, null, HttpContext.RequestAborted)).FirstOrDefault(m => m.Expert.Id == expertId);
                var blocking = match?.Conflicts.Where(f => f.Blocking).ToList() ?? [];
                if (match is null || blocking.Count == 0)
                    return (Localizer["Screening finds no conflict of this expert with the case's counterparties."], []);
                (conflict, name) = (string.Join("; ", blocking.Select(f => $"{f.Counterparty}: {f.Reason}")), match.Expert.Name);
            }
            var refusals = c.RuleOnConflict(expertId, name, engagement, conflict.Length == 0 ? "declared conflict" : conflict, outcome.Value, reason, actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["The ruling was not recorded:"], refusals);
        }, c => Localizer["Ruling recorded."]);

    /// <summary>Sends the experts waiting for the government's answer to a contact of the organisation, in the case's language.</summary>
    public Task<IActionResult> OnPostShortlistAsync(string reference, int version, int? recipientId)
    {
        var sentTo = "";
        return ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var recipient = (await RecipientsAsync(c)).FirstOrDefault(r => r.Id == recipientId);
            if (recipient?.Email is null)
                return (Localizer["Choose the contact of the requesting organisation to send the shortlist to."], []);
            var refusals = c.RecordShortlistSent(recipient.Email, actor, now);
            if (refusals.Count > 0)
                return Refused(Localizer["The shortlist was not sent:"], refusals);
            var waiting = c.Engagements.Where(e => e.Status == EngagementStatus.Proposed).ToList();
            var ids = waiting.Select(e => e.ExpertId).ToList();
            var profiles = await Db.Experts.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
            var (subject, body) = Shortlist.Text(c.Language, c.Reference,
                [.. waiting.Select(e => profiles[e.ExpertId]).Zip(waiting, (p, e) => new ShortlistedExpert(p.Name, e.Role, e.DaysBudgeted, p.Disciplines, p.Languages, p.YearsOfExperience))],
                desk.Value.UnitName);
            Db.Outbox.Add(new Domain.Intake.OutgoingMail(Domain.Intake.OutgoingKind.Shortlist, c.Id, $"{Guid.NewGuid():N}.shortlist@{desk.Value.MailDomain}",
                recipient.Email, recipient.Name, subject, body, null, c.Language, now));
            sentTo = recipient.Email;
            return null;
        }, _ => Localizer["The shortlist is in the outbox to {0}; record the government's answer for each expert when it comes.", sentTo]);
    }

    public Task<IActionResult> OnPostCancelAsync(string reference, int version, int engagementId, string? reason) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            (PostedExpert, PostedText) = (engagementId, reason);
            if ((reason?.Length ?? 0) > 4000)
                return (Localizer["The reason can have at most 4000 characters."], []);
            var refusals = c.CancelEngagement(Find(c, engagementId), reason, actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["The engagement was not cancelled:"], refusals);
        }, _ => Localizer["Engagement cancelled."]);

    protected override string PageAfterChange(Case found) => $"/cases/{found.Reference}/experts";

    protected override async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        Needs = Form.Apply(ExpertiseNeeds.For(found, DateOnly.FromDateTime(Now)));
        Recipients = await RecipientsAsync(found);
        var ranked = await matching.RankAsync(found, Needs, HttpContext.RequestAborted);
        RosterSize = ranked.Count;
        // Experts the government named are always listed, wherever their score puts them.
        var count = ShowAll ? int.MaxValue : Shown;
        var named = ranked.NamedByGovernment.Where(m => !m.OnThisCase).ToList();
        Suggested = [.. ranked.Eligible.Where(m => !m.OnThisCase).Take(count).Concat(named.Where(m => m.Eligible)).DistinctBy(m => m.Expert.Id)];
        EligibleCount = ranked.EligibleCount;
        NotEligible = [.. ranked.NotEligible.Where(m => !m.OnThisCase).Take(count).Concat(named.Where(m => !m.Eligible)).DistinctBy(m => m.Expert.Id)];
    }

    private static Engagement? Find(Case c, int engagementId) => c.Engagements.SingleOrDefault(e => e.Id == engagementId);

    /// <summary>The needs as the officer adjusts them on the page; empty fields keep what the case says.</summary>
    public sealed class NeedsForm
    {
        public List<Discipline>? Disciplines { get; set; }
        public string? Languages { get; set; }
        public string? Region { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public int? Days { get; set; }

        /// <summary>True when the officer asked for something other than the case's own needs.</summary>
        public bool Adjusted => Disciplines is not null || Languages is not null || Region is not null || From is not null || To is not null || Days is not null;

        public ExpertiseNeeds Apply(ExpertiseNeeds defaults)
        {
            ArgumentNullException.ThrowIfNull(defaults);
            var languages = Languages?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.ToLowerInvariant()).Where(l => l.Length is 2 or 3).Distinct().ToList();
            var from = From ?? defaults.From;
            var to = To is { } t && t >= from ? t : defaults.To < from ? from : defaults.To;
            return defaults with
            {
                Disciplines = Disciplines is { } chosen ? [.. chosen.Where(Enum.IsDefined).Distinct()] : defaults.Disciplines,
                Languages = languages ?? defaults.Languages,
                Region = string.IsNullOrWhiteSpace(Region) ? defaults.Region : Region.Trim(),
                From = from,
                To = to,
                Days = Days is > 0 and <= 365 ? Days : defaults.Days,
            };
        }

        public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
