namespace ConnexDesk.Domain.Cases;

/// <summary>The evaluation after delivery: the government's answers, the officer's lessons learned; then the case closes.</summary>
public sealed partial class Case
{
    /// <summary>The government's answers to the questionnaire, from the focal point in the portal or recorded by staff from their email.</summary>
    public IReadOnlyList<Reason> RecordGovernmentEvaluation(IReadOnlyList<EvaluationAnswer> answers, string? capacityBuilt, string? answeredBy, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsUnitStaff || actor.Role == Role.FocalPoint) || IsFinished)
            return [new Reason("Only the government's focal point, or staff recording its answers, answer the evaluation.")];
        if (Stage != CaseStage.Evaluation)
            return [new Reason("The evaluation is answered at the stage '{0}'; the case is at '{1}'.", CaseWords.Stage(CaseStage.Evaluation), CaseWords.Stage(Stage))];
        var problems = new List<Reason>();
        foreach (var criterion in Enum.GetValues<EvaluationCriterion>())
        {
            var answer = answers.Where(a => a.Criterion == criterion).ToList();
            if (answer.Count != 1 || answer[0].Rating is < EvaluationAnswer.Lowest or > EvaluationAnswer.Highest)
                problems.Add(new Reason("Rate {0} from {1} to {2}.", CaseWords.Criterion(criterion), EvaluationAnswer.Lowest, EvaluationAnswer.Highest));
        }
        if (string.IsNullOrWhiteSpace(answeredBy))
            problems.Add(new Reason("Say who answered for the government."));
        if (problems.Count > 0)
            return problems;
        Evaluation ??= new Evaluation(at);
        Evaluation.RecordAnswers(answers, capacityBuilt, answeredBy!, actor, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Evaluation by the government",
            NewValue = string.Join(", ", answers.OrderBy(a => a.Criterion).Select(a => $"{CaseWords.Criterion(a.Criterion)} {a.Rating}/{EvaluationAnswer.Highest}")),
            Reason = Evaluation.AnsweredBy,
        });
        MarkEvaluationRecorded(at);
        return [];
    }

    /// <summary>The questionnaire went to the government's focal point.</summary>
    public IReadOnlyList<Reason> RecordQuestionnaireSent(string recipient, CaseActor actor, DateTime at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (Stage != CaseStage.Evaluation)
            return [new Reason("The questionnaire is sent at the stage '{0}'; the case is at '{1}'.", CaseWords.Stage(CaseStage.Evaluation), CaseWords.Stage(Stage))];
        Evaluation ??= new Evaluation(at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Evaluation questionnaire", NewValue = $"sent to {recipient}" });
        return [];
    }

    public IReadOnlyList<Reason> WriteLessonsLearned(string? text, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (Stage != CaseStage.Evaluation)
            return [new Reason("Lessons learned are written at the stage '{0}'; the case is at '{1}'.", CaseWords.Stage(CaseStage.Evaluation), CaseWords.Stage(Stage))];
        if (string.IsNullOrWhiteSpace(text))
            return [new Reason("Write the lessons learned.")];
        if (text.Length > MaxRecommendationLength)
            return [new Reason("The lessons learned can have at most {0} characters.", MaxRecommendationLength)];
        Evaluation ??= new Evaluation(at);
        Evaluation.WriteLessons(text, actor, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Lessons learned", NewValue = Shortened(text.Trim()) });
        MarkEvaluationRecorded(at);
        return [];
    }

    private void MarkEvaluationRecorded(DateTime at)
    {
        if (Evaluation?.IsComplete == true)
            EvaluationRecordedAt ??= at;
    }
}
