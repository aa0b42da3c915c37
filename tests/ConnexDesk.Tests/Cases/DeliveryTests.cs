using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

/// <summary>Experts at work: the contract's period, days against the budget, deliverables, and the end of an engagement.</summary>
public sealed class DeliveryTests
{
    private static readonly CaseActor ExpertUser = new("expert-1", "Ana Expert", Role.Expert);
    private static readonly DateTime Today = new(2026, 4, 20, 12, 0, 0, DateTimeKind.Utc);
    private readonly CaseBuilder _builder = new();

    /// <summary>A case in delivery with Ana contracted from 1 to 30 April for 3 days, and at work.</summary>
    private (Case Case, Engagement Ana) AtWork(int budget = 3)
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        var ana = c.Engagements.SingleOrDefault() ?? Propose(c, budget);
        Assert.Empty(c.RecordGovernmentDecision(ana, accepted: true, null, CaseBuilder.Officer, Today));
        Assert.Empty(c.RecordConflictDeclaration(ana, conflict: false, null, ExpertUser, Today));
        Assert.Empty(c.ContractExpert(ana, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "CT-2026-17", CaseBuilder.Officer, Today));
        Assert.True(_builder.Take(c, CaseStep.StartDelivery, CaseBuilder.Officer).Done);
        Assert.Empty(c.StartWork(ana, CaseBuilder.Officer, Today));
        return (c, ana);
    }

    private static Engagement Propose(Case c, int budget)
    {
        Assert.Empty(c.ProposeExpert(new ExpertProposal(CaseBuilder.AnaExpert, "Ana Expert", "Fiscal adviser", budget, [], []), CaseBuilder.Officer, Today));
        return c.Engagements.Single();
    }

    [Fact]
    public void An_expert_is_contracted_after_the_government_accepted_and_the_conflicts_are_settled_and_starts_work_in_delivery()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        var ana = Propose(c, 10);

        var beforeAnswer = c.ContractExpert(ana, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), null, CaseBuilder.Officer, Today);
        Assert.Empty(c.RecordGovernmentDecision(ana, accepted: true, null, CaseBuilder.Officer, Today));
        var beforeDeclaration = c.ContractExpert(ana, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), null, CaseBuilder.Officer, Today);
        Assert.Empty(c.RecordConflictDeclaration(ana, conflict: false, null, ExpertUser, Today));
        var backwards = c.ContractExpert(ana, new DateOnly(2026, 4, 30), new DateOnly(2026, 4, 1), null, CaseBuilder.Officer, Today);
        Assert.Empty(c.ContractExpert(ana, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "CT-2026-17", CaseBuilder.Officer, Today));
        var tooEarly = c.StartWork(ana, CaseBuilder.Officer, Today);

        Assert.Equal("Ana Expert is contracted once the government has accepted them.", beforeAnswer.Single().ToString());
        Assert.Equal("Ana Expert's conflict-of-interest declaration is missing or not cleared.", beforeDeclaration.Single().ToString());
        Assert.StartsWith("Give the period of the contract", backwards.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("Experts start work once the case is in delivery; it is at the stage 'Expert selection'.", tooEarly.Single().ToString());
        Assert.Equal((EngagementStatus.Contracted, "CT-2026-17"), (ana.Status, ana.ContractReference));
    }

    [Fact]
    public void Days_beyond_the_budget_wait_for_a_manager_and_count_only_once_approved()
    {
        var (c, ana) = AtWork(budget: 2);

        Assert.Empty(c.RecordDaysWorked(ana, new DateOnly(2026, 4, 6), 1, "Reviewed the fiscal model.", ExpertUser, Today));
        Assert.Empty(c.RecordDaysWorked(ana, new DateOnly(2026, 4, 7), 1, null, ExpertUser, Today));
        Assert.Empty(c.RecordDaysWorked(ana, new DateOnly(2026, 4, 8), 0.5m, "Call with the ministry.", ExpertUser, Today));
        Assert.Empty(c.RecordDaysWorked(ana, new DateOnly(2026, 4, 9), 0.5m, null, ExpertUser, Today));
        var over = ana.Work.Where(w => w.AwaitsApproval).ToList();
        var byOfficer = c.DecideOverBudget(ana, over[0], approve: true, null, CaseBuilder.Officer, Today);
        Assert.Empty(c.DecideOverBudget(ana, over[0], approve: true, null, CaseBuilder.Manager, Today));
        var refusedWithoutReason = c.DecideOverBudget(ana, over[1], approve: false, "", CaseBuilder.Manager, Today);
        Assert.Empty(c.DecideOverBudget(ana, over[1], approve: false, "Not agreed with the ministry.", CaseBuilder.Manager, Today));

        Assert.Equal(2, over.Count);
        Assert.Equal("Only managers can do this.", byOfficer.Single().ToString());
        Assert.Equal("Give the reason for refusing the days; the expert reads it.", refusedWithoutReason.Single().ToString());
        Assert.Equal(2.5m, ana.DaysUsed);
    }

    [Theory]
    [InlineData("2026-04-06", 0.3, "Give the days worked on that day: a half or a whole day.")]
    [InlineData("2026-04-06", 1.5, "Give the days worked on that day: a half or a whole day.")]
    [InlineData("2026-03-31", 1, "Give a day within the contract (2026-04-01 to 2026-04-30) and not in the future.")]
    [InlineData("2026-04-25", 1, "Give a day within the contract (2026-04-01 to 2026-04-30) and not in the future.")]
    public void Days_are_halves_or_whole_days_within_the_contract_and_not_in_the_future(string day, double days, string refusal)
    {
        var (c, ana) = AtWork();

        var refused = c.RecordDaysWorked(ana, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), (decimal)days, null, ExpertUser, Today);

        Assert.Equal(refusal, refused.Single().ToString());
    }

    [Fact]
    public void A_day_holds_at_most_one_day_of_work()
    {
        var (c, ana) = AtWork();
        Assert.Empty(c.RecordDaysWorked(ana, new DateOnly(2026, 4, 6), 0.5m, null, ExpertUser, Today));

        var refused = c.RecordDaysWorked(ana, new DateOnly(2026, 4, 6), 1, null, ExpertUser, Today);

        Assert.Equal("More than one day recorded for 2026-04-06.", refused.Single().ToString());
    }

    [Fact]
    public void An_engagement_completes_when_its_deliverables_are_accepted_and_then_the_case_moves_to_evaluation()
    {
        var (c, ana) = AtWork();
        Assert.Empty(c.AddDeliverable(ana, "Review of the fiscal regime", new DateOnly(2026, 4, 24), CaseBuilder.Officer, Today));
        var deliverable = ana.Deliverables.Single();
        var report = new CaseDocument(CaseDocumentKind.Deliverable, "revue-fiscale.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new string('d', 64), 5000, Today, "Ana Expert");

        var early = c.CompleteEngagement(ana, CaseBuilder.Officer, Today);
        var acceptBeforeSubmission = c.AcceptDeliverable(ana, deliverable, CaseBuilder.Officer, Today);
        Assert.Empty(c.SubmitDeliverable(ana, deliverable, report, ExpertUser));
        var acceptedByExpert = c.AcceptDeliverable(ana, deliverable, ExpertUser, Today);
        Assert.Empty(c.AcceptDeliverable(ana, deliverable, CaseBuilder.Officer, Today));
        Assert.Empty(c.CompleteEngagement(ana, CaseBuilder.Officer, Today));
        var evaluation = _builder.Take(c, CaseStep.StartEvaluation, CaseBuilder.Officer);

        Assert.Equal("the deliverable 'Review of the fiscal regime' is not accepted.", early.Single().ToString());
        Assert.Equal("'Review of the fiscal regime' has not been submitted yet.", acceptBeforeSubmission.Single().ToString());
        Assert.Equal("Only the unit's staff change an open case.", acceptedByExpert.Single().ToString());
        Assert.Contains(report, c.Documents);
        Assert.Equal((EngagementStatus.Completed, "Olga Officer"), (ana.Status, deliverable.AcceptedBy));
        Assert.True(evaluation.Done);
    }
}
