using System.Globalization;
using Stateless;
using Stateless.Graph;

namespace ConnexDesk.Domain.Cases;

/// <summary>What the person taking a step brings with it: who, when, why, and the facts from outside the case that a guard needs.</summary>
public sealed record StepRequest(CaseActor Actor, DateTime At, string? Reason = null, CodeOfConductStanding? CodeOfConduct = null);

/// <summary>The Code of Conduct version in force and which of the case's experts have signed it.</summary>
public sealed record CodeOfConductStanding(string CurrentVersion, IReadOnlySet<int> SignedBy);

/// <summary>A condition of a transition. <see cref="Description"/> names it in the diagram; <see cref="Check"/> says why it is unmet, or nothing.</summary>
public sealed record Guard(string Description, Func<Case, StepRequest, IEnumerable<Reason>> Check);

public sealed record Transition(CaseStep Step, IReadOnlyList<CaseStage> From, CaseStage To, IReadOnlyList<Role> Roles, IReadOnlyList<Guard> Guards);

/// <summary>
/// THE transition table of a case: every stage change the desk can make, who may make it and what it waits for.
/// The domain methods, the buttons on the case page and the diagram in docs/case-lifecycle.md all come from here.
/// </summary>
public static class CaseLifecycle
{
    private static readonly Role[] Staff = [Role.CaseOfficer, Role.Manager];
    private static readonly Role[] Managers = [Role.Manager];

    /// <summary>Stages from which a request can still be declined or withdrawn: everything before Approved.</summary>
    public static IReadOnlyList<CaseStage> BeforeApproval { get; } =
    [
        CaseStage.Inquiry, CaseStage.AwaitingFormalRequest, CaseStage.FormalRequestReceived, CaseStage.DueDiligence, CaseStage.PendingApproval,
    ];

    public static IReadOnlyList<CaseStage> Terminal { get; } = [CaseStage.Closed, CaseStage.Declined, CaseStage.Withdrawn];

    public static IReadOnlyList<Transition> Transitions { get; } =
    [
        new(CaseStep.AskForFormalRequest, [CaseStage.Inquiry], CaseStage.AwaitingFormalRequest, Staff, []),
        new(CaseStep.RecordFormalRequest, [CaseStage.AwaitingFormalRequest], CaseStage.FormalRequestReceived, Staff, [Guards.RequestLetterOnCase, Guards.OrganisationRecorded]),
        new(CaseStep.StartDueDiligence, [CaseStage.FormalRequestReceived], CaseStage.DueDiligence, Staff, [Guards.Eligible]),
        new(CaseStep.SubmitForApproval, [CaseStage.DueDiligence], CaseStage.PendingApproval, Staff, [Guards.DueDiligenceComplete, Guards.SanctionsHitsDecided, Guards.RecommendationWritten]),
        new(CaseStep.Approve, [CaseStage.PendingApproval], CaseStage.Approved, Managers, [Guards.FourEyes, Guards.AgreementRecorded]),
        new(CaseStep.StartScoping, [CaseStage.Approved], CaseStage.Scoping, Staff, []),
        new(CaseStep.StartExpertSelection, [CaseStage.Approved], CaseStage.ExpertSelection, Staff, []),
        new(CaseStep.StartExpertSelection, [CaseStage.Scoping], CaseStage.ExpertSelection, Staff, [Guards.ScopeConfirmed]),
        new(CaseStep.StartDelivery, [CaseStage.ExpertSelection], CaseStage.Delivery, Staff, [Guards.ExpertReadyToWork]),
        new(CaseStep.StartEvaluation, [CaseStage.Delivery], CaseStage.Evaluation, Staff, [Guards.EveryEngagementCompleted]),
        new(CaseStep.Close, [CaseStage.Evaluation], CaseStage.Closed, Staff, [Guards.EvaluationRecordedOrWaived]),
        new(CaseStep.Decline, BeforeApproval, CaseStage.Declined, Managers, [Guards.FourEyes, Guards.ReasonGiven, Guards.DeclineLetterIssued]),
        new(CaseStep.Withdraw, BeforeApproval, CaseStage.Withdrawn, Staff, [Guards.ReasonGiven]),
    ];

    public static IEnumerable<Transition> From(CaseStage stage) => Transitions.Where(t => t.From.Contains(stage));

    public static Transition? Find(CaseStage from, CaseStep step) => Transitions.FirstOrDefault(t => t.Step == step && t.From.Contains(from));

