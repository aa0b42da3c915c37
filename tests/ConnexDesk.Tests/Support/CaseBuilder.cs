using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Tests.Support;

/// <summary>
/// Builds cases for domain tests by walking the real lifecycle: every stage is reached through the table's steps,
/// with the data that satisfies each guard put on the case first.
/// </summary>
public sealed class CaseBuilder
{
    public const string CodeOfConduct = "2026-1";

    /// <summary>The roster id of the expert the builder engages; she has signed <see cref="CodeOfConduct"/>.</summary>
    public const int AnaExpert = 501;

    public static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    public static readonly CaseActor Officer = new("officer-1", "Olga Officer", Role.CaseOfficer);
    public static readonly CaseActor Manager = new("manager-1", "Mona Manager", Role.Manager);
    public static readonly CaseActor OtherManager = new("manager-2", "Max Manager", Role.Manager);

    private static readonly CaseStage[] Path =
    [
        CaseStage.Inquiry, CaseStage.AwaitingFormalRequest, CaseStage.FormalRequestReceived, CaseStage.DueDiligence, CaseStage.PendingApproval,
        CaseStage.Approved, CaseStage.Scoping, CaseStage.ExpertSelection, CaseStage.Delivery, CaseStage.Evaluation, CaseStage.Closed,
    ];

    private DateTime _clock = Start;
    private int _letters;

    /// <summary>Letters numbered before this builder's first, so that cases of several builders can share one database.</summary>
    public int LettersBefore { init => _letters = value; }

    public static Case NewInquiry(string? officerId = "officer-1", int? organisationId = 7, int number = 42)
    {
        var c = Case.Open(new CaseReference(2026, number), new CaseDetails("SN", "Gold mining convention"), organisationId, Officer, Start);
        if (officerId is not null)
            c.AssignOfficer(officerId, "Olga Officer", null, Officer, Start);
        return c;
    }

    /// <summary>A case at <paramref name="stage"/>, reached step by step (Declined and Withdrawn from Inquiry).</summary>
    public Case At(CaseStage stage, string? officerId = "officer-1", int? organisationId = 7, int number = 42)
    {
        var c = NewInquiry(officerId, organisationId, number);
        if (stage is CaseStage.Declined or CaseStage.Withdrawn)
        {
            var step = stage == CaseStage.Declined ? CaseStep.Decline : CaseStep.Withdraw;
            SatisfyGuardsOf(c, step);
            Take(c, step, stage == CaseStage.Declined ? Manager : Officer, "not within the mandate");
            return c;
        }
        // Scoping is optional: the builder goes through it only to stop there.
        var path = stage == CaseStage.Scoping ? Path : Path.Where(s => s != CaseStage.Scoping);
        foreach (var next in path.Skip(1).TakeWhile(_ => c.Stage != stage))
        {
            var transition = CaseLifecycle.From(c.Stage).First(t => t.To == next);
            SatisfyGuardsOf(c, transition.Step);
            Take(c, transition.Step, transition.Roles.Contains(Role.CaseOfficer) ? Officer : Manager, ReasonFor(transition.Step));
        }
        Assert.Equal(stage, c.Stage);
        return c;
    }

