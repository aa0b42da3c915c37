using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

public sealed class LifecycleTests
{
    /// <summary>DESIGN.md section 4, written out independently of the table.</summary>
    private static readonly HashSet<(CaseStage From, CaseStage To)> Designed =
    [
        (CaseStage.Inquiry, CaseStage.AwaitingFormalRequest),
        (CaseStage.AwaitingFormalRequest, CaseStage.FormalRequestReceived),
        (CaseStage.FormalRequestReceived, CaseStage.DueDiligence),
        (CaseStage.DueDiligence, CaseStage.PendingApproval),
        (CaseStage.PendingApproval, CaseStage.Approved),
        (CaseStage.Approved, CaseStage.Scoping),
        (CaseStage.Scoping, CaseStage.ExpertSelection),
        (CaseStage.Approved, CaseStage.ExpertSelection),
        (CaseStage.ExpertSelection, CaseStage.Delivery),
        (CaseStage.Delivery, CaseStage.Evaluation),
        (CaseStage.Evaluation, CaseStage.Closed),
        .. CaseLifecycle.BeforeApproval.SelectMany(stage => new[] { (stage, CaseStage.Declined), (stage, CaseStage.Withdrawn) }),
    ];

    private readonly CaseBuilder _builder = new();

    public static TheoryData<CaseStage, CaseStage> EveryPairOfStages()
    {
        var data = new TheoryData<CaseStage, CaseStage>();
        foreach (var from in Enum.GetValues<CaseStage>())
            foreach (var to in Enum.GetValues<CaseStage>())
                data.Add(from, to);
        return data;
    }

    [Fact]
    public void The_table_holds_exactly_the_transitions_of_the_design()
    {
        var table = CaseLifecycle.Transitions.SelectMany(t => t.From.Select(from => (from, t.To))).ToHashSet();

        Assert.Equal(Designed.OrderBy(p => p.From).ThenBy(p => p.To), table.OrderBy(p => p.from).ThenBy(p => p.To));
    }

    [Theory]
    [MemberData(nameof(EveryPairOfStages))]
    public void Every_pair_of_stages_is_either_a_guarded_step_or_refused_with_a_reason(CaseStage from, CaseStage to)
    {
        var steps = CaseLifecycle.From(from).Where(t => t.To == to).ToList();
        if (steps.Count == 0)
        {
            // Not in the table: no step of the table leads there, and any step taken from here that is not in the table is refused.
            var @case = _builder.At(from);
            foreach (var step in Enum.GetValues<CaseStep>().Where(s => CaseLifecycle.Find(from, s) is null))
            {
                var outcome = _builder.Take(@case, step, CaseBuilder.OtherManager, "a reason");
                Assert.False(outcome.Done);
                Assert.Contains("is not a step from the stage", outcome.Refusals.Single().ToString(), StringComparison.Ordinal);
            }
            Assert.Equal(from, @case.Stage);
            return;
        }

        var transition = Assert.Single(steps);
        var actor = transition.Roles.Contains(Role.CaseOfficer) ? CaseBuilder.Officer : CaseBuilder.OtherManager;

        var unsatisfied = _builder.At(from);
        var refused = unsatisfied.Take(transition.Step, new StepRequest(actor, CaseBuilder.Start.AddDays(30)));
        if (transition.Guards.Count == 0)
        {
            Assert.True(refused.Done);
            Assert.Equal(to, unsatisfied.Stage);
        }
        else
        {
            Assert.False(refused.Done);
            Assert.All(refused.Refusals, r => Assert.False(string.IsNullOrWhiteSpace(r.ToString())));
            Assert.Equal(from, unsatisfied.Stage);
        }

        var satisfied = _builder.At(from);
        _builder.SatisfyGuardsOf(satisfied, transition.Step);
        var taken = _builder.Take(satisfied, transition.Step, actor, "a reason");
        Assert.True(taken.Done, string.Join("; ", taken.Refusals));
        Assert.Equal(to, satisfied.Stage);
    }

    [Fact]
    public void Approve_names_the_open_due_diligence_item()
    {
        var @case = _builder.At(CaseStage.DueDiligence);
        @case.WriteRecommendation("Approve.", CaseBuilder.Officer, CaseBuilder.Start.AddDays(9));
        @case.AddDueDiligenceItem(new DueDiligenceItem("Reputational risk", DueDiligenceStatus.Open, null, null));
        @case.AddDueDiligenceItem(new DueDiligenceItem("Environmental risk", DueDiligenceStatus.RiskIdentified, RiskRating.High, null));

        var outcome = _builder.Take(@case, CaseStep.SubmitForApproval, CaseBuilder.Officer);

        Assert.Equal(
            ["due diligence item 'Reputational risk' is open.", "due diligence item 'Environmental risk' has a high risk without mitigation."],
            outcome.Refusals.Select(r => r.ToString()));
    }

