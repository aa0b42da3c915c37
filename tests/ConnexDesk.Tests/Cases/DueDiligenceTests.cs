using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.DueDiligence;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

/// <summary>The due-diligence checklist of a case: drawn up once, reviewed item by item, and what submission waits for.</summary>
public sealed class DueDiligenceTests
{
    private readonly CaseBuilder _builder = new();
    private static readonly DateTime At = CaseBuilder.Start.AddDays(12);

    private Case CaseInDueDiligence()
    {
        var c = _builder.At(CaseStage.DueDiligence);
        Assert.Empty(c.DrawUpDueDiligence(DueDiligenceChecklist.Defaults, CaseBuilder.Officer, At));
        Assert.Empty(c.WriteRecommendation("Approve once every check is closed.", CaseBuilder.Officer, At));
        return c;
    }

    private static DueDiligenceReview Satisfied(string? comment = null) => new(DueDiligenceStatus.Satisfied, RiskRating.Low, null, null, [], comment);

    [Fact]
    public void The_checklist_is_drawn_up_once_in_the_unit_order_with_its_guidance()
    {
        var c = CaseInDueDiligence();

        var again = c.DrawUpDueDiligence(DueDiligenceChecklist.Defaults, CaseBuilder.Officer, At);

        Assert.Equal(DueDiligenceChecklist.Defaults.Select(d => d.Title), c.DueDiligenceItems.OrderBy(i => i.Order).Select(i => i.Title));
        Assert.All(c.DueDiligenceItems, i => Assert.False(string.IsNullOrEmpty(i.Guidance)));
        Assert.Contains("already drawn up", again.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains(c.History, h => h.Field == "Due diligence" && h.NewValue == "checklist drawn up (10 items)");
    }

    [Fact]
    public void Submission_waits_for_every_item_closed_and_every_high_risk_mitigated()
    {
        var c = CaseInDueDiligence();
        var items = c.DueDiligenceItems.ToList();
        foreach (var item in items.Skip(1))
            Assert.Empty(c.ReviewDueDiligence(item, Satisfied(), CaseBuilder.Officer, At));
        var open = _builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer);

        Assert.Empty(c.ReviewDueDiligence(items[0], new(DueDiligenceStatus.RiskIdentified, RiskRating.High, null, null, [], "Artisanal miners on the concession."), CaseBuilder.Officer, At));
        var unmitigated = _builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer);

