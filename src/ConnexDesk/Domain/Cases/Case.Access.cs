namespace ConnexDesk.Domain.Cases;

/// <summary>One line of what the government sees of its case: when, and what happened, as a template with its arguments.</summary>
public sealed record GovernmentTimelineItem(DateTime At, string Template, params object[] Args);

/// <summary>Need-to-know: what the government and the experts may see of a case, and the country's consent to be named.</summary>
public sealed partial class Case
{
    /// <summary>Who consented for the government to the country's name being published, and on which day.</summary>
    public string? PublicationConsentGivenBy { get; private set; }

    public DateOnly? PublicationConsentGivenOn { get; private set; }

    /// <summary>The member of staff who recorded the consent (or its withdrawal), and when.</summary>
    public string? PublicationConsentRecordedBy { get; private set; }

    public DateTime? PublicationConsentRecordedAt { get; private set; }

    /// <summary>The country consents to its name being published in the unit's reports and public pages.</summary>
    public IReadOnlyList<Reason> RecordPublicationConsent(string? givenBy, DateOnly? givenOn, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsUnitStaff)
            return [new Reason("Only the unit's staff record the country's consent.")];
        var problems = new List<Reason>();
        if (string.IsNullOrWhiteSpace(givenBy) || givenBy.Trim().Length > 200)
            problems.Add(new Reason("Say who gave the consent for the government (at most 200 characters)."));
        if (givenOn is not { } day || day > DateOnly.FromDateTime(at))
            problems.Add(new Reason("Give the day the consent was given; it cannot be in the future."));
        if (CountryCode is null)
            problems.Add(new Reason("Record the country before its consent to be named."));
        if (problems.Count > 0)
            return problems;
        CountryNameMayBePublished = true;
        PublicationConsentGivenBy = givenBy!.Trim();
        PublicationConsentGivenOn = givenOn;
        PublicationConsentRecordedBy = actor.Name;
        PublicationConsentRecordedAt = at;
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Consent to publish the country's name",
            OldValue = "no",
            NewValue = $"given by {PublicationConsentGivenBy} on {givenOn:yyyy-MM-dd}",
        });
        return [];
    }

    /// <summary>The country withdraws its consent: from now on its name is left out again.</summary>
    public IReadOnlyList<Reason> WithdrawPublicationConsent(string? reason, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsUnitStaff)
            return [new Reason("Only the unit's staff record the country's consent.")];
        if (!CountryNameMayBePublished)
            return [new Reason("The country has not consented to be named; there is nothing to withdraw.")];
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
            return [new Reason("Say who withdrew the consent, and when (at most 1000 characters).")];
        CountryNameMayBePublished = false;
        PublicationConsentRecordedBy = actor.Name;
        PublicationConsentRecordedAt = at;
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Consent to publish the country's name",
            OldValue = $"given by {PublicationConsentGivenBy}",
            NewValue = "withdrawn",
            Reason = reason.Trim(),
        });
        return [];
    }

    /// <summary>Staff mark a document as one the engaged experts may read, or take the mark away.</summary>
    public IReadOnlyList<Reason> ShareWithExperts(CaseDocument? document, bool shared, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (document is null || !_documents.Contains(document))
            return [new Reason("That document is not on this case.")];
        if (document.SharedWithExperts == shared)
            return [];
        document.ShareWithExperts(shared);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Shared with experts",
            OldValue = shared ? null : document.FileName,
            NewValue = shared ? document.FileName : null,
        });
        return [];
    }

    /// <summary>The government's focal point adds a document in the portal (the request letter first).</summary>
    public IReadOnlyList<Reason> AddGovernmentDocument(CaseDocument document, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != Role.FocalPoint || IsFinished)
            return [new Reason("Documents are added in the portal by the government's focal point, while the request is open.")];
        if (document.Kind is not (CaseDocumentKind.RequestLetter or CaseDocumentKind.Other))
            return [new Reason("The government adds its request letter or another document.")];
        document.MarkFromGovernment();
        AddDocument(document, actor);
        return [];
    }

    /// <summary>
    /// Whether an expert may open the case: the government accepted their engagement, it is not cancelled, and they
    /// signed the Code of Conduct in force.
    /// </summary>
    public bool OpensToExpert(int expertId, bool signedCurrentCode) =>
        signedCurrentCode && _engagements.Any(e => e.ExpertId == expertId && e.IsAcceptedByGovernment);

    /// <summary>The documents an engaged expert reads: those staff shared, and their own deliverables.</summary>
    public IEnumerable<CaseDocument> DocumentsForExpert(int expertId)
    {
        var own = _engagements.Where(e => e.ExpertId == expertId).SelectMany(e => e.Deliverables).Select(d => d.Document).OfType<CaseDocument>().ToHashSet();
        return _documents.Where(d => d.SharedWithExperts || own.Contains(d)).OrderBy(d => d.AddedAt);
    }

    /// <summary>
    /// What the government sees of its request's history: stages reached, documents exchanged, experts proposed and
    /// its answers, the scope, the rounds. Never notes, due diligence, screening, consultations or internal reasons.
    /// </summary>
    public IReadOnlyList<GovernmentTimelineItem> GovernmentTimeline()
    {
        var items = new List<GovernmentTimelineItem> { new(OpenedAt, "The unit opened the request {0}.", Reference) };
        foreach (var spell in StageSpells().Skip(1))
            items.Add(new(spell.EnteredAt, "The request reached the stage: {0}.", CaseWords.Stage(spell.Stage)));
        foreach (var document in _documents.Where(d => d.VisibleToGovernment))
            items.Add(document.FromGovernment ? new(document.AddedAt, "{0} added {1}.", document.AddedBy, document.FileName)
                : document.Kind == CaseDocumentKind.RequestLetter ? new(document.AddedAt, "The unit received the request letter {0}.", document.FileName)
                : new(document.AddedAt, "The unit sent {0}.", document.FileName));
        foreach (var engagement in _engagements)
        {
            items.Add(new(engagement.ProposedAt, "The unit proposed {0} as an expert.", engagement.ExpertName));
            if (engagement.GovernmentDecidedAt is { } decided)
                items.Add(new(decided, engagement.Status == EngagementStatus.DeclinedByGovernment
                    ? "The government declined {0}." : "The government accepted {0}.", engagement.ExpertName));
        }
        foreach (var version in _scopeVersions)
        {
            if (version.SentAt is { } sent)
                items.Add(new(sent, "The unit sent version {0} of the scope to confirm.", version.Number));
            if (version.ConfirmedAt is { } confirmed)
                items.Add(new(confirmed, "Version {0} of the scope was confirmed by {1}.", version.Number, version.ConfirmedBy ?? ""));
        }
        foreach (var round in _rounds.Where(r => r.Status == RoundStatus.Held))
            items.Add(new(round.StartsOn.ToDateTime(TimeOnly.MinValue), "Negotiation round held: {0}.", round.Place ?? ""));
        if (Evaluation?.AnswersRecordedAt is { } answered)
            items.Add(new(answered, "The government answered the evaluation."));
        return [.. items.OrderBy(i => i.At)];
    }
}
