namespace ConnexDesk.Domain.Cases;

/// <summary>Everything a person fills in about a request; used to open a case and to change it.</summary>
public sealed record CaseDetails(
    string? CountryCode,
    string Title,
    string? Summary = null,
    Sector? Sector = null,
    NegotiationStage? NegotiationStage = null,
    DateOnly? NextRoundOn = null,
    DateOnly? DeadlineOn = null,
    SupportServices ServicesNeeded = SupportServices.None,
    IReadOnlyList<string>? RequestedExperts = null,
    string? Language = null);

/// <summary>The outcome of asking a case to take a step: done, or refused with the reasons.</summary>
public sealed record StepOutcome(CaseStep Step, IReadOnlyList<Reason> Refusals)
{
    public bool Done => Refusals.Count == 0;
}

/// <summary>A step the case page offers now: possible, or waiting for the listed conditions.</summary>
public sealed record StepOption(CaseStep Step, CaseStage To, IReadOnlyList<Reason> WaitingFor)
{
    public bool Possible => WaitingFor.Count == 0;
}

public sealed record StageSpell(CaseStage Stage, DateTime EnteredAt, DateTime? LeftAt)
{
    public TimeSpan Duration(DateTime now) => (LeftAt ?? now) - EnteredAt;
}

/// <summary>
/// The whole record of one request for support, from first contact to evaluation. Every change goes through a
/// verb method that writes history; stage changes go through <see cref="CaseLifecycle"/>.
/// </summary>
public sealed partial class Case
{
    private readonly List<Counterparty> _counterparties = [];
    private readonly List<CaseDocument> _documents = [];
    private readonly List<EligibilityDecision> _eligibilityDecisions = [];
    private readonly List<DueDiligenceItem> _dueDiligenceItems = [];
    private readonly List<Engagement> _engagements = [];
    private readonly List<CaseNote> _notes = [];
    private readonly List<CaseHistoryEntry> _history = [];
    private readonly List<IssuedLetter> _letters = [];
    private readonly List<SanctionsHit> _sanctionsHits = [];
    private readonly List<Consultation> _consultations = [];
    private readonly List<ConflictRuling> _conflictRulings = [];

    private Case()
    {
        Reference = "";
        Title = "";
        RequestedExperts = [];
        Language = "en";
    }

    public int Id { get; private set; }
    public string Reference { get; private set; }
    public int Year { get; private set; }
    public int Number { get; private set; }
    public CaseStage Stage { get; private set; }
    public DateTime StageEnteredAt { get; private set; }
    public DateTime OpenedAt { get; private set; }

    /// <summary>ISO 3166 alpha-2 (XK for Kosovo); unknown until someone records it for an inquiry that came by email.</summary>
    public string? CountryCode { get; private set; }
    public int? OrganisationId { get; private set; }
    public string Title { get; private set; }
    public string? Summary { get; private set; }

    public Sector? Sector { get; private set; }
    public NegotiationStage? NegotiationStage { get; private set; }

    /// <summary>The first day of <see cref="NextRound"/>, kept on the case so that lists can sort and filter by it.</summary>
    public DateOnly? NextRoundOn { get; private set; }
    public DateOnly? DeadlineOn { get; private set; }
    public SupportServices ServicesNeeded { get; private set; }
    public List<string> RequestedExperts { get; private set; }

    /// <summary>The country's name stays anonymous outside the unit unless the country consents.</summary>
    public bool CountryNameMayBePublished { get; private set; }

    /// <summary>The language the government writes in (en, fr, es or pt); the unit's letters are written in it.</summary>
    public string Language { get; private set; }

    public string? AssignedOfficerId { get; private set; }
    public DateTime? EvaluationRecordedAt { get; private set; }

    /// <summary>The evaluation, once staff start it at the Evaluation stage.</summary>
    public Evaluation? Evaluation { get; private set; }

    /// <summary>Incremented by every change; two people saving the same version means the second is told, not overwritten.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Counterparty> Counterparties => _counterparties;
    public IReadOnlyList<CaseDocument> Documents => _documents;
    public IReadOnlyList<EligibilityDecision> EligibilityDecisions => _eligibilityDecisions;
    public IReadOnlyList<DueDiligenceItem> DueDiligenceItems => _dueDiligenceItems;
    public IReadOnlyList<Engagement> Engagements => _engagements;
    public IReadOnlyList<CaseNote> Notes => _notes;
    public IReadOnlyList<CaseHistoryEntry> History => _history;
    public IReadOnlyList<IssuedLetter> Letters => _letters;
    public IReadOnlyList<SanctionsHit> SanctionsHits => _sanctionsHits;
    public IReadOnlyList<Consultation> Consultations => _consultations;
    public IReadOnlyList<ConflictRuling> ConflictRulings => _conflictRulings;