    /// <summary>Why <paramref name="step"/> cannot be taken now; empty when it can.</summary>
    public static IReadOnlyList<Reason> Refusals(Case @case, CaseStep step, StepRequest request)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(request);
        var transition = Find(@case.Stage, step);
        if (transition is null)
            return [new Reason("'{0}' is not a step from the stage '{1}'.", CaseWords.Step(step), CaseWords.Stage(@case.Stage))];
        if (!transition.Roles.Contains(request.Actor.Role))
            return [new Reason("Only {0} can do this.", string.Join(" or ", transition.Roles.Select(RoleInPlural)))];
        return [.. transition.Guards.SelectMany(guard => guard.Check(@case, request))];
    }

    /// <summary>A Stateless machine over the case's stage, configured from the table; guards are bound to this request.</summary>
    internal static StateMachine<CaseStage, CaseStep> Machine(Case @case, StepRequest request, Action<CaseStage> setStage)
    {
        var machine = new StateMachine<CaseStage, CaseStep>(() => @case.Stage, setStage);
        Configure(machine, guard => () => !guard.Check(@case, request).Any());
        return machine;
    }

    /// <summary>The lifecycle as a Mermaid state diagram, generated from the table (docs/case-lifecycle.md embeds it).</summary>
    public static string MermaidDiagram()
    {
        var machine = new StateMachine<CaseStage, CaseStep>(CaseStage.Inquiry);
        Configure(machine, _ => () => true);
        return MermaidGraph.Format(machine.GetInfo());
    }

    /// <summary>docs/case-lifecycle.md: the table in words and as a diagram. Regenerate with `ConnexDesk cases lifecycle`.</summary>
    public static string Document()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("# The case lifecycle");
        text.AppendLine();
        text.AppendLine("Generated from `src/ConnexDesk/Domain/Cases/CaseLifecycle.cs` by `dotnet run --project src/ConnexDesk --no-launch-profile -- cases lifecycle`;");
        text.AppendLine("a test fails when this file and the table disagree. Do not edit by hand.");
        text.AppendLine();
        text.AppendLine("| step | from | to | who | waits for |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var t in Transitions)
        {
            var guards = t.Guards.Count == 0 ? "nothing" : string.Join("; ", t.Guards.Select(g => g.Description));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {CaseWords.Step(t.Step)} | {string.Join(", ", t.From.Select(CaseWords.Stage))} | {CaseWords.Stage(t.To)} | {string.Join(", ", t.Roles.Select(RoleInPlural))} | {guards} |");
        }
        text.AppendLine();
        text.AppendLine("```mermaid");
        text.AppendLine(MermaidDiagram());
        text.AppendLine("```");
        return text.ToString();
    }

    private static void Configure(StateMachine<CaseStage, CaseStep> machine, Func<Guard, Func<bool>> bind)
    {
        foreach (var transition in Transitions)
        {
            var guards = transition.Guards
                .Select(guard => new Tuple<Func<bool>, string>(bind(guard), guard.Description))
                .Prepend(new Tuple<Func<bool>, string>(() => true, "by " + string.Join(" or ", transition.Roles.Select(RoleInPlural))))
                .ToArray();
            foreach (var from in transition.From)
                machine.Configure(from).PermitIf(transition.Step, transition.To, guards);
        }
    }

    private static string RoleInPlural(Role role) => role switch
    {
        Role.CaseOfficer => "case officers",
        Role.Manager => "managers",
        Role.FocalPoint => "focal points",
        Role.Expert => "experts",
        Role.Administrator => "administrators",
    };

    /// <summary>The conditions, each reading only data on the case (or brought by the request): absent data refuses.</summary>
    public static class Guards
    {
        public static Guard RequestLetterOnCase { get; } = new("request letter on the case", (c, _) =>
            c.Documents.Any(d => d.Kind == CaseDocumentKind.RequestLetter)
                ? []
                : [new Reason("no formal request letter is on the case yet.")]);

        public static Guard OrganisationRecorded { get; } = new("requesting organisation recorded", (c, _) =>
            c.OrganisationId is not null
                ? []
                : [new Reason("the requesting organisation is not recorded.")]);

        public static Guard Eligible { get; } = new("eligibility decision says eligible (a manager may override it in writing)", (c, _) =>
        {
            var decision = c.LatestEligibilityDecision;
            if (decision is { IsEligible: true })
                return [];
            return decision is null
                ? [new Reason("no eligibility decision has been recorded.")]
                : [new Reason("the eligibility decision of {0:yyyy-MM-dd} says the request is not eligible; a manager may override it with a written justification.", decision.DecidedAt)];
        });

        public static Guard DueDiligenceComplete { get; } = new("every due-diligence item closed, no unmitigated high risk", (c, _) =>
        {
            if (c.DueDiligenceItems.Count == 0)
                return [new Reason("the due-diligence checklist has not been drawn up.")];
            return c.DueDiligenceItems.Where(i => !i.IsClosed).Select(i => new Reason("due diligence item '{0}' is open.", i.Title))
                .Concat(c.DueDiligenceItems.Where(i => i.HasUnmitigatedHighRisk).Select(i => new Reason("due diligence item '{0}' has a high risk without mitigation.", i.Title)));
        });

        public static Guard SanctionsHitsDecided { get; } = new("every possible sanctions hit decided", (c, _) =>
            c.SanctionsHits.Where(h => h.Decision == Sanctions.HitDecision.Pending)
                .Select(h => new Reason("the possible sanctions hit '{0}' ~ '{1}' has not been reviewed.", h.CounterpartyName, h.ListedName)));

        public static Guard RecommendationWritten { get; } = new("the case officer's recommendation written", (c, _) =>
            string.IsNullOrWhiteSpace(c.Recommendation)
                ? [new Reason("the recommendation to the deciding manager has not been written.")]
                : []);

        public static Guard FourEyes { get; } = new("decided by a manager who is not the case officer", (c, request) =>
            request.Actor.UserId == c.AssignedOfficerId
                ? [new Reason("you are the case officer of this case; another manager must decide (four eyes).")]
                : []);

        public static Guard AgreementRecorded { get; } = new("approval letter issued, which records the agreement", (c, _) =>
            c.Agreement is not null
                ? []
                : [new Reason("the approval letter has not been issued; issuing it records the agreement.")]);

        public static Guard DeclineLetterIssued { get; } = new("decline letter issued", (c, _) =>
            c.Letters.Any(l => l.Kind == LetterKind.Decline)
                ? []
                : [new Reason("no decline letter has been issued; issue it with the reason first.")]);

        public static Guard ScopeConfirmed { get; } = new("the latest scope confirmed by the government", (c, _) =>
            c.LatestScope is not { } scope
                ? [new Reason("no scope is proposed yet: list the expertise needs and have the government confirm them.")]
                : scope.IsConfirmed
                    ? []
                    : [new Reason("the government has not confirmed version {0} of the scope.", scope.Number)]);

        public static Guard ExpertReadyToWork { get; } = new("an expert the government accepted, who signed the current Code of Conduct and has no conflict", (c, request) =>
        {
            var candidates = c.Engagements.Where(e => e.IsCurrent).ToList();
            if (candidates.Count == 0)
                return [new Reason("no expert is engaged on the case yet.")];
            if (request.CodeOfConduct is not { } code)
                return [new Reason("no Code of Conduct version is in force.")];
            var unready = candidates.Select(e => Unready(c, e, code).ToList()).ToList();
            return unready.Any(reasons => reasons.Count == 0) ? [] : unready.SelectMany(reasons => reasons);
        });

        public static Guard EveryEngagementCompleted { get; } = new("every engagement completed or cancelled", (c, _) =>
            !c.Engagements.Any(e => e.Status == EngagementStatus.Completed)
                ? [new Reason("no engagement on the case is completed.")]
                : c.Engagements.Where(e => e.IsCurrent).Select(e => new Reason("the engagement of {0} is not completed.", e.ExpertName)));

        public static Guard EvaluationRecordedOrWaived { get; } = new("evaluation recorded (or waived with a reason)", (c, request) =>
            c.EvaluationRecordedAt is not null || !string.IsNullOrWhiteSpace(request.Reason)
                ? []
                : [new Reason("no evaluation is recorded; record it, or give a reason to close without one.")]);

        public static Guard ReasonGiven { get; } = new("reason given", (_, request) =>
            string.IsNullOrWhiteSpace(request.Reason)
                ? [new Reason("a reason is required.")]
                : []);

        private static IEnumerable<Reason> Unready(Case c, Engagement e, CodeOfConductStanding code)
        {
            if (!code.SignedBy.Contains(e.ExpertId))
                yield return new Reason("{0} has not signed the current Code of Conduct ({1}).", e.ExpertName, code.CurrentVersion);
            if (e.Declaration is ConflictDeclaration.NotDeclared)
                yield return new Reason("{0} has not declared conflicts of interest for this case.", e.ExpertName);
            else if (!c.ConflictSettled(e))
                yield return new Reason("{0} declared a conflict that a manager has not cleared.", e.ExpertName);
            if (!e.IsAcceptedByGovernment)
                yield return new Reason("the government has not accepted {0}.", e.ExpertName);
        }
    }
}
