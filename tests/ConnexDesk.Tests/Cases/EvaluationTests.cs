using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

/// <summary>The evaluation that closes a case: the government's answers on the six criteria and the officer's lessons learned.</summary>
public sealed class EvaluationTests
{
    private static readonly CaseActor FocalPoint = new("focal-1", "Fatou Focal", Role.FocalPoint);
    private static readonly DateTime At = new(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly CaseBuilder _builder = new();

    private static List<EvaluationAnswer> Answers(int rating = 4) => [.. Enum.GetValues<EvaluationCriterion>().Select(c => new EvaluationAnswer(c, rating, null))];

    [Fact]
    public void Every_criterion_is_rated_from_one_to_four_by_someone_named()
    {
        var c = _builder.At(CaseStage.Evaluation);

        var missing = c.RecordGovernmentEvaluation(Answers().Skip(1).ToList(), null, "Fatou Focal", FocalPoint, At);
        var outOfScale = c.RecordGovernmentEvaluation(Answers(rating: 5), null, "Fatou Focal", FocalPoint, At);
        var anonymous = c.RecordGovernmentEvaluation(Answers(), null, " ", FocalPoint, At);

        Assert.Equal("Rate Relevance from 1 to 4.", missing.Single().ToString());
        Assert.Equal(6, outOfScale.Count);
        Assert.Equal("Say who answered for the government.", anonymous.Single().ToString());
        Assert.Null(c.Evaluation);
    }

    [Fact]
    public void The_case_closes_once_the_government_answered_and_the_officer_wrote_the_lessons_learned()
    {
        var c = _builder.At(CaseStage.Evaluation);

        Assert.Empty(c.RecordGovernmentEvaluation(Answers(3), "Our team now runs the fiscal model.", "Fatou Focal", FocalPoint, At));
        var halfway = _builder.Take(c, CaseStep.Close, CaseBuilder.Officer);
        var lessonsByFocalPoint = c.WriteLessonsLearned("x", FocalPoint, At);
        Assert.Empty(c.WriteLessonsLearned("The fiscal expert came after the first round: field fiscal experts first.", CaseBuilder.Officer, At));
        var closed = _builder.Take(c, CaseStep.Close, CaseBuilder.Officer);

        Assert.Equal("no evaluation is recorded; record it, or give a reason to close without one.", halfway.Refusals.Single().ToString());
        Assert.Equal("Only the unit's staff change an open case.", lessonsByFocalPoint.Single().ToString());
        Assert.True(closed.Done);
        Assert.Equal((CaseStage.Closed, "Fatou Focal", 6), (c.Stage, c.Evaluation!.AnswersRecordedBy, c.Evaluation.Answers.Count));
    }

    [Fact]
    public void The_evaluation_is_answered_only_at_the_evaluation_stage()
    {
        var c = _builder.At(CaseStage.Delivery);

        var early = c.RecordGovernmentEvaluation(Answers(), null, "Fatou Focal", FocalPoint, At);

        Assert.Equal("The evaluation is answered at the stage 'Evaluation'; the case is at 'Delivery'.", early.Single().ToString());
    }
}
