using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Cases;

/// <summary>
/// One case: where it stands, what can happen next and what each next step waits for, and everything that happened.
/// Every form posts the version of the case it was drawn from; a change made meanwhile by someone else is reported, never overwritten.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class DetailModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<DetailModel> logger,
    Experts.CodeOfConductRegister codeOfConduct) : CasePageModel(db, clock, localizer, logger)
{
    /// <summary>Steps whose form asks for a reason; for the others the reason is an optional comment.</summary>
    public static readonly IReadOnlySet<CaseStep> StepsNeedingReason = new HashSet<CaseStep> { CaseStep.Decline, CaseStep.Withdraw };

    public string? OrganisationName { get; private set; }
    public GovernmentLevel? OrganisationLevel { get; private set; }
    public IReadOnlyList<OrganisationContact> Contacts { get; private set; } = [];
    public string? OrganisationMailDomain { get; private set; }
    public string? OfficerName { get; private set; }
    public IReadOnlyList<StepOption> Steps { get; private set; } = [];
    public IReadOnlyList<StageSpell> Spells { get; private set; } = [];
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public IReadOnlyList<ConnexDesk.Domain.Intake.CaseMessage> Messages { get; private set; } = [];
    public IReadOnlyList<ConnexDesk.Domain.Intake.OutgoingMail> Undelivered { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Staff { get; private set; } = [];

    /// <summary>For the latest version of each request letter on the case: what it seems to cover.</summary>
    public IReadOnlyDictionary<int, LetterReading> LetterReadings { get; private set; } = new Dictionary<int, LetterReading>();

    /// <summary>Each letter the page offers, with what it still waits for.</summary>
    public IReadOnlyList<(LetterKind Kind, IReadOnlyList<Reason> WaitingFor)> LetterChoices { get; private set; } = [];

    /// <summary>The organisation's contacts a letter can be sent to.</summary>
    public IReadOnlyList<OrganisationContact> Recipients { get; private set; } = [];

    public LetterKind? PostedLetter { get; private set; }

    /// <summary>A recommendation that was not saved, to give back to its writer.</summary>
    public string? PostedRecommendation { get; private set; }

    /// <summary>The possible sanctions hit whose decision was refused, to open its form again.</summary>
    public int? PostedHit { get; private set; }

    /// <summary>The due-diligence item whose review was refused, to open its form again.</summary>
    public int? PostedItem { get; private set; }

    public CaseStep? PostedStep { get; private set; }

    /// <summary>A consent form was refused: open it again.</summary>
    public bool PostedConsent => Problem is not null && Request.HasFormContentType && (Request.Form.ContainsKey("givenBy") || Request.Form.ContainsKey("withdrawal"));
    public string? PostedText { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
        {
            Logger.LogWarning("User {UserId} asked for case {Reference}, which does not exist or is not theirs to see", Actor.UserId, reference);
            return NotFound();
        }
        // The audit trail records the read (AuditPageFilter); this line is for the operators' log.
        Logger.LogInformation("User {UserId} read case {Reference}", Actor.UserId, found.Reference);
        await PrepareAsync(found);
        return Page();
    }

    public Task<IActionResult> OnPostStepAsync(string reference, int version, CaseStep step, string? reason) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedStep = step;
            PostedText = reason;
            var code = await codeOfConduct.StandingAsync(c.Engagements.Select(e => e.ExpertId), HttpContext.RequestAborted);
            var outcome = c.Take(step, new StepRequest(actor, now, reason, code));
            if (outcome.Done && step == CaseStep.StartDueDiligence && c.DueDiligenceItems.Count == 0)
                c.DrawUpDueDiligence(await DueDiligence.UnitChecklist.CurrentAsync(Db), actor, now);
            if (outcome.Done)
                return ((string, List<string>)?)null;
            var prefix = Localizer["{0} is not possible yet:", Localizer[CaseWords.Step(step)]];
            return (prefix, outcome.Refusals.Select(r => Localizer[r.Template, r.Args].Value).ToList());
        }, c => Localizer["Done: {0}. The case is now at the stage '{1}'.", Localizer[CaseWords.Step(step)], Localizer[CaseWords.Stage(c.Stage)]]);

    public Task<IActionResult> OnPostEligibilityAsync(string reference, int version, bool? requesterIsGovernment, bool? negotiationOngoing,
        [FromServices] Eligibility.AssessEligibility assess) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            ArgumentNullException.ThrowIfNull(assess);
            if (requesterIsGovernment is null || negotiationOngoing is null)
                return (Localizer["Answer both questions: is the requester a government body, and is a negotiation ongoing or upcoming?"], []);
            if (c.CountryCode is null)
                return (Localizer["The country of this request is not recorded yet: record it (Edit) before assessing eligibility."], []);
            var assessment = await assess.DecisionAsync(c.CountryCode, requesterIsGovernment.Value, negotiationOngoing.Value, DateOnly.FromDateTime(now));
            c.RecordEligibilityDecision(EligibilityDecision.From(assessment!, actor, now), actor);
            return null;
        }, c => c.LatestEligibilityDecision!.IsEligible ? Localizer["Eligibility recorded: eligible."] : Localizer["Eligibility recorded: not eligible."]);

    public Task<IActionResult> OnPostOverrideEligibilityAsync(string reference, int version, string? justification) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedText = justification;
            var refusals = c.OverrideEligibility(actor, justification, now);
            return refusals.Count == 0
                ? null
                : (Localizer["The eligibility decision was not overridden:"], refusals.Select(r => Localizer[r.Template, r.Args].Value).ToList());
        }, _ => Localizer["Eligibility overridden. The justification is recorded with the decision."]);

    /// <summary>For a case whose due diligence started before the checklist existed.</summary>
    public Task<IActionResult> OnPostDrawUpChecklistAsync(string reference, int version) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var refusals = c.DrawUpDueDiligence(await DueDiligence.UnitChecklist.CurrentAsync(Db), actor, now);
            return refusals.Count == 0 ? null : (Localizer["The checklist was not drawn up:"], refusals.Select(r => Localizer[r.Template, r.Args].Value).ToList());
        }, c => Localizer["Checklist drawn up: {0} checks.", c.DueDiligenceItems.Count]);

    /// <summary>A reviewer's finding on one due-diligence item.</summary>
    public Task<IActionResult> OnPostReviewAsync(string reference, int version, int itemId, DueDiligenceStatus status, RiskRating? risk,
        string? mitigation, string? evidence, List<int>? evidenceDocumentIds, string? comment) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            (PostedItem, PostedText) = (itemId, comment);
            if (!Enum.IsDefined(status) || risk is { } r && !Enum.IsDefined(r))
                return (Localizer["Choose a status and a risk rating from the lists."], []);
            if ((mitigation?.Length ?? 0) > 4000 || (evidence?.Length ?? 0) > 4000 || (comment?.Length ?? 0) > 4000)
                return (Localizer["Mitigation, evidence and comment can have at most 4000 characters each."], []);
            var refusals = c.ReviewDueDiligence(c.DueDiligenceItems.SingleOrDefault(i => i.Id == itemId), new DueDiligenceReview(status, risk, mitigation, evidence, evidenceDocumentIds ?? [], comment), actor, now);
            return refusals.Count == 0 ? null : (Localizer["The review was not recorded:"], refusals.Select(x => Localizer[x.Template, x.Args].Value).ToList());
        }, c => Localizer["Review recorded."]);

    public Task<IActionResult> OnPostRecommendationAsync(string reference, int version, string? text) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedRecommendation = text;
            var refusals = c.WriteRecommendation(text, actor, now);
            return refusals.Count == 0 ? null : (Localizer["The recommendation was not saved:"], refusals.Select(r => Localizer[r.Template, r.Args].Value).ToList());
        }, _ => Localizer["Recommendation saved."]);

    public Task<IActionResult> OnPostConsultationAsync(string reference, int version, string? body, DateOnly? consultedOn, string? advice) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedText = advice;
            if ((body?.Length ?? 0) > 300 || (advice?.Length ?? 0) > 8000)
                return (Localizer["Who was consulted: at most 300 characters; their advice: at most 8000."], []);
            var refusals = c.RecordConsultation(body, consultedOn, advice, actor, now);
            return refusals.Count == 0 ? null : (Localizer["The consultation was not recorded:"], refusals.Select(r => Localizer[r.Template, r.Args].Value).ToList());
        }, _ => Localizer["Consultation recorded."]);

    public Task<IActionResult> OnPostNoteAsync(string reference, int version, string? text) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedText = text;
            if (string.IsNullOrWhiteSpace(text))
                return (Localizer["The note is empty."], []);
            if (text.Length > 8000)
                return (Localizer["A note can have at most 8000 characters."], []);
            c.AddNote(text, actor, now);
            return null;
        }, _ => Localizer["Note added."]);

    public Task<IActionResult> OnPostAssignAsync(string reference, int version, string? officerId, string? reason) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var officerIdOrNull = string.IsNullOrEmpty(officerId) ? null : officerId;
            if (actor.Role != Role.Manager && officerIdOrNull != actor.UserId)
                return (Localizer["Only a manager can assign a case to someone else or leave it unassigned."], []);
            var staff = await Db.StaffAsync();
            var newName = officerIdOrNull is null ? null : staff.Where(s => s.Id == officerIdOrNull).Select(s => s.Name).FirstOrDefault();
            if (officerIdOrNull is not null && newName is null)
                return (Localizer["Cases can be assigned only to case officers and managers."], []);
            var oldName = c.AssignedOfficerId is null ? null : staff.Where(s => s.Id == c.AssignedOfficerId).Select(s => s.Name).FirstOrDefault();
            c.AssignOfficer(officerIdOrNull, newName, oldName, actor, now, reason);
            return null;
        }, c => c.AssignedOfficerId is null ? Localizer["The case is no longer assigned."] : Localizer["Case officer assigned."]);

    public Task<IActionResult> OnPostAddCounterpartyAsync(string reference, int version, string? name, string? countryCode, CounterpartyKind kind,
        [FromServices] Sanctions.ScreenCounterparties screening) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedText = name;
            if (string.IsNullOrWhiteSpace(name))
                return (Localizer["Give the counterparty's name."], []);
            if (!string.IsNullOrEmpty(countryCode) && !Countries.IsKnown(countryCode))
                return (Localizer["Choose the counterparty's country from the list."], []);
            if (!c.CanBeChangedBy(actor))
                return (Localizer["This case is finished; it can no longer be changed."], []);
            c.AddCounterparty(new Counterparty(name, countryCode, kind), actor, now);
            await screening.ScreenAsync(c, actor);
            return ((string, List<string>)?)null;
        }, c => c.SanctionsHits.Any(h => h.Decision == ConnexDesk.Domain.Sanctions.HitDecision.Pending)
            ? Localizer["Counterparty added. Screening found possible sanctions hits: review them under Counterparties."]
            : Localizer["Counterparty added."]);

    /// <summary>Who owns or controls a counterparty, one per line; they are screened with it at once.</summary>
    public Task<IActionResult> OnPostOwnersAsync(string reference, int version, int counterpartyId, string? owners,
        [FromServices] Sanctions.ScreenCounterparties screening) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var names = (owners ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var refusals = c.RecordOwners(c.Counterparties.SingleOrDefault(p => p.Id == counterpartyId), names, actor, now);
            if (refusals.Count > 0)
                return (Localizer["The owners were not recorded:"], refusals.Select(r => Localizer[r.Template, r.Args].Value).ToList());
            await screening.ScreenAsync(c, actor);
            return null;
        }, c => c.SanctionsHits.Any(h => h.Decision == ConnexDesk.Domain.Sanctions.HitDecision.Pending)
            ? Localizer["Owners recorded and screened. There are possible sanctions hits to review under Counterparties."]
            : Localizer["Owners recorded and screened."]);

    /// <summary>Screens the counterparties again against the list versions in force.</summary>
    public Task<IActionResult> OnPostScreenAsync(string reference, int version, [FromServices] Sanctions.ScreenCounterparties screening) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (!c.CanBeChangedBy(actor))
                return (Localizer["This case is finished; it can no longer be changed."], []);
            return await screening.ScreenAsync(c, actor) is null
                ? (Localizer["No sanctions list is imported yet; an administrator imports them with the sanctions import command."], [])
                : ((string, List<string>)?)null;
        }, c => Localizer["Counterparties screened against {0}.", c.ScreenedAgainst ?? ""]);

    /// <summary>A reviewer decides a possible hit: a true match or a false positive, with the reason.</summary>
    public Task<IActionResult> OnPostDecideHitAsync(string reference, int version, int hitId, ConnexDesk.Domain.Sanctions.HitDecision decision, string? reason) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            (PostedHit, PostedText) = (hitId, reason);
            if (!Enum.IsDefined(decision) || (reason?.Length ?? 0) > 4000)
                return (Localizer["Choose true match or false positive, and give a reason of at most 4000 characters."], []);
            var refusals = c.DecideOnHit(c.SanctionsHits.SingleOrDefault(h => h.Id == hitId), decision, reason, actor, now);
            return refusals.Count == 0 ? null : (Localizer["The decision was not recorded:"], refusals.Select(r => Localizer[r.Template, r.Args].Value).ToList());
        }, _ => Localizer["Decision on the possible hit recorded."]);

    public Task<IActionResult> OnPostAddContactAsync(string reference, int version, string? name, string? email, string? phone, string? position) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedText = name;
            if (c.OrganisationId is not { } organisationId)
                return (Localizer["Record the requesting organisation first (Edit), then add its contacts."], []);
            if (string.IsNullOrWhiteSpace(name))
                return (Localizer["Give the contact's name."], []);
            if (!string.IsNullOrWhiteSpace(email) && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
                return (Localizer["'{0}' is not an email address.", email], []);
            var organisation = await Db.Organisations.Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId);
            var added = organisation.AddContact(name, email, phone, position);
            if (added is null)
                return (Localizer["A contact with the email {0} is already recorded.", email!], []);
            c.NoteContactAdded(added, actor, now);
            return null;
        }, _ => Localizer["Contact added."]);

    public Task<IActionResult> OnPostMailDomainAsync(string reference, int version, string? domain) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedText = domain;
            if (c.OrganisationId is not { } organisationId)
                return (Localizer["Record the requesting organisation first (Edit)."], []);
            var organisation = await Db.Organisations.SingleAsync(o => o.Id == organisationId);
            var before = organisation.MailDomain;
            if (organisation.SetMailDomain(domain) is { } problem)
                return (Localizer[problem], []);
            c.NoteOrganisationChange("Organisation mail domain", before, organisation.MailDomain, actor, now);
            return null;
        }, _ => Localizer["Mail domain saved: mail from it is linked to the organisation."]);

    public Task<IActionResult> OnPostRemoveCounterpartyAsync(string reference, int version, int counterpartyId) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            if (!c.CanBeChangedBy(actor))
                return (Localizer["This case is finished; it can no longer be changed."], []);
            c.RemoveCounterparty(counterpartyId, actor, now);
            return null;
        }, _ => Localizer["Counterparty removed."]);

    public Task<IActionResult> OnPostShareWithExpertsAsync(string reference, int version, int documentId, bool shared) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) => c.ShareWithExperts(c.Documents.SingleOrDefault(d => d.Id == documentId), shared, actor, now),
            shared ? Localizer["Shared with the experts the government accepted, once they signed the Code of Conduct."] : Localizer["No longer shared with the experts."]);

    public Task<IActionResult> OnPostConsentAsync(string reference, int version, string? givenBy, DateOnly? givenOn) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) => c.RecordPublicationConsent(givenBy, givenOn, actor, now),
            Localizer["The consent is recorded: the country's name may now appear in reports and public pages."]);

    public Task<IActionResult> OnPostWithdrawConsentAsync(string reference, int version, string? withdrawal) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) => c.WithdrawPublicationConsent(withdrawal, actor, now),
            Localizer["The consent is withdrawn: the country's name is left out again."]);

    /// <summary>A file uploaded to the case: checked for size and real type, encrypted into the store, never overwriting an earlier one.</summary>
    public Task<IActionResult> OnPostDocumentAsync(string reference, int version, IFormFile? file, CaseDocumentKind kind) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (file is null || !Enum.IsDefined(kind))
                return (Localizer["Choose a file and what it is."], []);
            var (document, problem) = await DocumentUpload.StoreAsync(file, kind, actor.Name, now, blobs, HttpContext.RequestAborted);
            if (document is null)
                return (Localizer["{0} was not added:", Intake.MailReading.SafeFileName(file.FileName)], [Localizer[problem!].Value]);
            c.AddDocument(document, actor);
            return null;
        }, c => Localizer["Added to the case's documents: {0}.", c.Documents[^1].FileName]);

    /// <summary>An attachment of a message on this case kept as one of its documents (the formal request letter, say).</summary>
    public Task<IActionResult> OnPostKeepAttachmentAsync(string reference, int version, long attachmentId, CaseDocumentKind kind) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var attachment = await (
                from a in Db.Set<ConnexDesk.Domain.Intake.MessageAttachment>()
                join m in Db.Messages on EF.Property<long>(a, "CaseMessageId") equals m.Id
                where a.Id == attachmentId && m.CaseId == c.Id
                select a).SingleOrDefaultAsync();
            if (attachment is null || !Enum.IsDefined(kind))
                return (Localizer["That attachment is not on this case."], []);
            c.AddDocument(new CaseDocument(kind, attachment.FileName, attachment.ContentType, attachment.Sha256, attachment.Size, now, actor.Name), actor);
            return null;
        }, c => Localizer["Added to the case's documents: {0}.", c.Documents[^1].FileName]);

    /// <summary>A document of the case, for someone who may see the case; always as a download, never shown in the page.</summary>
    public Task<IActionResult> OnGetDocumentAsync(string reference, int id) => DownloadAsync(reference, id, blobs, (c, _) => c.Documents);

    /// <summary>Issues a letter: numbered, stored as PDF and DOCX, sent to the chosen contact; an approval letter records the agreement.</summary>
    public async Task<IActionResult> OnPostLetterAsync(string reference, int version, LetterKind kind, string? language, int? recipientId, string? reason,
        [FromServices] Letters.IssueLetter issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        if (found.Version != version)
            return await ConflictAsync(found);
        Letters.IssueLetterResult result;
        try
        {
            result = await issue.RunAsync(found, new Letters.IssueLetterRequest(kind, language ?? found.Language, recipientId, reason), Actor, HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            Db.ChangeTracker.Clear();
            var current = await Db.LoadAsync(reference, Actor);
            return current is null ? NotFound() : await ConflictAsync(current);
        }
        if (result.Letter is not { } letter)
        {
            (Problem, ProblemDetails) = (Localizer["The letter was not issued:"], [.. result.Refusals.Select(r => Localizer[r.Template, r.Args].Value)]);
            (PostedLetter, PostedText) = (kind, reason);
            Db.ChangeTracker.Clear();
            await PrepareAsync((await Db.LoadAsync(reference, Actor))!);
            return Page();
        }
        Logger.LogInformation("User {UserId} issued letter {Number} ({Kind}) on case {Reference}, sent to {SentTo}", Actor.UserId, letter.Number, letter.Kind, found.Reference, letter.SentTo);
        Done = letter.Kind == LetterKind.Approval
            ? Localizer["Letter {0} issued and queued to {1}. The agreement is recorded on the case.", letter.Number, letter.SentTo]
            : Localizer["Letter {0} issued and queued to {1}.", letter.Number, letter.SentTo];
        return Redirect($"/cases/{found.Reference}#letters");
    }

    /// <summary>The letter as it would be issued now, unnumbered; nothing is stored or sent.</summary>
    public async Task<IActionResult> OnPostLetterPreviewAsync(string reference, LetterKind kind, string? language, int? recipientId, string? reason,
        [FromServices] Letters.LetterComposer composer)
    {
        ArgumentNullException.ThrowIfNull(composer);
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null || kind == LetterKind.RequestLetterTemplate || !Enum.IsDefined(kind))
            return NotFound();
        var letterLanguage = LetterLanguages.OrEnglish(language ?? found.Language);
        var (organisation, recipient) = await RecipientAsync(found, recipientId);
        var wording = await Letters.LetterTemplates.CurrentAsync(Db, kind, letterLanguage, HttpContext.RequestAborted);
        var facts = Letters.LetterFacts.From(found, letterLanguage, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime), organisation, recipient, Actor) with
        {
            Number = Localizer["(draft, not yet numbered)"],
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
        Logger.LogInformation("User {UserId} previewed a {Kind} letter on case {Reference}", Actor.UserId, kind, found.Reference);
        var pdf = Letters.PdfLetter.Write(composer.Compose(kind, wording, facts));
        return File(pdf, "application/pdf", $"draft {found.Reference}.pdf");
    }

    /// <summary>The request-letter template in the case's language, filled with what the case already knows.</summary>
    public async Task<IActionResult> OnGetRequestLetterTemplateAsync(string reference, [FromServices] Letters.LetterComposer composer)
    {
        ArgumentNullException.ThrowIfNull(composer);
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        var (organisation, recipient) = await RecipientAsync(found, null);
        var wording = await Letters.LetterTemplates.CurrentAsync(Db, LetterKind.RequestLetterTemplate, found.Language, HttpContext.RequestAborted);
        var facts = Letters.LetterFacts.From(found, found.Language, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime), organisation, recipient, Actor);
        Logger.LogInformation("User {UserId} downloaded the pre-filled request-letter template of case {Reference}", Actor.UserId, found.Reference);
        var docx = Letters.DocxLetter.Write(composer.Compose(LetterKind.RequestLetterTemplate, wording, facts));
        return File(docx, Intake.MailReading.WordDocument, $"{found.Reference} request letter ({found.Language}).docx");
    }

    private async Task<(string? Organisation, OrganisationContact? Recipient)> RecipientAsync(Case found, int? recipientId)
    {
        if (found.OrganisationId is not { } organisationId)
            return (null, null);
        var organisation = await Db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId);
        var withEmail = organisation.LetterRecipients();
        return (organisation.Name, withEmail.FirstOrDefault(c => c.Id == recipientId) ?? (withEmail.Count > 0 ? withEmail[0] : null));
    }

    protected override async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        var code = await codeOfConduct.StandingAsync(found.Engagements.Select(e => e.ExpertId), HttpContext.RequestAborted);
        var letters = found.Documents.Where(d => d.Kind == CaseDocumentKind.RequestLetter)
            .GroupBy(d => d.FileName, StringComparer.OrdinalIgnoreCase).Select(g => g.MaxBy(d => d.Version)!);
        var readings = new Dictionary<int, LetterReading>();
        foreach (var letter in letters)
        {
            try
            {
                readings[letter.Id] = RequestLetterReading.Read(await blobs.ReadAsync(letter.Sha256, HttpContext.RequestAborted), letter.ContentType);
            }
            catch (Exception failure) when (failure is IOException or System.Security.Cryptography.CryptographicException)
            {
                // A missing or damaged stored file must not take the whole case down with it; the store's own checks name it.
                Logger.LogError(failure, "The stored file {Sha256} of document {DocumentId} on case {Reference} cannot be read", letter.Sha256, letter.Id, found.Reference);
                readings[letter.Id] = new LetterReading(true, [], Localizer["The stored file cannot be read; tell the administrator."]);
            }
        }
        LetterReadings = readings;
        if (found.OrganisationId is { } organisationId)
        {
            var organisation = await Db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId);
            (OrganisationName, OrganisationLevel, Contacts, OrganisationMailDomain) = (organisation.Name, organisation.Level, organisation.Contacts, organisation.MailDomain);
            Recipients = organisation.LetterRecipients();
        }
        LetterChoices = [.. new[] { LetterKind.Acknowledgement, LetterKind.Approval, LetterKind.Decline }
            .Select(kind => (kind, found.LetterRefusals(kind, Actor, "reason given in the form", Now)))];
        Staff = await Db.StaffAsync();
        OfficerName = Staff.Where(s => s.Id == found.AssignedOfficerId).Select(s => s.Name).FirstOrDefault();
        // Forms give the reason; probe with one so that "a reason is required" does not hide what else a step waits for.
        Steps = found.NextSteps(step => new StepRequest(Actor, Now, StepsNeedingReason.Contains(step) ? "reason given in the form" : null, code));
        Spells = found.StageSpells();
        Messages = await Db.Messages.AsNoTracking().Include(m => m.Attachments).Where(m => m.CaseId == found.Id).ToListAsync();
        Undelivered = await Db.Outbox.AsNoTracking().Where(o => o.CaseId == found.Id && o.Status != ConnexDesk.Domain.Intake.OutgoingStatus.Sent).OrderBy(o => o.CreatedAt).ToListAsync();
        Timeline = [.. found.History.Where(h => h.Kind != HistoryKind.NoteAdded).Select(TimelineItem.From)
            .Concat(found.Notes.Select(TimelineItem.From))
            .Concat(Messages.Select(TimelineItem.From))
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Kind != HistoryKind.Opened).ThenByDescending(t => t.Order)];
    }

    public sealed record TimelineItem(DateTime At, long Order, string Who, HistoryKind? Kind, CaseHistoryEntry? Entry, CaseNote? Note, ConnexDesk.Domain.Intake.CaseMessage? Message = null)
    {
        public static TimelineItem From(CaseHistoryEntry entry) => new(entry.At, entry.Id, entry.ActorName, entry.Kind, entry, null);

        public static TimelineItem From(CaseNote note) => new(note.At, note.Id, note.AuthorName, HistoryKind.NoteAdded, null, note);

        public static TimelineItem From(ConnexDesk.Domain.Intake.CaseMessage message) =>
            new(message.ReceivedAt, message.Id, message.FromName ?? message.FromAddress ?? "?", null, null, null, message);
    }
}