    [Fact]
    public void An_empty_due_diligence_checklist_does_not_count_as_complete()
    {
        var @case = _builder.At(CaseStage.DueDiligence);
        @case.WriteRecommendation("Approve.", CaseBuilder.Officer, CaseBuilder.Start.AddDays(9));

        var outcome = _builder.Take(@case, CaseStep.SubmitForApproval, CaseBuilder.Officer);

        Assert.Equal("the due-diligence checklist has not been drawn up.", outcome.Refusals.Single().ToString());
    }

    [Fact]
    public void Approve_by_the_manager_who_is_the_case_officer_is_refused()
    {
        var @case = _builder.At(CaseStage.PendingApproval);
        @case.AssignOfficer(CaseBuilder.Manager.UserId, CaseBuilder.Manager.Name, "Olga Officer", CaseBuilder.Manager, CaseBuilder.Start.AddDays(9));
        _builder.SatisfyGuardsOf(@case, CaseStep.Approve);

        var byOwnOfficer = _builder.Take(@case, CaseStep.Approve, CaseBuilder.Manager);
        var byAnother = _builder.Take(@case, CaseStep.Approve, CaseBuilder.OtherManager);

        Assert.Contains("another manager must decide (four eyes)", byOwnOfficer.Refusals.Single().ToString(), StringComparison.Ordinal);
        Assert.True(byAnother.Done);
        Assert.Equal(CaseStage.Approved, @case.Stage);
    }

    [Fact]
    public void Decline_by_the_manager_who_is_the_case_officer_is_refused()
    {
        var @case = CaseBuilder.NewInquiry(officerId: CaseBuilder.Manager.UserId);

        var outcome = _builder.Take(@case, CaseStep.Decline, CaseBuilder.Manager, "outside the mandate");

        Assert.False(outcome.Done);
        Assert.Equal(CaseStage.Inquiry, @case.Stage);
    }

    [Fact]
    public void A_case_officer_cannot_approve_or_decline()
    {
        var @case = _builder.At(CaseStage.PendingApproval);
        _builder.SatisfyGuardsOf(@case, CaseStep.Approve);

        var approve = _builder.Take(@case, CaseStep.Approve, CaseBuilder.Officer);
        var decline = _builder.Take(@case, CaseStep.Decline, CaseBuilder.Officer, "no");

        Assert.Equal("Only managers can do this.", approve.Refusals.Single().ToString());
        Assert.Equal("Only managers can do this.", decline.Refusals.Single().ToString());
    }

    [Fact]
    public void Decline_and_withdraw_need_a_reason()
    {
        var @case = CaseBuilder.NewInquiry();

        var decline = _builder.Take(@case, CaseStep.Decline, CaseBuilder.OtherManager, "  ");
        var withdraw = _builder.Take(@case, CaseStep.Withdraw, CaseBuilder.Officer);

        Assert.Equal("a reason is required.", decline.Refusals[0].ToString());
        Assert.Equal("a reason is required.", withdraw.Refusals.Single().ToString());
    }

    [Fact]
    public void Only_a_manager_with_a_written_justification_may_override_a_not_eligible_decision()
    {
        var @case = _builder.At(CaseStage.FormalRequestReceived);
        @case.RecordEligibilityDecision(_builder.Decision(eligible: false), CaseBuilder.Officer);

        var byOfficer = @case.OverrideEligibility(CaseBuilder.Officer, "urgent", CaseBuilder.Start.AddDays(20));
        var silent = @case.OverrideEligibility(CaseBuilder.Manager, " ", CaseBuilder.Start.AddDays(20));
        var refusedStep = _builder.Take(@case, CaseStep.StartDueDiligence, CaseBuilder.Officer);
        var byManager = @case.OverrideEligibility(CaseBuilder.Manager, "Sub-national body of an eligible country; mandate confirmed by the ministry.", CaseBuilder.Start.AddDays(21));
        var step = _builder.Take(@case, CaseStep.StartDueDiligence, CaseBuilder.Officer);

        Assert.Equal("only a manager may override the eligibility decision.", byOfficer.Single().ToString());
        Assert.Equal("an override of the eligibility decision needs a written justification.", silent.Single().ToString());
        Assert.Contains("says the request is not eligible; a manager may override it", refusedStep.Refusals.Single().ToString(), StringComparison.Ordinal);
        Assert.Empty(byManager);
        Assert.True(step.Done);
        var decision = @case.LatestEligibilityDecision!;
        Assert.True(decision.IsEligible && decision.IsOverride);
        Assert.Equal(("Mona Manager", "Sub-national body of an eligible country; mandate confirmed by the ministry."), (decision.DecidedBy, decision.OverrideJustification));
        var history = @case.History.Single(h => h.Field == "Eligibility" && h.Reason is not null);
        Assert.Equal(("not eligible", "eligible (override) by override"), (history.OldValue, history.NewValue));
    }

