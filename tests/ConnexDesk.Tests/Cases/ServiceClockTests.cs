using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Timeliness;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

/// <summary>The unit's promises on time, counted in business days, with a fake clock.</summary>
public sealed class ServiceClockTests
{
    private static readonly BusinessCalendar Calendar = new([new DateOnly(2026, 12, 22), new DateOnly(2026, 3, 6)]);
    private static readonly ServiceTargets Targets = new();
    private readonly CaseBuilder _builder = new();

    [Theory]
    [InlineData("2026-12-18", 2, "2026-12-23")] // Friday; Monday, then Tuesday the 22nd is a holiday
    [InlineData("2026-12-16", 1, "2026-12-17")]
    [InlineData("2026-12-19", 1, "2026-12-21")] // a Saturday start counts from Monday
    public void Business_days_skip_weekends_and_holidays(string from, int days, string expected)
    {
        var start = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Calendar.AddBusinessDays(start, days));
        Assert.Equal(days, Calendar.BusinessDaysBetween(start, Calendar.AddBusinessDays(start, days)));
    }

    [Fact]
    public void An_inquiry_answered_within_two_business_days_meets_the_promise_and_a_later_answer_misses_it()
    {
        var c = CaseBuilder.NewInquiry(); // opened Monday 2 March 2026 at 09:00

        var met = Clock(c, ServiceLevel.FirstContactAcknowledged, firstReply: new DateTime(2026, 3, 4, 16, 0, 0, DateTimeKind.Utc));
        var missed = Clock(c, ServiceLevel.FirstContactAcknowledged, firstReply: new DateTime(2026, 3, 5, 8, 0, 0, DateTimeKind.Utc));
        var overdue = Clock(c, ServiceLevel.FirstContactAcknowledged, firstReply: null, now: new DateTime(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc));

        Assert.Equal((ClockState.Met, new DateOnly(2026, 3, 4), 2), (met.State, met.Due, met.BusinessDaysUsed));
        Assert.Equal(ClockState.Missed, missed.State);
        // Friday 6 March is a holiday: Tuesday to Monday is four business days.
        Assert.Equal((ClockState.Overdue, 4), (overdue.State, overdue.BusinessDaysUsed));
    }

    [Fact]
    public void Eligibility_and_approval_are_timed_from_the_formal_request()
    {
        var c = _builder.At(CaseStage.Approved);
        var formalRequest = ServiceClocks.Entered(c, CaseStage.FormalRequestReceived)!.Value;

        var clocks = ServiceClocks.Of(c, c.OpenedAt.AddHours(1), c.StageEnteredAt.AddDays(1), Calendar, Targets);

        var eligibility = clocks.Single(k => k.Level == ServiceLevel.EligibilityDecided);
        var approval = clocks.Single(k => k.Level == ServiceLevel.ApprovalDecided);
        Assert.Equal((formalRequest, ClockState.Met), (eligibility.StartedAt, eligibility.State));
        Assert.Equal((ClockState.Met, 15), (approval.State, approval.Allowed));
        Assert.Equal(Calendar.AddBusinessDays(DateOnly.FromDateTime(formalRequest), 15), approval.Due);
    }

    [Fact]
    public void Fielding_experts_pauses_while_the_government_considers_them_and_says_so()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        var approved = ServiceClocks.Entered(c, CaseStage.Approved)!.Value;
        var proposedAt = approved.AddDays(1);
        Assert.Empty(c.ProposeExpert(new ExpertProposal(501, "Ana Expert", null, 10, [], []), CaseBuilder.Officer, proposedAt));
        var waiting = approved.AddDays(15);

        var paused = Clock(c, ServiceLevel.ExpertsFielded, c.OpenedAt, waiting);
        Assert.Empty(c.RecordGovernmentDecision(c.Engagements[0], accepted: true, null, CaseBuilder.Officer, waiting));
        var resumed = Clock(c, ServiceLevel.ExpertsFielded, c.OpenedAt, waiting.AddDays(1));

        Assert.Equal(ClockState.PausedForGovernment, paused.State);
        Assert.True(paused.PausedBusinessDays >= 9, $"paused {paused.PausedBusinessDays} business days");
        Assert.Equal(Calendar.AddBusinessDays(DateOnly.FromDateTime(approved), 20 + paused.PausedBusinessDays), paused.Due);
        Assert.Equal(ClockState.Running, resumed.State);
    }

    [Fact]
    public void Experts_are_due_before_the_next_round_when_it_comes_first_and_no_pause_moves_the_round()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        var approved = ServiceClocks.Entered(c, CaseStage.Approved)!.Value;
        var round = DateOnly.FromDateTime(approved).AddDays(10);
        c.ChangeDetails(new CaseDetails(c.CountryCode, c.Title, NextRoundOn: round), CaseBuilder.Officer, approved, null);
        Assert.Empty(c.ProposeExpert(new ExpertProposal(501, "Ana Expert", null, 10, [], []), CaseBuilder.Officer, approved));

        var clock = Clock(c, ServiceLevel.ExpertsFielded, c.OpenedAt, approved.AddDays(12));

        Assert.Equal(round.AddDays(-1), clock.Due);
        Assert.Equal(ClockState.Overdue, clock.State);
    }

    [Fact]
    public void An_eligibility_decision_taken_before_the_formal_request_keeps_the_promise_when_it_arrives()
    {
        var c = _builder.At(CaseStage.AwaitingFormalRequest);
        c.RecordEligibilityDecision(_builder.Decision(eligible: true, at: c.OpenedAt.AddMinutes(5)), CaseBuilder.Officer);
        _builder.SatisfyGuardsOf(c, CaseStep.RecordFormalRequest);
        Assert.True(_builder.Take(c, CaseStep.RecordFormalRequest, CaseBuilder.Officer).Done);

        var clock = Clock(c, ServiceLevel.EligibilityDecided, c.OpenedAt);

        Assert.Equal((ClockState.Met, 0), (clock.State, clock.BusinessDaysUsed));
    }

    [Fact]
    public void A_case_that_ended_without_a_step_keeps_no_clock_for_it()
    {
        var c = _builder.At(CaseStage.Withdrawn);

        var clocks = ServiceClocks.Of(c, null, c.StageEnteredAt.AddDays(30), Calendar, Targets);

        Assert.DoesNotContain(clocks, k => k.IsRunning);
    }

    private static ServiceClock Clock(Case c, ServiceLevel level, DateTime? firstReply, DateTime? now = null) =>
        ServiceClocks.Of(c, firstReply, now ?? c.OpenedAt.AddDays(40), Calendar, Targets).Single(k => k.Level == level);
}