    /// <summary>The case officer's recommendation to the deciding manager, in Markdown.</summary>
    public string? Recommendation { get; private set; }
    public string? RecommendedBy { get; private set; }
    public DateTime? RecommendedAt { get; private set; }

    /// <summary>When the counterparties were last screened, and against which list versions (their labels).</summary>
    public DateTime? ScreenedAt { get; private set; }
    public string? ScreenedAgainst { get; private set; }

    /// <summary>Recorded when the approval letter is issued; never changed after.</summary>
    public Agreement? Agreement { get; private set; }

    /// <summary>The formal request letter: the request-letter document added last.</summary>
    public CaseDocument? RequestLetter => _documents.Where(d => d.Kind == CaseDocumentKind.RequestLetter).OrderBy(d => d.AddedAt).ThenBy(d => d.Id).LastOrDefault();

    public EligibilityDecision? LatestEligibilityDecision => _eligibilityDecisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).LastOrDefault();
    public bool IsFinished => CaseLifecycle.Terminal.Contains(Stage);

    /// <param name="remark">Why or from what the case was opened, kept with the opening in the history (an unverified sender, say).</param>
    public static Case Open(CaseReference reference, CaseDetails details, int? organisationId, CaseActor openedBy, DateTime at, string? remark = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(openedBy);
        var @case = new Case
        {
            Reference = reference.ToString(),
            Year = reference.Year,
            Number = reference.Number,
            Stage = CaseStage.Inquiry,
            StageEnteredAt = at,
            OpenedAt = at,
            OrganisationId = organisationId,
        };
        @case.Apply(details);
        @case._history.Add(new CaseHistoryEntry(HistoryKind.Opened, openedBy, at) { ToStage = CaseStage.Inquiry, Reason = NullIfEmpty(remark?.Trim()) });
        return @case;
    }

    /// <summary>Every step the table offers from the current stage, with what each still waits for.</summary>
    public IReadOnlyList<StepOption> NextSteps(Func<CaseStep, StepRequest> requestFor)
    {
        ArgumentNullException.ThrowIfNull(requestFor);
        return [.. CaseLifecycle.From(Stage).Select(t => new StepOption(t.Step, t.To, CaseLifecycle.Refusals(this, t.Step, requestFor(t.Step))))];
    }

    public StepOutcome Take(CaseStep step, StepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refusals = CaseLifecycle.Refusals(this, step, request);
        if (refusals.Count > 0)
            return new StepOutcome(step, refusals);

        var from = Stage;
        CaseLifecycle.Machine(this, request, stage => Stage = stage).Fire(step);
        StageEnteredAt = request.At;
        Record(new CaseHistoryEntry(HistoryKind.StageChanged, request.Actor, request.At) { FromStage = from, ToStage = Stage, Reason = NullIfEmpty(request.Reason?.Trim()) });
        return new StepOutcome(step, []);
    }

    public bool CanBeChangedBy(CaseActor actor) => actor.IsUnitStaff && !IsFinished;

    /// <summary>Changes the case fields; each field that differs gets a history row with old and new value.</summary>
    public IReadOnlyList<string> ChangeDetails(CaseDetails details, CaseActor actor, DateTime at, string? reason)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(actor);
        var before = Snapshot();
        Apply(details);
        var after = Snapshot();
        var changed = before.Keys.Where(field => before[field] != after[field]).ToList();
        foreach (var field in changed)
        {
            _history.Add(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
            {
                Field = field,
                OldValue = before[field],
                NewValue = after[field],
                Reason = NullIfEmpty(reason?.Trim()),
            });
        }
        if (changed.Count > 0)
            Version++;
        return changed;
    }

    public void ChangeOrganisation(int organisationId, string organisationName, string? previousName, CaseActor actor, DateTime at)
    {
        if (OrganisationId == organisationId)
            return;
        OrganisationId = organisationId;
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Requesting organisation", OldValue = previousName, NewValue = organisationName });
    }

    /// <summary>Records on this case a change made to its requesting organisation.</summary>
    public void NoteOrganisationChange(string field, string? oldValue, string? newValue, CaseActor actor, DateTime at) =>
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = field, OldValue = oldValue, NewValue = newValue });

    /// <summary>Records on this case that a contact of its requesting organisation was added.</summary>
    public void NoteContactAdded(OrganisationContact contact, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(contact);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Contacts", NewValue = contact.ToString() });
    }

    public void AddCounterparty(Counterparty counterparty, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(counterparty);
        if (_counterparties.Any(c => string.Equals(c.Name, counterparty.Name, StringComparison.OrdinalIgnoreCase)))
            return;
        _counterparties.Add(counterparty);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Counterparties", NewValue = counterparty.ToString() });
    }

    /// <summary>Records who owns or controls a counterparty (one name per entry); screening covers them too.</summary>
    public IReadOnlyList<Reason> RecordOwners(Counterparty? counterparty, IReadOnlyList<string> owners, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(actor);
        if (counterparty is null || !_counterparties.Contains(counterparty))
            return [new Reason("That counterparty is not on this case.")];
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (owners.Count > 50 || owners.Any(o => o.Length > 300))
            return [new Reason("Record at most 50 owners, each name at most 300 characters.")];
        var before = string.Join(", ", counterparty.Owners);
        counterparty.SetOwners(owners);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = $"Owners of {counterparty.Name}",
            OldValue = before.Length == 0 ? null : before,
            NewValue = counterparty.Owners.Count == 0 ? null : string.Join(", ", counterparty.Owners),
        });
        return [];
    }

    public void RemoveCounterparty(int counterpartyId, CaseActor actor, DateTime at)
    {
        var counterparty = _counterparties.SingleOrDefault(c => c.Id == counterpartyId);
        if (counterparty is null)
            return;
        _counterparties.Remove(counterparty);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Counterparties", OldValue = counterparty.ToString() });
    }

    public void AssignOfficer(string? officerId, string? officerName, string? previousOfficerName, CaseActor actor, DateTime at, string? reason = null)
    {
        if (officerId == AssignedOfficerId)
            return;
        AssignedOfficerId = officerId;
        Record(new CaseHistoryEntry(HistoryKind.OfficerAssigned, actor, at)
        {
            Field = "Case officer",
            OldValue = previousOfficerName,
            NewValue = officerName,
            Reason = NullIfEmpty(reason?.Trim()),
        });
    }

    public CaseNote AddNote(string text, CaseActor actor, DateTime at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var note = new CaseNote(text.Trim(), actor, at);
        _notes.Add(note);
        Record(new CaseHistoryEntry(HistoryKind.NoteAdded, actor, at));
        return note;
    }

    /// <summary>A file is now on the case (from mail, an upload or a generated letter): a new document, or a new version of one.</summary>
    public void AddDocument(CaseDocument document, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(actor);
        document.NumberAfter(_documents);
        _documents.Add(document);
        Record(new CaseHistoryEntry(HistoryKind.DocumentAdded, actor, document.AddedAt)
        {
            Field = CaseWords.DocumentKind(document.Kind),
            NewValue = document.Version == 1 ? document.FileName : $"{document.FileName} (version {document.Version})",
        });
    }

    /// <summary>Why <paramref name="actor"/> cannot issue a letter of <paramref name="kind"/> on this case now; empty when they can.</summary>
    public IReadOnlyList<Reason> LetterRefusals(LetterKind kind, CaseActor actor, string? reason, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsUnitStaff)
            return [new Reason("Only the unit's staff issue letters.")];
        if (IsFinished)
            return [new Reason("This case is finished; it can no longer be changed.")];
        var request = new StepRequest(actor, at, reason);
        return kind switch
        {
            LetterKind.Acknowledgement => [.. CaseLifecycle.Guards.RequestLetterOnCase.Check(this, request)],
            LetterKind.Approval => actor.Role != Role.Manager
                ? [new Reason("Only managers can do this.")]
                : Agreement is not null
                    ? [new Reason("The approval letter {0} has already been issued; the agreement it formed cannot be changed.", Agreement.ApprovalLetterNumber)]
                    : Stage != CaseStage.PendingApproval
                        ? [new Reason("An approval letter is issued when the case is pending approval; it is at the stage '{0}'.", CaseWords.Stage(Stage))]
                        : [.. CaseLifecycle.Guards.FourEyes.Check(this, request), .. CaseLifecycle.Guards.RequestLetterOnCase.Check(this, request)],
            LetterKind.Decline => actor.Role != Role.Manager
                ? [new Reason("Only managers can do this.")]
                : !CaseLifecycle.BeforeApproval.Contains(Stage)
                    ? [new Reason("A request can be declined only before it is approved.")]
                    : Agreement is not null
                        ? [new Reason("The approval letter {0} has been issued; the request can no longer be declined.", Agreement.ApprovalLetterNumber)]
                    : [.. CaseLifecycle.Guards.FourEyes.Check(this, request), .. CaseLifecycle.Guards.ReasonGiven.Check(this, request)],
            LetterKind.RequestLetterTemplate => [new Reason("The request-letter template is downloaded, not issued.")],
        };
    }

    /// <summary>
    /// A letter is issued: its PDF and DOCX become documents of the case, and an approval letter records the agreement
    /// (the request letter and the approval letter, with their fingerprints and dates, and the parties).
    /// </summary>
    public IReadOnlyList<Reason> IssueLetter(IssuedLetter letter, LetterFiles files, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(actor);
        var refusals = LetterRefusals(letter.Kind, actor, letter.Reason, letter.IssuedAt);
        if (refusals.Count > 0)
            return refusals;
        var documentKind = IssuedLetter.DocumentKindOf(letter.Kind);
        if (files.Pdf.Kind != documentKind || files.Docx.Kind != documentKind)
            throw new ArgumentException($"The files of a {letter.Kind} letter are documents of the kind {documentKind}.", nameof(files));
        AddDocument(files.Pdf, actor);
        AddDocument(files.Docx, actor);
        _letters.Add(letter);
        Record(new CaseHistoryEntry(HistoryKind.LetterIssued, actor, letter.IssuedAt)
        {
            Field = CaseWords.LetterKind(letter.Kind),
            NewValue = $"{letter.Number} ({letter.Language}), sent to {letter.SentTo}",
            Reason = letter.Reason,
        });
        if (letter.Kind == LetterKind.Approval)
        {
            Agreement = new Agreement(RequestLetter!, letter, files.SupportRecipient, files.SupportProvider, actor);
            Record(new CaseHistoryEntry(HistoryKind.AgreementRecorded, actor, letter.IssuedAt)
            {
                Field = "Agreement",
                NewValue = $"request letter {Agreement.RequestLetterFileName} + approval letter {Agreement.ApprovalLetterNumber}",
            });
        }
        return [];
    }

    public void RecordEligibilityDecision(EligibilityDecision decision, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(actor);
        var previous = LatestEligibilityDecision;
        _eligibilityDecisions.Add(decision);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, decision.DecidedAt)
        {
            Field = "Eligibility",
            OldValue = previous?.Summary,
            NewValue = decision.Summary,
            Reason = decision.OverrideJustification,
        });
    }

    /// <summary>A manager declares the request eligible against the recorded decision, with a written justification.</summary>
    public IReadOnlyList<Reason> OverrideEligibility(CaseActor manager, string? justification, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var latest = LatestEligibilityDecision;
        if (manager.Role != Role.Manager)
            return [new Reason("only a manager may override the eligibility decision.")];
        if (string.IsNullOrWhiteSpace(justification))
            return [new Reason("an override of the eligibility decision needs a written justification.")];
        if (latest is null)
            return [new Reason("record the eligibility decision first; an override answers a decision.")];
        if (latest.IsEligible)
            return [new Reason("the latest eligibility decision already says eligible.")];
        RecordEligibilityDecision(new EligibilityDecision(true, latest.CountryCode, latest.AssessedOn, "override", latest.ListVersion,
            "Overridden by a manager: " + justification.Trim(), latest.RequesterIsGovernment, latest.NegotiationOngoingOrUpcoming, at, manager, justification.Trim()), manager);
        return [];
    }

    /// <summary>Draws up the due-diligence checklist from the unit's checks, once per case.</summary>
    public IReadOnlyList<Reason> DrawUpDueDiligence(IReadOnlyList<DueDiligenceCheck> checks, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (_dueDiligenceItems.Count > 0)
            return [new Reason("The due-diligence checklist of this case is already drawn up.")];
        if (checks.Count == 0)
            return [new Reason("The unit's checklist is empty; an administrator must write it first.")];
        for (var i = 0; i < checks.Count; i++)
            _dueDiligenceItems.Add(new DueDiligenceItem(checks[i].Title, DueDiligenceStatus.Open, null, null, checks[i].Guidance, i + 1));
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Due diligence", NewValue = $"checklist drawn up ({checks.Count} items)" });
        return [];
    }

    /// <summary>Records a reviewer's finding on one checklist item; refused with the reasons when it does not hold together.</summary>
    public IReadOnlyList<Reason> ReviewDueDiligence(DueDiligenceItem? item, DueDiligenceReview review, CaseActor reviewer, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(reviewer);
        if (item is null || !_dueDiligenceItems.Contains(item))
            return [new Reason("That due-diligence item is not on this case.")];
        if (!CanBeChangedBy(reviewer))
            return [new Reason("Only the unit's staff change an open case.")];
        if (Stage != CaseStage.DueDiligence)
            return [new Reason("Due diligence is recorded while the case is at the stage 'Due diligence'; it is at '{0}'.", CaseWords.Stage(Stage))];
        var problems = new List<Reason>();
        if (review.Status == DueDiligenceStatus.RiskIdentified && review.Risk is null)
            problems.Add(new Reason("Rate the risk that was identified (low, medium or high)."));
        if (review.Status == DueDiligenceStatus.NotApplicable && string.IsNullOrWhiteSpace(review.Comment))
            problems.Add(new Reason("Say in the comment why the check does not apply."));
        if (review.EvidenceDocumentIds.Any(id => _documents.All(d => d.Id != id)))
            problems.Add(new Reason("Evidence can only be documents of this case."));
        if (problems.Count > 0)
            return problems;
        var before = item.Summary;
        item.Record(review, reviewer, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, reviewer, at)
        {
            Field = "Due diligence: " + item.Title,
            OldValue = before,
            NewValue = item.Summary,
            Reason = item.Comment,
        });
        return [];
    }

    /// <summary>
    /// Records a screening of the counterparties: possible hits not seen before are added for review; hits already
    /// decided keep their decision. Returns how many hits are new, so that a changed result can be flagged.
    /// </summary>
    public int RecordScreening(IReadOnlyList<(string Counterparty, Sanctions.PossibleHit Hit)> hits, string listVersions, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(actor);
        var added = 0;
        foreach (var (counterparty, hit) in hits)
        {
            if (_sanctionsHits.Any(h => h.Is(counterparty, hit.Entry.List, hit.Entry.Reference)))
                continue;
            _sanctionsHits.Add(new SanctionsHit(counterparty, hit.Entry.List, hit.Entry.Reference, hit.Entry.PrimaryName, hit.MatchedName, hit.Score, at));
            added++;
        }
        var changedLists = ScreenedAgainst != listVersions;
        ScreenedAt = at;
        ScreenedAgainst = listVersions;
        if (added > 0 || changedLists)
        {
            Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
            {
                Field = "Sanctions screening",
                NewValue = added == 0 ? $"no new possible hit ({listVersions})" : $"{added} new possible hit(s) to review ({listVersions})",
            });
        }
        else
        {
            Version++;
        }
        return added;
    }

    /// <summary>A reviewer's decision on a possible hit: a true match or a false positive, always with the reason.</summary>
    public IReadOnlyList<Reason> DecideOnHit(SanctionsHit? hit, Sanctions.HitDecision decision, string? reason, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (hit is null || !_sanctionsHits.Contains(hit))
            return [new Reason("That possible hit is not on this case.")];
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (decision == Sanctions.HitDecision.Pending)
            return [new Reason("Decide whether it is a true match or a false positive.")];
        if (string.IsNullOrWhiteSpace(reason))
            return [new Reason("Give the reason for the decision (what was compared: dates of birth, addresses, registration numbers ...).")];
        var before = hit.Decision;
        hit.Decide(decision, reason.Trim(), actor, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = $"Sanctions hit: {hit.CounterpartyName} ~ {hit.ListedName} ({hit.ListReference})",
            OldValue = before.ToString(),
            NewValue = decision == Sanctions.HitDecision.TrueMatch ? "true match" : "false positive",
            Reason = hit.DecisionReason,
        });
        return [];
    }

    public const int MaxRecommendationLength = 20_000;

    /// <summary>The case officer's recommendation, written during due diligence; the manager decides on it.</summary>
    public IReadOnlyList<Reason> WriteRecommendation(string? text, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (Stage != CaseStage.DueDiligence)
            return [new Reason("The recommendation is written during due diligence; the case is at the stage '{0}'.", CaseWords.Stage(Stage))];
        if (string.IsNullOrWhiteSpace(text))
            return [new Reason("Write the recommendation: what the unit should decide, and why.")];
        if (text.Length > MaxRecommendationLength)
            return [new Reason("A recommendation can have at most {0} characters.", MaxRecommendationLength)];
        var before = Recommendation;
        (Recommendation, RecommendedBy, RecommendedAt) = (text.Trim(), actor.Name, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Recommendation",
            OldValue = before is null ? null : Shortened(before),
            NewValue = Shortened(Recommendation),
        });
        return [];
    }

    /// <summary>Records that the unit consulted one of its governance bodies before deciding.</summary>
    public IReadOnlyList<Reason> RecordConsultation(string? body, DateOnly? consultedOn, string? advice, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        var problems = new List<Reason>();
        if (string.IsNullOrWhiteSpace(body))
            problems.Add(new Reason("Say who was consulted."));
        if (consultedOn is null || consultedOn > DateOnly.FromDateTime(at))
            problems.Add(new Reason("Give the date of the consultation (not in the future)."));
        if (string.IsNullOrWhiteSpace(advice))
            problems.Add(new Reason("Write what they advised."));
        if (problems.Count > 0)
            return problems;
        var consultation = new Consultation(body!, consultedOn!.Value, advice!, actor, at);
        _consultations.Add(consultation);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Consultation",
            NewValue = $"{consultation.Body}, {consultation.ConsultedOn:yyyy-MM-dd}: {Shortened(consultation.Advice)}",
        });
        return [];
    }

    private static string Shortened(string text) => text.Length <= 200 ? text : text[..197] + "...";

    public void AddDueDiligenceItem(DueDiligenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _dueDiligenceItems.Add(item);
        Version++;
    }


    /// <summary>How long the case spent in each stage, from its stage-change history.</summary>
    public IReadOnlyList<StageSpell> StageSpells()
    {
        var entries = _history
            .Where(h => h.Kind is HistoryKind.Opened or HistoryKind.StageChanged)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .ToList();
        return [.. entries.Select((entry, i) => new StageSpell(entry.ToStage ?? CaseStage.Inquiry, entry.At, i + 1 < entries.Count ? entries[i + 1].At : null))];
    }

    private void Record(CaseHistoryEntry entry)
    {
        _history.Add(entry);
        Version++;
    }

    private void Apply(CaseDetails details)
    {
        CountryCode = details.CountryCode is null
            ? null
            : Countries.Normalise(details.CountryCode) ?? throw new ArgumentException($"'{details.CountryCode}' is not an ISO 3166 country code.", nameof(details));
        ArgumentException.ThrowIfNullOrWhiteSpace(details.Title);
        Title = details.Title.Trim();
        Summary = NullIfEmpty(details.Summary?.Trim());
        Sector = details.Sector;
        NegotiationStage = details.NegotiationStage;
        PlanNextRoundFromDetails(details.NextRoundOn);
        DeadlineOn = details.DeadlineOn;
        ServicesNeeded = details.ServicesNeeded;
        RequestedExperts = [.. (details.RequestedExperts ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        Language = LetterLanguages.OrEnglish(details.Language);
    }

    private Dictionary<string, string?> Snapshot() => new()
    {
        ["Country"] = CountryCode,
        ["Title"] = Title,
        ["Summary"] = Summary,
        ["Sector"] = Sector is { } s ? CaseWords.Sector(s) : null,
        ["Negotiation stage"] = NegotiationStage is { } n ? CaseWords.NegotiationStage(n) : null,
        ["Next negotiation round"] = NextRoundOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Deadline"] = DeadlineOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Services needed"] = ServicesNeeded == SupportServices.None ? null : string.Join(", ", CaseWords.Each(ServicesNeeded).Select(CaseWords.Service)),
        ["Experts requested"] = RequestedExperts.Count == 0 ? null : string.Join(", ", RequestedExperts),
        ["Language"] = Language,
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