    [Fact]
    public void An_override_needs_a_decision_to_answer_and_is_pointless_when_already_eligible()
    {
        var undecided = _builder.At(CaseStage.FormalRequestReceived);
        var eligible = _builder.At(CaseStage.FormalRequestReceived);
        eligible.RecordEligibilityDecision(_builder.Decision(eligible: true), CaseBuilder.Officer);

        Assert.Equal("record the eligibility decision first; an override answers a decision.", undecided.OverrideEligibility(CaseBuilder.Manager, "why", CaseBuilder.Start).Single().ToString());
        Assert.Equal("the latest eligibility decision already says eligible.", eligible.OverrideEligibility(CaseBuilder.Manager, "why", CaseBuilder.Start).Single().ToString());
    }

    [Fact]
    public void A_not_eligible_decision_is_named_with_its_date()
    {
        var @case = _builder.At(CaseStage.FormalRequestReceived);
        @case.RecordEligibilityDecision(_builder.Decision(eligible: false, at: new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)), CaseBuilder.Officer);

        var outcome = _builder.Take(@case, CaseStep.StartDueDiligence, CaseBuilder.Officer);

        Assert.Equal("the eligibility decision of 2026-04-01 says the request is not eligible; a manager may override it with a written justification.", outcome.Refusals.Single().ToString());
    }

    [Fact]
    public void Delivery_waits_for_an_expert_who_signed_the_current_code_has_no_conflict_and_is_accepted()
    {
        var @case = _builder.At(CaseStage.ExpertSelection);
        var engagement = _builder.Propose(@case, 777, "Bruno Expert");
        Assert.Empty(@case.RecordConflictDeclaration(engagement, conflict: true, "Advised Golden Hills SA in 2024.", CaseBuilder.Officer, CaseBuilder.Start.AddDays(30)));

        var outcome = _builder.Take(@case, CaseStep.StartDelivery, CaseBuilder.Officer);

        Assert.Equal(
            [
                "Bruno Expert has not signed the current Code of Conduct (2026-1).",
                "Bruno Expert declared a conflict that a manager has not cleared.",
                "the government has not accepted Bruno Expert.",
            ],
            outcome.Refusals.Select(r => r.ToString()));
    }

    [Fact]
    public void Delivery_is_refused_when_no_code_of_conduct_is_in_force()
    {
        var @case = _builder.At(CaseStage.ExpertSelection);
        _builder.SatisfyGuardsOf(@case, CaseStep.StartDelivery);

        var outcome = @case.Take(CaseStep.StartDelivery, new StepRequest(CaseBuilder.Officer, CaseBuilder.Start.AddDays(40)));

        Assert.Equal("no Code of Conduct version is in force.", outcome.Refusals.Single().ToString());
    }

    [Fact]
    public void Closing_needs_an_evaluation_or_a_reason_to_waive_it()
    {
        var withoutEither = _builder.At(CaseStage.Evaluation);
        var waived = _builder.At(CaseStage.Evaluation);

        var refused = _builder.Take(withoutEither, CaseStep.Close, CaseBuilder.Officer);
        var closed = _builder.Take(waived, CaseStep.Close, CaseBuilder.Officer, "The government ended the negotiation; no evaluation possible.");

        Assert.Equal("no evaluation is recorded; record it, or give a reason to close without one.", refused.Refusals.Single().ToString());
        Assert.True(closed.Done);
    }

    [Fact]
    public void Every_transition_writes_who_when_from_to_and_why()
    {
        var @case = CaseBuilder.NewInquiry();
        var at = new DateTime(2026, 5, 5, 10, 0, 0, DateTimeKind.Utc);
        _builder.SatisfyGuardsOf(@case, CaseStep.Decline);

        @case.Take(CaseStep.Decline, new StepRequest(CaseBuilder.OtherManager, at, "Outside the unit's mandate."));

        var entry = @case.History[^1];
        Assert.Equal(HistoryKind.StageChanged, entry.Kind);
        Assert.Equal((CaseStage.Inquiry, CaseStage.Declined), (entry.FromStage!.Value, entry.ToStage!.Value));
        Assert.Equal(("manager-2", "Max Manager", at), (entry.ActorId, entry.ActorName, entry.At));
        Assert.Equal("Outside the unit's mandate.", entry.Reason);
        Assert.Equal(at, @case.StageEnteredAt);
    }

    [Fact]
    public void Changing_fields_writes_old_and_new_values_for_each_changed_field_only()
    {
        var @case = CaseBuilder.NewInquiry();
        var versionBefore = @case.Version;

        var changed = @case.ChangeDetails(
            new CaseDetails("SN", "Gold mining convention (renegotiation)", Sector: Sector.Mining, DeadlineOn: new DateOnly(2026, 9, 30)),
            CaseBuilder.Officer, CaseBuilder.Start.AddDays(1), "Letter received");

        Assert.Equal(["Title", "Sector", "Deadline"], changed);
        var title = @case.History.Single(h => h.Field == "Title");
        Assert.Equal(("Gold mining convention", "Gold mining convention (renegotiation)", "Letter received"), (title.OldValue, title.NewValue, title.Reason));
        Assert.True(@case.Version > versionBefore);
        Assert.Empty(@case.ChangeDetails(new CaseDetails("SN", "Gold mining convention (renegotiation)", Sector: Sector.Mining, DeadlineOn: new DateOnly(2026, 9, 30)), CaseBuilder.Officer, CaseBuilder.Start, null));
    }

    [Fact]
    public void Time_in_each_stage_comes_from_the_history()
    {
        var @case = CaseBuilder.NewInquiry();
        @case.Take(CaseStep.AskForFormalRequest, new StepRequest(CaseBuilder.Officer, CaseBuilder.Start.AddHours(30)));

        var spells = @case.StageSpells();
        var now = CaseBuilder.Start.AddDays(3);

        Assert.Equal([CaseStage.Inquiry, CaseStage.AwaitingFormalRequest], spells.Select(s => s.Stage));
        Assert.Equal(TimeSpan.FromHours(30), spells[0].Duration(now));
        Assert.Equal(TimeSpan.FromHours(42), spells[1].Duration(now));
    }

    [Fact]
    public void The_case_page_offers_exactly_the_steps_of_the_table_from_the_current_stage()
    {
        var @case = CaseBuilder.NewInquiry();

        var options = @case.NextSteps(step => new StepRequest(CaseBuilder.Officer, CaseBuilder.Start, step is CaseStep.Withdraw or CaseStep.Decline ? "x" : null));

        Assert.Equal([CaseStep.AskForFormalRequest, CaseStep.Decline, CaseStep.Withdraw], options.Select(o => o.Step));
        Assert.True(options.Single(o => o.Step == CaseStep.AskForFormalRequest).Possible);
        Assert.Equal("Only managers can do this.", options.Single(o => o.Step == CaseStep.Decline).WaitingFor.Single().ToString());
    }

    [Fact]
    public void The_lifecycle_document_in_docs_is_generated_from_the_table()
    {
        var committed = File.ReadAllText(Path.Combine(DeskProcess.RepositoryRoot, "docs", "case-lifecycle.md"));

        Assert.True(committed == CaseLifecycle.Document(),
            "docs/case-lifecycle.md is out of date: run `dotnet run --project src/ConnexDesk --no-launch-profile -- cases lifecycle > docs/case-lifecycle.md`.");
    }

    [Theory]
    [InlineData("CNX-2026-0042", true)]
    [InlineData("cnx-2026-0042", true)]
    [InlineData("CNX-26-0042", false)]
    [InlineData("CNX-2026-42", false)]
    [InlineData("", false)]
    public void References_parse_only_in_their_published_form(string text, bool valid)
    {
        Assert.Equal(valid, CaseReference.TryParse(text, out var reference));
        if (valid)
            Assert.Equal("CNX-2026-0042", reference.ToString());
    }

    [Fact]
    public void A_reference_is_found_in_a_mail_subject()
    {
        Assert.True(CaseReference.TryFind("TR: Re: [CNX-2026-0042] Dates de la mission", out var reference));
        Assert.Equal(new CaseReference(2026, 42), reference);
    }
}
