using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

/// <summary>Proposing experts to the government, its answer, the expert's declaration and the manager's ruling.</summary>
public sealed class EngagementTests
{
    private static readonly CaseActor FocalPoint = new("focal-1", "Fatou Focal", Role.FocalPoint);
    private static readonly CaseActor ExpertUser = new("expert-1", "Bruno Expert", Role.Expert);
    private readonly CaseBuilder _builder = new();

    private static ExpertProposal Proposal(int id = 777, string name = "Bruno Expert", params Reason[] ineligible) => new(id, name, "Fiscal adviser", 20, [], ineligible);

    [Fact]
    public void Experts_are_proposed_only_once_the_request_is_approved_only_once_each_and_only_when_eligible()
    {
        var early = _builder.At(CaseStage.DueDiligence);
        var c = _builder.At(CaseStage.ExpertSelection);
        var at = CaseBuilder.Start.AddDays(50);

        Assert.Equal("Experts are proposed once the request is approved; the case is at the stage 'Due diligence'.", early.ProposeExpert(Proposal(), CaseBuilder.Officer, at).Single().ToString());
        Assert.Equal("Bruno Expert cannot be proposed: has not signed the current Code of Conduct (2026-1)",
            c.ProposeExpert(Proposal(ineligible: new Reason("has not signed the current Code of Conduct ({0})", "2026-1")), CaseBuilder.Officer, at).Single().ToString());
        Assert.Empty(c.ProposeExpert(Proposal(), CaseBuilder.Officer, at));
        Assert.Equal("Bruno Expert is already proposed or engaged on this case.", c.ProposeExpert(Proposal(), CaseBuilder.Officer, at).Single().ToString());
        Assert.Equal("Only the unit's staff change an open case.", c.ProposeExpert(Proposal(778, "Other"), FocalPoint, at).Single().ToString());
        Assert.Equal((EngagementStatus.Proposed, "Olga Officer", 20), (c.Engagements[0].Status, c.Engagements[0].ProposedBy, c.Engagements[0].DaysBudgeted));
        Assert.Equal("proposed to the government", c.History.Last(h => h.Kind == HistoryKind.EngagementChanged).NewValue);
    }

    [Fact]
    public void The_government_answers_once_for_each_proposed_expert()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        var accepted = _builder.Propose(c, 777, "Bruno Expert");
        var declined = _builder.Propose(c, 778, "Carla Expert");
        var at = CaseBuilder.Start.AddDays(51);

        Assert.Empty(c.RecordGovernmentDecision(accepted, accepted: true, null, FocalPoint, at));
        Assert.Empty(c.RecordGovernmentDecision(declined, accepted: false, "Prefers a lawyer from the region (email of 3 Dec).", CaseBuilder.Officer, at));
        var again = c.RecordGovernmentDecision(accepted, accepted: false, null, CaseBuilder.Officer, at);
        var byExpert = c.RecordGovernmentDecision(accepted, accepted: true, null, ExpertUser, at);

        Assert.Equal((EngagementStatus.AcceptedByGovernment, "Fatou Focal"), (accepted.Status, accepted.GovernmentDecisionRecordedBy));
        Assert.Equal((EngagementStatus.DeclinedByGovernment, false), (declined.Status, declined.IsCurrent));
        Assert.Equal("The government has already answered for Bruno Expert.", again.Single().ToString());
        Assert.StartsWith("Only the government's focal point", byExpert.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_conflict_waits_for_a_manager_who_clears_it_with_a_reason_and_then_delivery_can_start()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        var engagement = _builder.Propose(c, CaseBuilder.AnaExpert, "Ana Expert");
        var at = CaseBuilder.Start.AddDays(52);
        Assert.Empty(c.RecordGovernmentDecision(engagement, accepted: true, null, CaseBuilder.Officer, at));

        var undescribed = c.RecordConflictDeclaration(engagement, conflict: true, " ", ExpertUser, at);
        Assert.Empty(c.RecordConflictDeclaration(engagement, conflict: true, "My brother works for the counterparty's lawyers.", ExpertUser, at));
        var waiting = _builder.Take(c, CaseStep.StartDelivery, CaseBuilder.Officer);
        var byOfficer = c.RuleOnConflict(engagement.ExpertId, "Ana Expert", engagement, "declared", ConflictRulingOutcome.Cleared, "fine", CaseBuilder.Officer, at);
        var withoutReason = c.RuleOnConflict(engagement.ExpertId, "Ana Expert", engagement, "declared", ConflictRulingOutcome.Cleared, "", CaseBuilder.Manager, at);
        Assert.Empty(c.RuleOnConflict(engagement.ExpertId, "Ana Expert", engagement, engagement.DeclarationText!, ConflictRulingOutcome.Cleared,
            "Not on this file; the expert will not discuss it with him.", CaseBuilder.Manager, at));
        var started = _builder.Take(c, CaseStep.StartDelivery, CaseBuilder.Officer);

        Assert.Equal("Describe the conflict: with whom, what role, and when.", undescribed.Single().ToString());
        Assert.Equal("Ana Expert declared a conflict that a manager has not cleared.", waiting.Refusals.Single().ToString());
        Assert.Equal("Only managers can do this.", byOfficer.Single().ToString());
        Assert.Equal("Give the reason for the ruling; it is kept with the case.", withoutReason.Single().ToString());
        Assert.True(started.Done);
        Assert.Equal("Mona Manager", c.DeclarationRulingFor(engagement)!.RuledBy);
    }

    [Fact]
    public void Rejecting_a_declared_conflict_cancels_the_engagement()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        var engagement = _builder.Propose(c, 777, "Bruno Expert");
        var at = CaseBuilder.Start.AddDays(53);
        Assert.Empty(c.RecordConflictDeclaration(engagement, conflict: true, "Was a director of the counterparty until 2025.", CaseBuilder.Officer, at));

        Assert.Empty(c.RuleOnConflict(777, "Bruno Expert", engagement, engagement.DeclarationText!, ConflictRulingOutcome.Rejected, "Too recent and too close.", CaseBuilder.Manager, at));

        Assert.Equal(EngagementStatus.Cancelled, engagement.Status);
        Assert.Equal("conflict of interest rejected: Too recent and too close.", engagement.CancellationReason);
        Assert.Equal(ConflictRulingOutcome.Rejected, c.LatestRulingFor(777)!.Outcome);
    }

    [Fact]
    public void Delivery_waits_for_a_signature_of_the_code_in_force_after_a_new_version()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        _builder.SatisfyGuardsOf(c, CaseStep.StartDelivery);
        var signedOldVersionOnly = new CodeOfConductStanding("2027-1", new HashSet<int>());
        var signedNewVersion = new CodeOfConductStanding("2027-1", new HashSet<int> { CaseBuilder.AnaExpert });

        var refused = c.Take(CaseStep.StartDelivery, new StepRequest(CaseBuilder.Officer, CaseBuilder.Start.AddDays(60), null, signedOldVersionOnly));
        var started = c.Take(CaseStep.StartDelivery, new StepRequest(CaseBuilder.Officer, CaseBuilder.Start.AddDays(61), null, signedNewVersion));

        Assert.Equal("Ana Expert has not signed the current Code of Conduct (2027-1).", refused.Refusals.Single().ToString());
        Assert.True(started.Done);
    }
}
