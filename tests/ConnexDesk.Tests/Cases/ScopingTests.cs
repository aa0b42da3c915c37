using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Domain.Matching;
using ConnexDesk.Domain.Timeliness;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

/// <summary>The negotiation calendar, the scoping mission and the agreed scope the government confirms.</summary>
public sealed class ScopingTests
{
    private static readonly DateTime Today = new(2026, 4, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly CaseActor FocalPoint = new("focal-1", "Fatou Focal", Role.FocalPoint);
    private static readonly CaseActor Expert = new("expert-1", "Ana Expert", Role.Expert);
    private readonly CaseBuilder _builder = new();

    private static ExpertiseNeed Need(Discipline discipline, string language = "fr", int days = 15, DateOnly? from = null, DateOnly? to = null) =>
        new(discipline, Sector.Mining, language, days, from, to);

    [Fact]
    public void The_next_round_is_the_earliest_planned_one_and_moves_on_when_a_round_is_held_or_cancelled()
    {
        var c = _builder.At(CaseStage.Approved);

        Assert.Empty(c.PlanRound(new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 12), "Conakry", "Fiscal regime", CaseBuilder.Officer, Today));
        Assert.Empty(c.PlanRound(new DateOnly(2026, 5, 4), null, "Paris", null, CaseBuilder.Officer, Today));
        Assert.Empty(c.PlanRound(new DateOnly(2026, 7, 1), null, null, null, CaseBuilder.Officer, Today));
        var first = c.NextRound!;
        Assert.Equal((new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 4)), (c.NextRoundOn!.Value, first.EndsOn));

        var tooEarly = c.RecordRoundHeld(first, "Agreed the agenda.", CaseBuilder.Officer, Today);
        Assert.Empty(c.RecordRoundHeld(first, "Agreed the agenda.", CaseBuilder.Officer, new DateTime(2026, 5, 5, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateOnly(2026, 6, 10), c.NextRoundOn);
        var noReason = c.CancelRound(c.NextRound, " ", CaseBuilder.Officer, Today);
        Assert.Empty(c.CancelRound(c.NextRound, "The investor asked for a postponement.", CaseBuilder.Officer, Today));

        Assert.Equal("The round of 2026-05-04 has not started yet.", tooEarly.Single().ToString());
        Assert.Equal("Say why the round will not take place.", noReason.Single().ToString());
        Assert.Equal(new DateOnly(2026, 7, 1), c.NextRoundOn);
        Assert.Equal([RoundStatus.Held, RoundStatus.Cancelled, RoundStatus.Planned], c.Rounds.OrderBy(r => r.StartsOn).Select(r => r.Status));
        Assert.Contains(c.History, h => h.Field == "Negotiation rounds" && h.NewValue == "held: 2026-05-04, Paris" && h.Reason == "Agreed the agenda.");
    }

    [Fact]
    public void A_round_needs_its_dates_in_order_and_only_staff_plan_one_and_no_two_planned_rounds_share_a_day()
    {
        var c = _builder.At(CaseStage.Approved);
        Assert.Empty(c.PlanRound(new DateOnly(2026, 6, 10), null, null, null, CaseBuilder.Officer, Today));

        var backwards = c.PlanRound(new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 9), null, null, CaseBuilder.Officer, Today);
        var noDate = c.PlanRound(null, null, "Conakry", null, CaseBuilder.Officer, Today);
        var same = c.PlanRound(new DateOnly(2026, 6, 10), null, null, null, CaseBuilder.Officer, Today);
        var byExpert = c.PlanRound(new DateOnly(2026, 6, 20), null, null, null, Expert, Today);

        Assert.StartsWith("Give the dates of the round", backwards.Single().ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Give the dates of the round", noDate.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("A round is already planned on 2026-06-10; change that one instead.", same.Single().ToString());
        Assert.Equal("Only the unit's staff change an open case.", byExpert.Single().ToString());
        Assert.Single(c.Rounds);
    }

    [Fact]
    public void The_next_round_on_the_case_details_moves_the_planned_round_with_its_length_and_plans_one_when_there_is_none()
    {
        var c = CaseBuilder.NewInquiry();
        c.ChangeDetails(new CaseDetails(c.CountryCode, c.Title, NextRoundOn: new DateOnly(2026, 6, 1)), CaseBuilder.Officer, Today, null);
        Assert.Empty(c.ChangeRound(c.NextRound, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 3), "Dakar", null, CaseBuilder.Officer, Today));

        var changed = c.ChangeDetails(new CaseDetails(c.CountryCode, c.Title, NextRoundOn: new DateOnly(2026, 6, 15)), CaseBuilder.Officer, Today, "The ministry moved the round.");

        var round = c.Rounds.Single();
        Assert.Equal((new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 17), "Dakar"), (round.StartsOn, round.EndsOn, round.Place));
        Assert.Equal(["Next negotiation round"], changed);
        Assert.Equal(new DateOnly(2026, 6, 15), c.NextRoundOn);

