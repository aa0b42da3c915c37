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
public sealed class DetailModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<DetailModel> logger) : PageModel
{
    /// <summary>Steps whose form asks for a reason; for the others the reason is an optional comment.</summary>
    public static readonly IReadOnlySet<CaseStep> StepsNeedingReason = new HashSet<CaseStep> { CaseStep.Decline, CaseStep.Withdraw };

    public Case Case { get; private set; } = null!;
    public CaseActor Actor { get; private set; } = null!;
    public DateTime Now { get; private set; }
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

    public string? Problem { get; private set; }
    public IReadOnlyList<string> ProblemDetails { get; private set; } = [];
    public CaseStep? PostedStep { get; private set; }
    public string? PostedText { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        Actor = User.ToActor();
        var found = await db.LoadAsync(reference, Actor);
        if (found is null)
        {
            logger.LogWarning("User {UserId} asked for case {Reference}, which does not exist or is not theirs to see", Actor.UserId, reference);
            return NotFound();
        }
        // Who read which case: the audit feature will keep this in its tamper-evident chain.
        logger.LogInformation("User {UserId} read case {Reference}", Actor.UserId, found.Reference);
        await PrepareAsync(found);
        return Page();
    }

    public Task<IActionResult> OnPostStepAsync(string reference, int version, CaseStep step, string? reason) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedStep = step;
            PostedText = reason;
            var outcome = c.Take(step, new StepRequest(actor, now, reason));
            if (outcome.Done && step == CaseStep.StartDueDiligence && c.DueDiligenceItems.Count == 0)
                c.DrawUpDueDiligence(await DueDiligence.UnitChecklist.CurrentAsync(db), actor, now);
            if (outcome.Done)
                return ((string, List<string>)?)null;
            var prefix = localizer["{0} is not possible yet:", localizer[CaseWords.Step(step)]];
            return (prefix, outcome.Refusals.Select(r => localizer[r.Template, r.Args].Value).ToList());
        }, c => localizer["Done: {0}. The case is now at the stage '{1}'.", localizer[CaseWords.Step(step)], localizer[CaseWords.Stage(c.Stage)]]);

    public Task<IActionResult> OnPostEligibilityAsync(string reference, int version, bool? requesterIsGovernment, bool? negotiationOngoing,
        [FromServices] Eligibility.AssessEligibility assess) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            ArgumentNullException.ThrowIfNull(assess);
            if (requesterIsGovernment is null || negotiationOngoing is null)
                return (localizer["Answer both questions: is the requester a government body, and is a negotiation ongoing or upcoming?"], []);
            if (c.CountryCode is null)
                return (localizer["The country of this request is not recorded yet: record it (Edit) before assessing eligibility."], []);
            var assessment = await assess.DecisionAsync(c.CountryCode, requesterIsGovernment.Value, negotiationOngoing.Value, DateOnly.FromDateTime(now));
            c.RecordEligibilityDecision(EligibilityDecision.From(assessment!, actor, now), actor);
            return null;
        }, c => c.LatestEligibilityDecision!.IsEligible ? localizer["Eligibility recorded: eligible."] : localizer["Eligibility recorded: not eligible."]);

    public Task<IActionResult> OnPostOverrideEligibilityAsync(string reference, int version, string? justification) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedText = justification;
            var refusals = c.OverrideEligibility(actor, justification, now);
            return refusals.Count == 0
                ? null
                : (localizer["The eligibility decision was not overridden:"], refusals.Select(r => localizer[r.Template, r.Args].Value).ToList());
        }, _ => localizer["Eligibility overridden. The justification is recorded with the decision."]);

    /// <summary>For a case whose due diligence started before the checklist existed.</summary>
    public Task<IActionResult> OnPostDrawUpChecklistAsync(string reference, int version) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var refusals = c.DrawUpDueDiligence(await DueDiligence.UnitChecklist.CurrentAsync(db), actor, now);
            return refusals.Count == 0 ? null : (localizer["The checklist was not drawn up:"], refusals.Select(r => localizer[r.Template, r.Args].Value).ToList());
        }, c => localizer["Checklist drawn up: {0} checks.", c.DueDiligenceItems.Count]);

    /// <summary>A reviewer's finding on one due-diligence item.</summary>
    public Task<IActionResult> OnPostReviewAsync(string reference, int version, int itemId, DueDiligenceStatus status, RiskRating? risk,
        string? mitigation, string? evidence, List<int>? evidenceDocumentIds, string? comment) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            (PostedItem, PostedText) = (itemId, comment);
            if (!Enum.IsDefined(status) || risk is { } r && !Enum.IsDefined(r))
                return (localizer["Choose a status and a risk rating from the lists."], []);
            if ((mitigation?.Length ?? 0) > 4000 || (evidence?.Length ?? 0) > 4000 || (comment?.Length ?? 0) > 4000)
                return (localizer["Mitigation, evidence and comment can have at most 4000 characters each."], []);
            var refusals = c.ReviewDueDiligence(c.DueDiligenceItems.SingleOrDefault(i => i.Id == itemId), new DueDiligenceReview(status, risk, mitigation, evidence, evidenceDocumentIds ?? [], comment), actor, now);
            return refusals.Count == 0 ? null : (localizer["The review was not recorded:"], refusals.Select(x => localizer[x.Template, x.Args].Value).ToList());
        }, c => localizer["Review recorded."]);

    public Task<IActionResult> OnPostRecommendationAsync(string reference, int version, string? text) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedRecommendation = text;
            var refusals = c.WriteRecommendation(text, actor, now);
            return refusals.Count == 0 ? null : (localizer["The recommendation was not saved:"], refusals.Select(r => localizer[r.Template, r.Args].Value).ToList());
        }, _ => localizer["Recommendation saved."]);

    public Task<IActionResult> OnPostConsultationAsync(string reference, int version, string? body, DateOnly? consultedOn, string? advice) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedText = advice;
            if ((body?.Length ?? 0) > 300 || (advice?.Length ?? 0) > 8000)
                return (localizer["Who was consulted: at most 300 characters; their advice: at most 8000."], []);
            var refusals = c.RecordConsultation(body, consultedOn, advice, actor, now);
            return refusals.Count == 0 ? null : (localizer["The consultation was not recorded:"], refusals.Select(r => localizer[r.Template, r.Args].Value).ToList());
        }, _ => localizer["Consultation recorded."]);

    public Task<IActionResult> OnPostNoteAsync(string reference, int version, string? text) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            PostedText = text;
            if (string.IsNullOrWhiteSpace(text))
                return (localizer["The note is empty."], []);
            if (text.Length > 8000)
                return (localizer["A note can have at most 8000 characters."], []);
            c.AddNote(text, actor, now);
            return null;
        }, _ => localizer["Note added."]);

    public Task<IActionResult> OnPostAssignAsync(string reference, int version, string? officerId, string? reason) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var officerIdOrNull = string.IsNullOrEmpty(officerId) ? null : officerId;
            if (actor.Role != Role.Manager && officerIdOrNull != actor.UserId)
                return (localizer["Only a manager can assign a case to someone else or leave it unassigned."], []);
            var staff = await db.StaffAsync();
            var newName = officerIdOrNull is null ? null : staff.Where(s => s.Id == officerIdOrNull).Select(s => s.Name).FirstOrDefault();
            if (officerIdOrNull is not null && newName is null)
                return (localizer["Cases can be assigned only to case officers and managers."], []);
            var oldName = c.AssignedOfficerId is null ? null : staff.Where(s => s.Id == c.AssignedOfficerId).Select(s => s.Name).FirstOrDefault();
            c.AssignOfficer(officerIdOrNull, newName, oldName, actor, now, reason);
            return null;
        }, c => c.AssignedOfficerId is null ? localizer["The case is no longer assigned."] : localizer["Case officer assigned."]);

    public Task<IActionResult> OnPostAddCounterpartyAsync(string reference, int version, string? name, string? countryCode, CounterpartyKind kind,
        [FromServices] Sanctions.ScreenCounterparties screening) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedText = name;
            if (string.IsNullOrWhiteSpace(name))
                return (localizer["Give the counterparty's name."], []);
            if (!string.IsNullOrEmpty(countryCode) && !Countries.IsKnown(countryCode))
                return (localizer["Choose the counterparty's country from the list."], []);
            if (!c.CanBeChangedBy(actor))
                return (localizer["This case is finished; it can no longer be changed."], []);
            c.AddCounterparty(new Counterparty(name, countryCode, kind), actor, now);
            await screening.ScreenAsync(c, actor);
            return ((string, List<string>)?)null;
        }, c => c.SanctionsHits.Any(h => h.Decision == ConnexDesk.Domain.Sanctions.HitDecision.Pending)
            ? localizer["Counterparty added. Screening found possible sanctions hits: review them under Counterparties."]
            : localizer["Counterparty added."]);

    /// <summary>Who owns or controls a counterparty, one per line; they are screened with it at once.</summary>
    public Task<IActionResult> OnPostOwnersAsync(string reference, int version, int counterpartyId, string? owners,
        [FromServices] Sanctions.ScreenCounterparties screening) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var names = (owners ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var refusals = c.RecordOwners(c.Counterparties.SingleOrDefault(p => p.Id == counterpartyId), names, actor, now);
            if (refusals.Count > 0)
                return (localizer["The owners were not recorded:"], refusals.Select(r => localizer[r.Template, r.Args].Value).ToList());
            await screening.ScreenAsync(c, actor);
            return null;
        }, c => c.SanctionsHits.Any(h => h.Decision == ConnexDesk.Domain.Sanctions.HitDecision.Pending)
            ? localizer["Owners recorded and screened. There are possible sanctions hits to review under Counterparties."]
            : localizer["Owners recorded and screened."]);

    /// <summary>Screens the counterparties again against the list versions in force.</summary>
    public Task<IActionResult> OnPostScreenAsync(string reference, int version, [FromServices] Sanctions.ScreenCounterparties screening) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (!c.CanBeChangedBy(actor))
                return (localizer["This case is finished; it can no longer be changed."], []);
            return await screening.ScreenAsync(c, actor) is null
                ? (localizer["No sanctions list is imported yet; an administrator imports them with the sanctions import command."], [])
                : ((string, List<string>)?)null;
        }, c => localizer["Counterparties screened against {0}.", c.ScreenedAgainst ?? ""]);

    /// <summary>A reviewer decides a possible hit: a true match or a false positive, with the reason.</summary>
    public Task<IActionResult> OnPostDecideHitAsync(string reference, int version, int hitId, ConnexDesk.Domain.Sanctions.HitDecision decision, string? reason) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            (PostedHit, PostedText) = (hitId, reason);
            if (!Enum.IsDefined(decision) || (reason?.Length ?? 0) > 4000)
                return (localizer["Choose true match or false positive, and give a reason of at most 4000 characters."], []);
            var refusals = c.DecideOnHit(c.SanctionsHits.SingleOrDefault(h => h.Id == hitId), decision, reason, actor, now);
            return refusals.Count == 0 ? null : (localizer["The decision was not recorded:"], refusals.Select(r => localizer[r.Template, r.Args].Value).ToList());
        }, _ => localizer["Decision on the possible hit recorded."]);

    public Task<IActionResult> OnPostAddContactAsync(string reference, int version, string? name, string? email, string? phone, string? position) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedText = name;
            if (c.OrganisationId is not { } organisationId)
                return (localizer["Record the requesting organisation first (Edit), then add its contacts."], []);
            if (string.IsNullOrWhiteSpace(name))
                return (localizer["Give the contact's name."], []);
            if (!string.IsNullOrWhiteSpace(email) && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
                return (localizer["'{0}' is not an email address.", email], []);
            var organisation = await db.Organisations.Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId);
            var added = organisation.AddContact(name, email, phone, position);
            if (added is null)
                return (localizer["A contact with the email {0} is already recorded.", email!], []);
            c.NoteContactAdded(added, actor, now);
            return null;
        }, _ => localizer["Contact added."]);

    public Task<IActionResult> OnPostMailDomainAsync(string reference, int version, string? domain) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            PostedText = domain;
            if (c.OrganisationId is not { } organisationId)
                return (localizer["Record the requesting organisation first (Edit)."], []);
            var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
            var before = organisation.MailDomain;
            if (organisation.SetMailDomain(domain) is { } problem)
                return (localizer[problem], []);
            c.NoteOrganisationChange("Organisation mail domain", before, organisation.MailDomain, actor, now);
            return null;
        }, _ => localizer["Mail domain saved: mail from it is linked to the organisation."]);

    public Task<IActionResult> OnPostRemoveCounterpartyAsync(string reference, int version, int counterpartyId) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            if (!c.CanBeChangedBy(actor))
                return (localizer["This case is finished; it can no longer be changed."], []);
            c.RemoveCounterparty(counterpartyId, actor, now);
            return null;
        }, _ => localizer["Counterparty removed."]);

    private Task<IActionResult> ChangeAsync(string reference, int version, Func<Case, CaseActor, DateTime, (string, List<string>)?> change, Func<Case, string> done) =>
        ChangeAsync(reference, version, (c, a, n) => Task.FromResult(change(c, a, n)), done);

    /// <summary>A file uploaded to the case: checked for size and real type, encrypted into the store, never overwriting an earlier one.</summary>
    public Task<IActionResult> OnPostDocumentAsync(string reference, int version, IFormFile? file, CaseDocumentKind kind) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (file is null || !Enum.IsDefined(kind))
                return (localizer["Choose a file and what it is."], []);
            await using var stream = file.OpenReadStream();
            var (upload, problem) = await DocumentUpload.CheckAsync(stream, file.Length, file.FileName, HttpContext.RequestAborted);
            if (upload is null)
                return (localizer["{0} was not added:", Intake.MailReading.SafeFileName(file.FileName)], [localizer[problem!].Value]);
            var sha256 = await blobs.PutAsync(upload.Content, HttpContext.RequestAborted);
            c.AddDocument(new CaseDocument(kind, upload.FileName, upload.ContentType, sha256, upload.Content.Length, now, actor.Name), actor);
            return null;
        }, c => localizer["Added to the case's documents: {0}.", c.Documents[^1].FileName]);

    /// <summary>An attachment of a message on this case kept as one of its documents (the formal request letter, say).</summary>
    public Task<IActionResult> OnPostKeepAttachmentAsync(string reference, int version, long attachmentId, CaseDocumentKind kind) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var attachment = await (
                from a in db.Set<ConnexDesk.Domain.Intake.MessageAttachment>()
                join m in db.Messages on EF.Property<long>(a, "CaseMessageId") equals m.Id
                where a.Id == attachmentId && m.CaseId == c.Id
                select a).SingleOrDefaultAsync();
            if (attachment is null || !Enum.IsDefined(kind))
                return (localizer["That attachment is not on this case."], []);
            c.AddDocument(new CaseDocument(kind, attachment.FileName, attachment.ContentType, attachment.Sha256, attachment.Size, now, actor.Name), actor);
            return null;
        }, c => localizer["Added to the case's documents: {0}.", c.Documents[^1].FileName]);

    /// <summary>A document of the case, for someone who may see the case; always as a download, never shown in the page.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(string reference, int id)
    {
        Actor = User.ToActor();
        var found = await db.LoadAsync(reference, Actor);
        var document = found?.Documents.SingleOrDefault(d => d.Id == id);
        if (found is null || document is null)
        {
            logger.LogWarning("User {UserId} asked for document {DocumentId} of case {Reference}, which does not exist or is not theirs to see", Actor.UserId, id, reference);
            return NotFound();
        }
        // Who read which document: the audit feature will keep this in its tamper-evident chain.
        logger.LogInformation("User {UserId} read document {DocumentId} ({FileName}) of case {Reference}", Actor.UserId, document.Id, document.FileName, found.Reference);
        return File(await blobs.ReadAsync(document.Sha256, HttpContext.RequestAborted), document.ContentType, document.FileName);
    }

    /// <summary>Issues a letter: numbered, stored as PDF and DOCX, sent to the chosen contact; an approval letter records the agreement.</summary>
    public async Task<IActionResult> OnPostLetterAsync(string reference, int version, LetterKind kind, string? language, int? recipientId, string? reason,
        [FromServices] Letters.IssueLetter issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        Actor = User.ToActor();
        var found = await db.LoadAsync(reference, Actor);
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
            db.ChangeTracker.Clear();
            var current = await db.LoadAsync(reference, Actor);
            return current is null ? NotFound() : await ConflictAsync(current);
        }
        if (result.Letter is not { } letter)
        {
            (Problem, ProblemDetails) = (localizer["The letter was not issued:"], [.. result.Refusals.Select(r => localizer[r.Template, r.Args].Value)]);
            (PostedLetter, PostedText) = (kind, reason);
            db.ChangeTracker.Clear();
            await PrepareAsync((await db.LoadAsync(reference, Actor))!);
            return Page();
        }
        logger.LogInformation("User {UserId} issued letter {Number} ({Kind}) on case {Reference}, sent to {SentTo}", Actor.UserId, letter.Number, letter.Kind, found.Reference, letter.SentTo);
        Done = letter.Kind == LetterKind.Approval
            ? localizer["Letter {0} issued and queued to {1}. The agreement is recorded on the case.", letter.Number, letter.SentTo]
            : localizer["Letter {0} issued and queued to {1}.", letter.Number, letter.SentTo];
        return Redirect($"/cases/{found.Reference}#letters");
    }

    /// <summary>The letter as it would be issued now, unnumbered; nothing is stored or sent.</summary>
    public async Task<IActionResult> OnPostLetterPreviewAsync(string reference, LetterKind kind, string? language, int? recipientId, string? reason,
        [FromServices] Letters.LetterComposer composer)
    {
        ArgumentNullException.ThrowIfNull(composer);
        Actor = User.ToActor();
        var found = await db.LoadAsync(reference, Actor);
        if (found is null || kind == LetterKind.RequestLetterTemplate || !Enum.IsDefined(kind))
            return NotFound();
        var letterLanguage = LetterLanguages.OrEnglish(language ?? found.Language);
        var (organisation, recipient) = await RecipientAsync(found, recipientId);
        var wording = await Letters.LetterTemplates.CurrentAsync(db, kind, letterLanguage, HttpContext.RequestAborted);
        var facts = Letters.LetterFacts.From(found, letterLanguage, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), organisation, recipient, Actor) with
        {
            Number = localizer["(draft, not yet numbered)"],
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
        logger.LogInformation("User {UserId} previewed a {Kind} letter on case {Reference}", Actor.UserId, kind, found.Reference);
        var pdf = Letters.PdfLetter.Write(composer.Compose(kind, wording, facts));
        return File(pdf, "application/pdf", $"draft {found.Reference}.pdf");
    }

    /// <summary>The request-letter template in the case's language, filled with what the case already knows.</summary>
    public async Task<IActionResult> OnGetRequestLetterTemplateAsync(string reference, [FromServices] Letters.LetterComposer composer)
    {
        ArgumentNullException.ThrowIfNull(composer);
        Actor = User.ToActor();
        var found = await db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        var (organisation, recipient) = await RecipientAsync(found, null);
        var wording = await Letters.LetterTemplates.CurrentAsync(db, LetterKind.RequestLetterTemplate, found.Language, HttpContext.RequestAborted);
        var facts = Letters.LetterFacts.From(found, found.Language, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), organisation, recipient, Actor);
        logger.LogInformation("User {UserId} downloaded the pre-filled request-letter template of case {Reference}", Actor.UserId, found.Reference);
        var docx = Letters.DocxLetter.Write(composer.Compose(LetterKind.RequestLetterTemplate, wording, facts));
        return File(docx, Intake.MailReading.WordDocument, $"{found.Reference} request letter ({found.Language}).docx");
    }

    private async Task<(string? Organisation, OrganisationContact? Recipient)> RecipientAsync(Case found, int? recipientId)
    {
        if (found.OrganisationId is not { } organisationId)
            return (null, null);
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId);
        var withEmail = organisation.LetterRecipients();
        return (organisation.Name, withEmail.FirstOrDefault(c => c.Id == recipientId) ?? (withEmail.Count > 0 ? withEmail[0] : null));
    }

    private async Task<IActionResult> ChangeAsync(string reference, int version, Func<Case, CaseActor, DateTime, Task<(string, List<string>)?>> change, Func<Case, string> done)
    {
        Actor = User.ToActor();
        var found = await db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        if (found.Version != version)
            return await ConflictAsync(found);

        var refusal = await change(found, Actor, clock.GetUtcNow().UtcDateTime);
        if (refusal is { } refused)
        {
            (Problem, ProblemDetails) = refused;
            db.ChangeTracker.Clear();
            await PrepareAsync((await db.LoadAsync(reference, Actor))!);
            return Page();
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.LoadAsync(reference, Actor);
            return current is null ? NotFound() : await ConflictAsync(current);
        }
        logger.LogInformation("User {UserId} changed case {Reference} ({Handler})", Actor.UserId, found.Reference, Request.Query["handler"].ToString());
        Done = done(found);
        return Redirect($"/cases/{found.Reference}");
    }

    private async Task<IActionResult> ConflictAsync(Case current)
    {
        var last = current.History.MaxBy(h => h.At);
        Problem = last is null
            ? localizer["This case changed while you were looking at it. Nothing you sent was saved; check the case as it is now and try again."]
            : localizer["{0} changed this case at {1} while you were looking at it. Nothing you sent was saved; check the case as it is now and try again.", last.ActorName, Display.When(last.At)];
        Response.StatusCode = StatusCodes.Status409Conflict;
        await PrepareAsync(current);
        return Page();
    }

    private async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = clock.GetUtcNow().UtcDateTime;
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
                logger.LogError(failure, "The stored file {Sha256} of document {DocumentId} on case {Reference} cannot be read", letter.Sha256, letter.Id, found.Reference);
                readings[letter.Id] = new LetterReading(true, [], localizer["The stored file cannot be read; tell the administrator."]);
            }
        }
        LetterReadings = readings;
        if (found.OrganisationId is { } organisationId)
        {
            var organisation = await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId);
            (OrganisationName, OrganisationLevel, Contacts, OrganisationMailDomain) = (organisation.Name, organisation.Level, organisation.Contacts, organisation.MailDomain);
            Recipients = organisation.LetterRecipients();
        }
        LetterChoices = [.. new[] { LetterKind.Acknowledgement, LetterKind.Approval, LetterKind.Decline }
            .Select(kind => (kind, found.LetterRefusals(kind, Actor, "reason given in the form", Now)))];
        Staff = await db.StaffAsync();
        OfficerName = Staff.Where(s => s.Id == found.AssignedOfficerId).Select(s => s.Name).FirstOrDefault();
        // Forms give the reason; probe with one so that "a reason is required" does not hide what else a step waits for.
        Steps = found.NextSteps(step => new StepRequest(Actor, Now, StepsNeedingReason.Contains(step) ? "reason given in the form" : null));
        Spells = found.StageSpells();
        Messages = await db.Messages.AsNoTracking().Include(m => m.Attachments).Where(m => m.CaseId == found.Id).ToListAsync();
        Undelivered = await db.Outbox.AsNoTracking().Where(o => o.CaseId == found.Id && o.Status != ConnexDesk.Domain.Intake.OutgoingStatus.Sent).OrderBy(o => o.CreatedAt).ToListAsync();
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
