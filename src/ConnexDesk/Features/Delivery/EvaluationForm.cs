using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Features.Delivery;

/// <summary>
/// The evaluation questionnaire as a form posts it (<c>rating[criterion]</c>, <c>comment[criterion]</c>): from staff
/// recording the government's email, or from the focal point in the portal.
/// </summary>
public static class EvaluationForm
{
    public const string TooLongMessage = "A comment can have at most 4000 characters, the capacity built 8000, the name 200.";

    public static bool IsTooLong(Dictionary<EvaluationCriterion, string>? comment, string? capacityBuilt, string? answeredBy) =>
        (capacityBuilt?.Length ?? 0) > 8000 || (answeredBy?.Length ?? 0) > 200 || (comment?.Values.Any(v => v?.Length > 4000) ?? false);

    /// <summary>One answer per criterion rated; the domain says which are missing.</summary>
    public static List<EvaluationAnswer> Answers(Dictionary<EvaluationCriterion, int>? rating, Dictionary<EvaluationCriterion, string>? comment) =>
        [.. Enum.GetValues<EvaluationCriterion>().Where(k => rating?.ContainsKey(k) == true).Select(k => new EvaluationAnswer(k, rating![k], comment?.GetValueOrDefault(k)))];
}