        Assert.Empty(c.ReviewDueDiligence(items[0], new(DueDiligenceStatus.RiskIdentified, RiskRating.High, "Resettlement plan reviewed by the environmental and social expert.", null, [], null), CaseBuilder.Officer, At));
        var submitted = _builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer);

        Assert.Equal($"due diligence item '{items[0].Title}' is open.", open.Refusals.Single().ToString());
        Assert.Equal($"due diligence item '{items[0].Title}' has a high risk without mitigation.", unmitigated.Refusals.Single().ToString());
        Assert.True(submitted.Done);
    }

    [Fact]
    public void A_review_that_does_not_hold_together_is_refused_and_changes_nothing()
    {
        var c = CaseInDueDiligence();
        var item = c.DueDiligenceItems[0];
        var historyBefore = c.History.Count;

        var unrated = c.ReviewDueDiligence(item, new(DueDiligenceStatus.RiskIdentified, null, null, null, [], null), CaseBuilder.Officer, At);
        var unexplained = c.ReviewDueDiligence(item, new(DueDiligenceStatus.NotApplicable, null, null, null, [], " "), CaseBuilder.Officer, At);
        var foreignEvidence = c.ReviewDueDiligence(item, new(DueDiligenceStatus.Satisfied, null, null, null, [987654], null), CaseBuilder.Officer, At);
        var byExpert = c.ReviewDueDiligence(item, Satisfied(), new CaseActor("x", "An Expert", Domain.Role.Expert), At);
        var notOnCase = c.ReviewDueDiligence(new DueDiligenceItem("Elsewhere", DueDiligenceStatus.Open, null, null), Satisfied(), CaseBuilder.Officer, At);

        Assert.Equal("Rate the risk that was identified (low, medium or high).", unrated.Single().ToString());
        Assert.Equal("Say in the comment why the check does not apply.", unexplained.Single().ToString());
        Assert.Equal("Evidence can only be documents of this case.", foreignEvidence.Single().ToString());
        Assert.NotEmpty(byExpert);
        Assert.NotEmpty(notOnCase);
        Assert.Equal(DueDiligenceStatus.Open, item.Status);
        Assert.Equal(historyBefore, c.History.Count);
    }

    [Fact]
    public void A_review_is_in_the_history_with_before_after_reviewer_and_comment()
    {
        var c = CaseInDueDiligence();
        var item = c.DueDiligenceItems[3];

        c.ReviewDueDiligence(item, new(DueDiligenceStatus.RiskIdentified, RiskRating.Medium, "Closure bond in the draft.", "https://example.org/esia", [], "ESIA of 2019 reviewed."), CaseBuilder.Officer, At);

        var entry = c.History[^1];
        Assert.Equal(("Due diligence: " + item.Title, "Open", "Risk identified, medium risk, mitigated", "ESIA of 2019 reviewed."), (entry.Field, entry.OldValue, entry.NewValue, entry.Reason));
        Assert.Equal((CaseBuilder.Officer.Name, At), (item.ReviewedBy, item.ReviewedAt!.Value));
    }

    [Fact]
    public void Items_are_reviewed_only_while_the_case_is_in_due_diligence()
    {
        var c = CaseInDueDiligence();
        foreach (var item in c.DueDiligenceItems)
            c.ReviewDueDiligence(item, Satisfied(), CaseBuilder.Officer, At);
        Assert.True(_builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer).Done);

        var late = c.ReviewDueDiligence(c.DueDiligenceItems[0], new(DueDiligenceStatus.Open, null, null, null, [], null), CaseBuilder.Officer, At);

        Assert.Contains("at the stage 'Due diligence'", late.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_recommendation_is_written_during_due_diligence_and_submission_waits_for_it()
    {
        var c = _builder.At(CaseStage.DueDiligence);
        c.AddDueDiligenceItem(new DueDiligenceItem("Legal risk", DueDiligenceStatus.Satisfied, RiskRating.Low, null));

        var waiting = _builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer);
        var empty = c.WriteRecommendation("  ", CaseBuilder.Officer, At);
        var written = c.WriteRecommendation("Approve: **eligible**, no high risk.", CaseBuilder.Officer, At);
        var submitted = _builder.Take(c, CaseStep.SubmitForApproval, CaseBuilder.Officer);
        var late = c.WriteRecommendation("Changed my mind.", CaseBuilder.Officer, At);

        Assert.Equal("the recommendation to the deciding manager has not been written.", waiting.Refusals.Single().ToString());
        Assert.NotEmpty(empty);
        Assert.Empty(written);
        Assert.True(submitted.Done);
        Assert.Contains("during due diligence", late.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal(("Approve: **eligible**, no high risk.", CaseBuilder.Officer.Name), (c.Recommendation, c.RecommendedBy));
    }

    [Fact]
    public void A_consultation_of_a_governance_body_needs_who_when_and_what_they_advised()
    {
        var c = _builder.At(CaseStage.PendingApproval);

        var incomplete = c.RecordConsultation("Advisory committee", null, " ", CaseBuilder.Manager, At);
        var future = c.RecordConsultation("Advisory committee", DateOnly.FromDateTime(At).AddDays(3), "Support it.", CaseBuilder.Manager, At);
        var recorded = c.RecordConsultation("Advisory committee", DateOnly.FromDateTime(At).AddDays(-1), "Support it; ask the government for its anti-corruption plan.", CaseBuilder.Manager, At);

        Assert.Equal(2, incomplete.Count);
        Assert.Single(future);
        Assert.Empty(recorded);
        Assert.Equal("Advisory committee", c.Consultations.Single().Body);
        Assert.Contains(c.History, h => h.Field == "Consultation" && h.NewValue!.StartsWith("Advisory committee, ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Legal risk | Disputes\n\nReputational risk", 2, 0)]
    [InlineData(" | no title", 0, 1)]
    [InlineData("Legal risk\nlegal risk", 1, 1)]
    [InlineData("\n \n", 0, 1)]
    public void The_unit_checklist_is_read_one_check_per_line(string text, int checks, int problems)
    {
        var (parsed, found) = UnitChecklist.Parse(text);

        Assert.Equal((checks, problems), (parsed.Count, found.Count));
    }
}