    /// <summary>Puts on the case whatever the guards of <paramref name="step"/> read.</summary>
    public void SatisfyGuardsOf(Case c, CaseStep step)
    {
        ArgumentNullException.ThrowIfNull(c);
        switch (step)
        {
            case CaseStep.RecordFormalRequest:
            case CaseStep.Approve:
                if (!c.Documents.Any(d => d.Kind == CaseDocumentKind.RequestLetter))
                    c.AddDocument(new CaseDocument(CaseDocumentKind.RequestLetter, "request.pdf", "application/pdf", new string('a', 64), 1000, Tick(), "officer-1"), Officer);
                if (step == CaseStep.Approve && c.Agreement is null)
                    Issue(c, LetterKind.Approval, DecidingManager(c));
                break;
            case CaseStep.StartDueDiligence:
                c.RecordEligibilityDecision(Decision(eligible: true), Officer);
                break;
            case CaseStep.SubmitForApproval:
                c.AddDueDiligenceItem(new DueDiligenceItem("Reputational risk", DueDiligenceStatus.Satisfied, RiskRating.Low, null));
                if (c.Recommendation is null)
                    Assert.Empty(c.WriteRecommendation("Approve: eligible, no risk left without mitigation.", Officer, Tick()));
                break;
            case CaseStep.StartDelivery:
                var engagement = Propose(c, AnaExpert, "Ana Expert");
                Assert.Empty(c.RecordGovernmentDecision(engagement, accepted: true, "Accepted by email.", Officer, Tick()));
                Assert.Empty(c.RecordConflictDeclaration(engagement, conflict: false, null, Officer, Tick()));
                break;
            case CaseStep.StartEvaluation:
                foreach (var current in c.Engagements.Where(e => e.IsCurrent).ToList())
                {
                    Assert.Empty(c.ContractExpert(current, new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 30), null, Officer, Tick()));
                    Assert.Empty(c.StartWork(current, Officer, Tick()));
                    Assert.Empty(c.CompleteEngagement(current, Officer, Tick()));
                }
                break;
            case CaseStep.Close:
                Assert.Empty(c.RecordGovernmentEvaluation([.. Enum.GetValues<EvaluationCriterion>().Select(k => new EvaluationAnswer(k, 3, null))], "The team now models royalties itself.", "Fatou Focal", Officer, Tick()));
                Assert.Empty(c.WriteLessonsLearned("Field the fiscal expert before the first round.", Officer, Tick()));
                break;
            case CaseStep.Decline:
                if (!c.Letters.Any(l => l.Kind == LetterKind.Decline))
                    Issue(c, LetterKind.Decline, DecidingManager(c), "not within the mandate");
                break;
            case CaseStep.StartExpertSelection:
                if (c.Stage == CaseStage.Scoping && c.LatestScope is not { IsConfirmed: true })
                {
                    Assert.Empty(c.ProposeScope([new ExpertiseNeed(Domain.Experts.Discipline.FiscalAndFinancialModelling, Sector.Mining, "fr", 20, null, null)], null, Officer, Tick()));
                    Assert.Empty(c.ConfirmScope(c.LatestScope, "Fatou Focal", Officer, Tick()));
                }
                break;
            case CaseStep.AskForFormalRequest:
            case CaseStep.StartScoping:
            case CaseStep.Withdraw:
                break;
        }
    }

    /// <summary>Issues a letter as the desk would, with made-up files, and checks that the case took it.</summary>
    public IssuedLetter Issue(Case c, LetterKind kind, CaseActor actor, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var at = Tick();
        var number = new LetterNumber(at.Year, ++_letters);
        var documentKind = IssuedLetter.DocumentKindOf(kind);
        var pdf = new string((char)('a' + _letters % 6), 64);
        var docx = new string((char)('0' + _letters % 10), 64);
        var letter = new IssuedLetter(kind, number, "en", "Your request", at, actor, "focal.point@mines.gouv.sn", pdf, docx, 0, reason);
        var refusals = c.IssueLetter(letter, new LetterFiles(
            new CaseDocument(documentKind, number.ForFileName + ".pdf", "application/pdf", pdf, 2000, at, actor.Name),
            new CaseDocument(documentKind, number.ForFileName + ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx, 3000, at, actor.Name),
            "Ministère des Mines", "Negotiation Support Unit"), actor);
        Assert.True(refusals.Count == 0, string.Join("; ", refusals));
        return letter;
    }

    /// <summary>A manager who is not the case's officer (four eyes).</summary>
    public static CaseActor DecidingManager(Case c) => c?.AssignedOfficerId == Manager.UserId ? OtherManager : Manager;

    public StepRequest Request(CaseActor actor, string? reason = null) => new(actor, Tick(), reason, new CodeOfConductStanding(CodeOfConduct, new HashSet<int> { AnaExpert }));

    /// <summary>Proposes an expert with nothing against them, and returns the engagement.</summary>
    public Engagement Propose(Case c, int expertId, string name)
    {
        ArgumentNullException.ThrowIfNull(c);
        var refusals = c.ProposeExpert(new ExpertProposal(expertId, name, "Legal adviser", 20, [], []), Officer, Tick());
        Assert.True(refusals.Count == 0, string.Join("; ", refusals));
        return c.Engagements.Last(e => e.ExpertId == expertId);
    }

    public EligibilityDecision Decision(bool eligible, DateTime? at = null) =>
        new(eligible, "SN", DateOnly.FromDateTime(Start), eligible ? "DAC:LDC" : "", "OECD DAC List of ODA Recipients, 2025 and 2026 flows",
            eligible ? "Senegal is on the DAC List." : "Not on the list.", true, true, at ?? Tick(), Officer);

    public StepOutcome Take(Case c, CaseStep step, CaseActor actor, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Take(step, Request(actor, reason));
    }

    public static string? ReasonFor(CaseStep step) => step is CaseStep.Decline or CaseStep.Withdraw ? "a reason" : null;

    private DateTime Tick() => _clock = _clock.AddHours(1);
}
