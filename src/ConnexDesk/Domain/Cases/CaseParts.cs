namespace ConnexDesk.Domain.Cases;

/// <summary>Someone acting on a case. The desk fills it from the signed-in user (or names the CLI).</summary>
public sealed record CaseActor(string UserId, string Name, Role Role)
{
    public static CaseActor CommandLine { get; } = new("cli", "Command line (administrator)", Role.Manager);

    public static CaseActor MailIntake { get; } = new("mail-intake", "Mail intake", Role.CaseOfficer);

    public bool IsUnitStaff => Roles.IsUnitStaff(Role);

    /// <summary>For a government focal point: the requesting organisation whose cases they see.</summary>
    public int? OrganisationId { get; init; }

    /// <summary>For an expert: their entry on the roster, and whether they signed the Code of Conduct in force.</summary>
    public int? ExpertId { get; init; }

    public bool SignedCurrentCode { get; init; }
}

/// <summary>A party across the table from the government: key to conflict-of-interest and sanctions screening.</summary>
public sealed class Counterparty
{
    private Counterparty()
    {
        Name = "";
        Owners = [];
    }

    public Counterparty(string name, string? countryCode, CounterpartyKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        CountryCode = Countries.Normalise(countryCode);
        Kind = kind;
        Owners = [];
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string? CountryCode { get; private set; }
    public CounterpartyKind Kind { get; private set; }

    /// <summary>The people and companies staff know to own or control it; screened along with it.</summary>
    public List<string> Owners { get; private set; }

    /// <summary>Every name screening looks at: the counterparty's, then its owners'.</summary>
    public IEnumerable<(string Name, string Label)> ScreenedNames() =>
        Owners.Select(o => (o, $"{o} (owner of {Name})")).Prepend((Name, Name));

    internal void SetOwners(IEnumerable<string> owners) =>
        Owners = [.. owners.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    public override string ToString() => CountryCode is null
        ? $"{Name} ({CaseWords.CounterpartyKind(Kind)})"
        : $"{Name} ({CaseWords.CounterpartyKind(Kind)}, {CountryCode})";
}

public enum CaseDocumentKind
{
    RequestLetter,
    AcknowledgementLetter,
    ApprovalLetter,
    DeclineLetter,

    /// <summary>What an expert delivered under an engagement.</summary>
    Deliverable,

    /// <summary>An expert's own report on the support, for the evaluation.</summary>
    ExpertReport,

    /// <summary>An iCalendar invitation the unit sent (.ics).</summary>
    CalendarInvitation,

    /// <summary>The terms of reference of a scoping mission.</summary>
    TermsOfReference,
    Other,
}

/// <summary>
/// A file on the case, as the lifecycle sees it: its kind, name and fingerprint. The documents feature stores the
/// (encrypted) content and adds documents from mail, uploads and generated letters.
/// </summary>
public sealed class CaseDocument
{
    private CaseDocument()
    {
        FileName = "";
        ContentType = "";
        Sha256 = "";
        AddedBy = "";
    }

    public CaseDocument(CaseDocumentKind kind, string fileName, string contentType, string sha256, long size, DateTime addedAt, string addedBy)
    {
        Kind = kind;
        FileName = fileName;
        ContentType = contentType;
        Sha256 = sha256;
        Size = size;
        AddedAt = addedAt;
        AddedBy = addedBy;
        Version = 1;
    }

    public int Id { get; private set; }
    public CaseDocumentKind Kind { get; private set; }
    public string FileName { get; private set; }

    /// <summary>The type read from the content itself, never from the name or the sender's word.</summary>
    public string ContentType { get; private set; }
    public string Sha256 { get; private set; }
    public long Size { get; private set; }
    public DateTime AddedAt { get; private set; }
    public string AddedBy { get; private set; }

    /// <summary>Documents are never overwritten: a file of the same kind and name added again is its next version.</summary>
    public int Version { get; private set; }

    /// <summary>Staff chose to let the case's engaged experts read it. Nothing is shared with experts unless marked.</summary>
    public bool SharedWithExperts { get; private set; }

    /// <summary>The government's focal point uploaded it in the portal.</summary>
    public bool FromGovernment { get; private set; }

    /// <summary>
    /// What the government's focal point sees in the portal: the request letter and what they uploaded, and the letters
    /// and terms of reference the unit sent them as PDF; never internal files or the editable DOCX of a letter.
    /// </summary>
    public bool VisibleToGovernment => FromGovernment || Kind switch
    {
        CaseDocumentKind.RequestLetter => true,
        CaseDocumentKind.AcknowledgementLetter or CaseDocumentKind.ApprovalLetter or CaseDocumentKind.DeclineLetter or CaseDocumentKind.TermsOfReference
            => ContentType == "application/pdf",
        CaseDocumentKind.Deliverable or CaseDocumentKind.ExpertReport or CaseDocumentKind.CalendarInvitation or CaseDocumentKind.Other => false,
    };

    internal void MarkFromGovernment() => FromGovernment = true;

    internal void ShareWithExperts(bool shared) => SharedWithExperts = shared;

    internal void NumberAfter(IEnumerable<CaseDocument> earlier) =>
        Version = 1 + earlier.Count(d => d.Kind == Kind && string.Equals(d.FileName, FileName, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Whether the requester qualifies, on which basis and which list versions, decided when and by whom. Decisions are
/// never changed: a new assessment or a manager's override is a new decision, and the latest one counts.
/// </summary>
public sealed class EligibilityDecision
{
    private EligibilityDecision()
    {
        CountryCode = "";
        Basis = "";
        ListVersion = "";
        Explanation = "";
        DecidedById = "";
        DecidedBy = "";
    }

    public EligibilityDecision(bool isEligible, string countryCode, DateOnly assessedOn, string basis, string listVersion, string explanation,
        bool requesterIsGovernment, bool negotiationOngoingOrUpcoming, DateTime decidedAt, CaseActor decidedBy, string? overrideJustification = null)
    {
        ArgumentNullException.ThrowIfNull(decidedBy);
        IsEligible = isEligible;
        CountryCode = countryCode;
        AssessedOn = assessedOn;
        Basis = basis;
        ListVersion = listVersion;
        Explanation = explanation;
        RequesterIsGovernment = requesterIsGovernment;
        NegotiationOngoingOrUpcoming = negotiationOngoingOrUpcoming;
        DecidedAt = decidedAt;
        DecidedById = decidedBy.UserId;
        DecidedBy = decidedBy.Name;
        OverrideJustification = overrideJustification;
    }

    public static EligibilityDecision From(Eligibility.EligibilityAssessment assessment, CaseActor decidedBy, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new(assessment.Eligible, assessment.Country.CountryCode, assessment.Country.On, string.Join(", ", assessment.Country.Basis),
            assessment.Country.ListVersion, assessment.Explanation, assessment.RequesterIsGovernment, assessment.NegotiationOngoingOrUpcoming, at, decidedBy);
    }

    public int Id { get; private set; }
    public bool IsEligible { get; private set; }
    public string CountryCode { get; private set; }
    public DateOnly AssessedOn { get; private set; }

    /// <summary>e.g. "DAC:LDC, UN:LDC" or "WESP:transition"; "override" for a manager's override.</summary>
    public string Basis { get; private set; }

    public string ListVersion { get; private set; }
    public string Explanation { get; private set; }
    public bool RequesterIsGovernment { get; private set; }
    public bool NegotiationOngoingOrUpcoming { get; private set; }
    public DateTime DecidedAt { get; private set; }
    public string DecidedById { get; private set; }
    public string DecidedBy { get; private set; }
    public string? OverrideJustification { get; private set; }
    public bool IsOverride => OverrideJustification is not null;

    public string Summary => (IsEligible ? "eligible" : "not eligible") + (Basis.Length > 0 ? $" ({Basis})" : "") + (IsOverride ? " by override" : "");
}

/// <summary>An internal note. Never visible outside the unit.</summary>
public sealed class CaseNote
{
    private CaseNote()
    {
        Text = "";
        AuthorId = "";
        AuthorName = "";
    }

    public CaseNote(string text, CaseActor author, DateTime at)
    {
        Text = text;
        AuthorId = author.UserId;
        AuthorName = author.Name;
        At = at;
    }

    public int Id { get; private set; }
    public string Text { get; private set; }
    public string AuthorId { get; private set; }
    public string AuthorName { get; private set; }
    public DateTime At { get; private set; }
}

public enum HistoryKind
{
    Opened,
    StageChanged,
    FieldChanged,
    OfficerAssigned,
    NoteAdded,
    DocumentAdded,
    LetterIssued,
    AgreementRecorded,
    EngagementChanged,
    ConflictRuled,
}

/// <summary>One line of the case's history: who did what, when, from what to what, and why.</summary>
public sealed class CaseHistoryEntry
{
    private CaseHistoryEntry()
    {
        ActorId = "";
        ActorName = "";
    }

    internal CaseHistoryEntry(HistoryKind kind, CaseActor actor, DateTime at)
    {
        Kind = kind;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        At = at;
    }

    public long Id { get; private set; }
    public HistoryKind Kind { get; private set; }
    public DateTime At { get; private set; }
    public string ActorId { get; private set; }
    public string ActorName { get; private set; }
    public CaseStage? FromStage { get; internal set; }
    public CaseStage? ToStage { get; internal set; }
    public string? Field { get; internal set; }
    public string? OldValue { get; internal set; }
    public string? NewValue { get; internal set; }
    public string? Reason { get; internal set; }
}