        c.ChangeDetails(new CaseDetails(c.CountryCode, c.Title), CaseBuilder.Officer, Today, null);
        Assert.Equal((RoundStatus.Cancelled, (DateOnly?)null), (round.Status, c.NextRoundOn));
    }

    [Fact]
    public void A_scoping_mission_needs_its_dates_and_a_place_unless_remote_and_its_findings_wait_for_it_to_begin()
    {
        var c = _builder.At(CaseStage.Scoping);

        var nowhere = c.PlanScopingMission(new ScopingMissionPlan(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 6), false, " ", []), CaseBuilder.Officer, Today);
        var findingsFirst = c.RecordScopingFindings("Needs a fiscal model.", CaseBuilder.Officer, Today);
        Assert.Empty(c.PlanScopingMission(new ScopingMissionPlan(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 6), false, "Conakry",
            ["Awa Diallo <awa@mines.gov.example>", "Olga Officer", " "]), CaseBuilder.Officer, Today));
        var tooEarly = c.RecordScopingFindings("Needs a fiscal model.", CaseBuilder.Officer, Today);
        Assert.Empty(c.RecordScopingFindings("The ministry needs a fiscal model and a review of the stability clause.", CaseBuilder.Officer, new DateTime(2026, 5, 6, 17, 0, 0, DateTimeKind.Utc)));
        Assert.Empty(c.AddTermsOfReference(new CaseDocument(CaseDocumentKind.TermsOfReference, "tor.pdf", "application/pdf", new string('b', 64), 900, Today, "Olga Officer"), CaseBuilder.Officer));

        Assert.Equal("Say where the mission takes place, or that it is remote.", nowhere.Single().ToString());
        Assert.Equal("Plan the scoping mission first.", findingsFirst.Single().ToString());
        Assert.Equal("The mission starts on 2026-05-04; its findings are written once it has begun.", tooEarly.Single().ToString());
        var mission = c.ScopingMission!;
        Assert.Equal(["Awa Diallo <awa@mines.gov.example>", "Olga Officer"], mission.Participants);
        Assert.Equal(("tor.pdf", "Olga Officer"), (mission.TermsOfReference!.FileName, mission.FindingsBy));
        Assert.Contains(c.History, h => h.Field == "Scoping mission" && h.NewValue!.StartsWith("2026-05-04 to 2026-05-06, Conakry", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_version_of_the_scope_supersedes_the_unconfirmed_one_and_only_the_latest_can_be_confirmed()
    {
        var c = _builder.At(CaseStage.Scoping);
        Assert.Empty(c.ProposeScope([Need(Discipline.Legal)], null, CaseBuilder.Officer, Today));
        var first = c.LatestScope!;
        Assert.Empty(c.RecordScopeSent(first, "fatou@mines.gov.example", CaseBuilder.Officer, Today));

        Assert.Empty(c.ProposeScope([Need(Discipline.Legal), Need(Discipline.FiscalAndFinancialModelling, days: 25)], "Adds the fiscal model.", CaseBuilder.Officer, Today.AddDays(1)));
        var old = c.ConfirmScope(first, "Fatou Focal", FocalPoint, Today.AddDays(2));
        var byExpert = c.ConfirmScope(c.LatestScope, "Ana", Expert, Today.AddDays(2));
        var nobody = c.ConfirmScope(c.LatestScope, " ", CaseBuilder.Officer, Today.AddDays(2));
        Assert.Empty(c.ConfirmScope(c.LatestScope, "Fatou Focal", FocalPoint, Today.AddDays(2)));
        var twice = c.ConfirmScope(c.LatestScope, "Fatou Focal", CaseBuilder.Officer, Today.AddDays(3));

        Assert.Equal("Only the latest version of the scope can be confirmed.", old.Single().ToString());
        Assert.StartsWith("Only the government's focal point, or staff recording its answer", byExpert.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("Say who confirmed the scope for the government.", nobody.Single().ToString());
        Assert.Equal("Version 2 of the scope is already confirmed.", twice.Single().ToString());
        Assert.Equal((Today.AddDays(1), false), (first.SupersededAt, first.IsConfirmed));
        Assert.Equal((2, 40, "Fatou Focal", "Fatou Focal"), (c.AgreedScope!.Number, c.AgreedScope.TotalDays, c.AgreedScope.ConfirmedBy, c.AgreedScope.ConfirmationRecordedBy));
    }

    [Fact]
    public void A_scope_line_needs_days_a_language_code_and_a_period_in_order()
    {
        var c = _builder.At(CaseStage.Scoping);

        var refusals = c.ProposeScope([new ExpertiseNeed(Discipline.Legal, null, "French", 0, new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 1))], null, CaseBuilder.Officer, Today);
        var empty = c.ProposeScope([], null, CaseBuilder.Officer, Today);
        var beforeApproval = _builder.At(CaseStage.DueDiligence).ProposeScope([Need(Discipline.Legal)], null, CaseBuilder.Officer, Today);

        Assert.Equal(
            ["Line 1: give the days, from 1 to 200.", "Line 1: give the language as a two-letter code (fr, es, pt, en…).", "Line 1: the period ends before it starts."],
            refusals.Select(r => r.ToString()));
        Assert.Equal("List at least one expertise need.", empty.Single().ToString());
        Assert.Equal("The scope is agreed once the request is approved; the case is at the stage 'Due diligence'.", beforeApproval.Single().ToString());
        Assert.Empty(c.ScopeVersions);
    }

    [Fact]
    public void Leaving_scoping_waits_for_the_government_to_confirm_the_latest_scope_but_going_straight_to_expert_selection_does_not()
    {
        var scoping = _builder.At(CaseStage.Scoping);
        var withoutScope = _builder.Take(scoping, CaseStep.StartExpertSelection, CaseBuilder.Officer);
        Assert.Empty(scoping.ProposeScope([Need(Discipline.Legal)], null, CaseBuilder.Officer, Today));
        var unconfirmed = _builder.Take(scoping, CaseStep.StartExpertSelection, CaseBuilder.Officer);
        Assert.Empty(scoping.ConfirmScope(scoping.LatestScope, "Fatou Focal", CaseBuilder.Officer, Today));
        var confirmed = _builder.Take(scoping, CaseStep.StartExpertSelection, CaseBuilder.Officer);
        var straight = _builder.Take(_builder.At(CaseStage.Approved), CaseStep.StartExpertSelection, CaseBuilder.Officer);

        Assert.StartsWith("no scope is proposed yet", withoutScope.Refusals.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("the government has not confirmed version 1 of the scope.", unconfirmed.Refusals.Single().ToString());
        Assert.True(confirmed.Done);
        Assert.True(straight.Done);
    }

    [Fact]
    public void Experts_are_matched_against_the_agreed_scope_once_the_government_confirmed_one()
    {
        var c = _builder.At(CaseStage.Scoping);
        var today = DateOnly.FromDateTime(Today);
        var before = ExpertiseNeeds.For(c, today);
        Assert.Empty(c.ProposeScope([Need(Discipline.Tax, "pt", 12, today.AddDays(10), today.AddDays(40)), Need(Discipline.Environmental, "en", 30, null, today.AddDays(60))], null, CaseBuilder.Officer, Today));
        var unconfirmed = ExpertiseNeeds.For(c, today);
        Assert.Empty(c.ConfirmScope(c.LatestScope, "Fatou Focal", CaseBuilder.Officer, Today));

        var agreed = ExpertiseNeeds.For(c, today);

        Assert.Equal(before.Disciplines, unconfirmed.Disciplines);
        Assert.Equal(before.Languages, unconfirmed.Languages);
        Assert.Equal([Discipline.Tax, Discipline.Environmental], agreed.Disciplines);
        Assert.Equal(["pt", "en"], agreed.Languages);
        Assert.Equal((today.AddDays(10), today.AddDays(60), (int?)30, (Sector?)Sector.Mining), (agreed.From, agreed.To, agreed.Days, agreed.Sector));
    }

    [Fact]
    public void The_fielding_clock_pauses_while_the_scope_waits_for_the_government_and_says_so()
    {
        var c = _builder.At(CaseStage.Scoping);
        var approved = ServiceClocks.Entered(c, CaseStage.Approved)!.Value;
        var calendar = new BusinessCalendar([]);
        Assert.Empty(c.ProposeScope([Need(Discipline.Legal)], null, CaseBuilder.Officer, approved.AddDays(1)));
        Assert.Empty(c.RecordScopeSent(c.LatestScope, "fatou@mines.gov.example", CaseBuilder.Officer, approved.AddDays(1)));

        var waiting = ServiceClocks.Of(c, null, approved.AddDays(8), calendar, new ServiceTargets()).Single(k => k.Level == ServiceLevel.ExpertsFielded);
        Assert.Empty(c.ConfirmScope(c.LatestScope, "Fatou Focal", CaseBuilder.Officer, approved.AddDays(8)));
        var after = ServiceClocks.Of(c, null, approved.AddDays(9), calendar, new ServiceTargets()).Single(k => k.Level == ServiceLevel.ExpertsFielded);

        Assert.Equal((ClockState.PausedForGovernment, (GovernmentWait?)GovernmentWait.Scope), (waiting.State, waiting.PausedFor));
        Assert.True(waiting.PausedBusinessDays >= 4, $"paused {waiting.PausedBusinessDays} business days");
        Assert.Equal((ClockState.Running, (GovernmentWait?)null, waiting.PausedBusinessDays), (after.State, after.PausedFor, after.PausedBusinessDays));
    }

    [Fact]
    public void The_fielding_clock_counts_to_the_first_round_after_approval_not_a_round_held_before_it()
    {
        var c = CaseBuilder.NewInquiry();
        // A round on the day the request arrives, held before the unit approved the support.
        Assert.Empty(c.PlanRound(DateOnly.FromDateTime(CaseBuilder.Start), null, null, null, CaseBuilder.Officer, CaseBuilder.Start));
        Assert.Empty(c.RecordRoundHeld(c.NextRound, null, CaseBuilder.Officer, CaseBuilder.Start));
        var builder = new CaseBuilder();
        foreach (var step in new[] { CaseStep.AskForFormalRequest, CaseStep.RecordFormalRequest, CaseStep.StartDueDiligence, CaseStep.SubmitForApproval, CaseStep.Approve })
        {
            builder.SatisfyGuardsOf(c, step);
            Assert.True(builder.Take(c, step, step == CaseStep.Approve ? CaseBuilder.Manager : CaseBuilder.Officer).Done, step.ToString());
        }
        var approved = ServiceClocks.Entered(c, CaseStage.Approved)!.Value;
        var secondRound = DateOnly.FromDateTime(approved).AddDays(8);
        Assert.Empty(c.PlanRound(secondRound, null, null, null, CaseBuilder.Officer, approved));

        var clock = ServiceClocks.Of(c, null, approved.AddDays(1), new BusinessCalendar([]), new ServiceTargets()).Single(k => k.Level == ServiceLevel.ExpertsFielded);

        Assert.Equal(secondRound.AddDays(-1), clock.Due);
    }
}
