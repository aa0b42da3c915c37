namespace ConnexDesk.Domain.Cases;

/// <summary>The OECD-DAC evaluation criteria the government rates the support on.</summary>
public enum EvaluationCriterion
{
    Relevance,
    Coherence,
    Effectiveness,
    Efficiency,
    Impact,
    Sustainability,
}

/// <summary>One criterion as the government rated it: 1 (poor) to 4 (very good), and what it said.</summary>
public sealed class EvaluationAnswer
{
    private EvaluationAnswer()
    {
    }

    public EvaluationAnswer(EvaluationCriterion criterion, int rating, string? comment)
    {
        Criterion = criterion;
        Rating = rating;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public const int Lowest = 1;
    public const int Highest = 4;

    public int Id { get; private set; }
    public EvaluationCriterion Criterion { get; private set; }
    public int Rating { get; private set; }
    public string? Comment { get; private set; }
}

/// <summary>
/// The evaluation that closes a case: the government's answers to the questionnaire (the six criteria and the
/// capacity built in its team), and the case officer's lessons learned. The experts' own reports are documents of
/// the case.
/// </summary>
public sealed class Evaluation
{
    private readonly List<EvaluationAnswer> _answers = [];

    private Evaluation()
    {
    }

    internal Evaluation(DateTime at) => StartedAt = at;

    public int Id { get; private set; }
    public DateTime StartedAt { get; private set; }
    public IReadOnlyList<EvaluationAnswer> Answers => _answers;
    public string? CapacityBuilt { get; private set; }

    /// <summary>Who answered for the government, and who recorded it (the focal point in the portal, or staff from their email).</summary>
    public string? AnsweredBy { get; private set; }
    public string? AnswersRecordedBy { get; private set; }
    public DateTime? AnswersRecordedAt { get; private set; }

    public string? LessonsLearned { get; private set; }
    public string? LessonsLearnedBy { get; private set; }
    public DateTime? LessonsLearnedAt { get; private set; }

    public bool IsComplete => AnswersRecordedAt is not null && LessonsLearnedAt is not null;

    internal void RecordAnswers(IEnumerable<EvaluationAnswer> answers, string? capacityBuilt, string answeredBy, CaseActor actor, DateTime at)
    {
        _answers.Clear();
        _answers.AddRange(answers);
        CapacityBuilt = string.IsNullOrWhiteSpace(capacityBuilt) ? null : capacityBuilt.Trim();
        (AnsweredBy, AnswersRecordedBy, AnswersRecordedAt) = (answeredBy.Trim(), actor.Name, at);
    }

    internal void WriteLessons(string text, CaseActor actor, DateTime at) => (LessonsLearned, LessonsLearnedBy, LessonsLearnedAt) = (text.Trim(), actor.Name, at);
}
