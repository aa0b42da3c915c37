using System.Globalization;
using System.Text;
using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Features.Delivery;

/// <summary>
/// The evaluation questionnaire the focal point receives by email, in the case's language: the six OECD-DAC
/// criteria to rate from 1 to 4, and the capacity the support built in the government's team.
/// </summary>
public static class EvaluationQuestionnaire
{
    public static (string Subject, string Body) Text(string language, string reference, string unitName)
    {
        var w = Words(language);
        var body = new StringBuilder().Append(w.Greeting).Append("\n\n").Append(string.Format(CultureInfo.InvariantCulture, w.Intro, reference)).Append("\n\n");
        var number = 0;
        foreach (var criterion in Enum.GetValues<EvaluationCriterion>())
            body.Append(CultureInfo.InvariantCulture, $"{++number}. {Question(criterion, language)}\n");
        body.Append(CultureInfo.InvariantCulture, $"{++number}. {w.Capacity}\n\n").Append(w.Scale).Append("\n\n").Append(w.Thanks).Append("\n\n").Append(unitName);
        return (string.Format(CultureInfo.InvariantCulture, w.Subject, reference), body.ToString());
    }

    private sealed record QuestionnaireWords(string Subject, string Greeting, string Intro, string Capacity, string Scale, string Thanks);

    private static QuestionnaireWords Words(string language) => language switch
    {
        "fr" => new("[{0}] Votre évaluation de l'appui", "Madame, Monsieur,",
            "L'appui de l'unité ({0}) est terminé. Votre avis nous aide à mieux appuyer les prochaines négociations. Merci de répondre à ce message en notant chaque point de 1 à 4, avec un commentaire si vous le souhaitez :",
            "Quelles capacités l'appui a-t-il renforcées dans votre équipe ?", "1 = insuffisant, 2 = moyen, 3 = bon, 4 = très bon.", "Avec nos remerciements,"),
        "es" => new("[{0}] Su evaluación del apoyo", "Estimado/a:",
            "El apoyo de la unidad ({0}) ha concluido. Su opinión nos ayuda a apoyar mejor las próximas negociaciones. Le rogamos que responda a este mensaje calificando cada punto de 1 a 4, con un comentario si lo desea:",
            "¿Qué capacidades reforzó el apoyo en su equipo?", "1 = insuficiente, 2 = regular, 3 = bueno, 4 = muy bueno.", "Con nuestro agradecimiento,"),
        "pt" => new("[{0}] A sua avaliação do apoio", "Exmo./Exma. Senhor(a),",
            "O apoio da unidade ({0}) terminou. A sua opinião ajuda-nos a apoiar melhor as próximas negociações. Agradecemos que responda a esta mensagem classificando cada ponto de 1 a 4, com um comentário se desejar:",
            "Que capacidades o apoio reforçou na sua equipa?", "1 = insuficiente, 2 = razoável, 3 = bom, 4 = muito bom.", "Com os nossos agradecimentos,"),
        _ => new("[{0}] Your evaluation of the support", "Dear colleague,",
            "The unit's support ({0}) has ended. Your view helps us support the next negotiations better. Please reply to this message rating each point from 1 to 4, with a comment if you wish:",
            "What capacity did the support build in your team?", "1 = poor, 2 = fair, 3 = good, 4 = very good.", "With our thanks,"),
    };

    /// <summary>The question for a criterion, as the OECD-DAC defines it, in the email's language.</summary>
    public static string Question(EvaluationCriterion criterion, string language) => (criterion, language) switch
    {
        (EvaluationCriterion.Relevance, "fr") => "Pertinence : l'appui répondait-il aux besoins de votre négociation ?",
        (EvaluationCriterion.Relevance, "es") => "Pertinencia: ¿respondió el apoyo a las necesidades de su negociación?",
        (EvaluationCriterion.Relevance, "pt") => "Relevância: o apoio respondeu às necessidades da sua negociação?",
        (EvaluationCriterion.Relevance, _) => "Relevance: did the support answer the needs of your negotiation?",
        (EvaluationCriterion.Coherence, "fr") => "Cohérence : l'appui s'accordait-il avec vos autres partenaires et vos politiques ?",
        (EvaluationCriterion.Coherence, "es") => "Coherencia: ¿encajó el apoyo con sus otros socios y sus políticas?",
        (EvaluationCriterion.Coherence, "pt") => "Coerência: o apoio foi compatível com os seus outros parceiros e políticas?",
        (EvaluationCriterion.Coherence, _) => "Coherence: did the support fit with your other partners and your policies?",
        (EvaluationCriterion.Effectiveness, "fr") => "Efficacité : l'appui a-t-il atteint ses objectifs ?",
        (EvaluationCriterion.Effectiveness, "es") => "Eficacia: ¿alcanzó el apoyo sus objetivos?",
        (EvaluationCriterion.Effectiveness, "pt") => "Eficácia: o apoio atingiu os seus objetivos?",
        (EvaluationCriterion.Effectiveness, _) => "Effectiveness: did the support achieve its objectives?",
        (EvaluationCriterion.Efficiency, "fr") => "Efficience : l'appui est-il arrivé à temps et avec les bons moyens ?",
        (EvaluationCriterion.Efficiency, "es") => "Eficiencia: ¿llegó el apoyo a tiempo y con los medios adecuados?",
        (EvaluationCriterion.Efficiency, "pt") => "Eficiência: o apoio chegou a tempo e com os meios adequados?",
        (EvaluationCriterion.Efficiency, _) => "Efficiency: did the support arrive in time and with the right means?",
        (EvaluationCriterion.Impact, "fr") => "Impact : qu'a changé l'appui dans le résultat de la négociation ?",
        (EvaluationCriterion.Impact, "es") => "Impacto: ¿qué cambió el apoyo en el resultado de la negociación?",
        (EvaluationCriterion.Impact, "pt") => "Impacto: o que mudou o apoio no resultado da negociação?",
        (EvaluationCriterion.Impact, _) => "Impact: what did the support change in the outcome of the negotiation?",
        (EvaluationCriterion.Sustainability, "fr") => "Durabilité : les bénéfices de l'appui dureront-ils ?",
        (EvaluationCriterion.Sustainability, "es") => "Sostenibilidad: ¿perdurarán los beneficios del apoyo?",
        (EvaluationCriterion.Sustainability, "pt") => "Sustentabilidade: os benefícios do apoio vão perdurar?",
        (EvaluationCriterion.Sustainability, _) => "Sustainability: will the benefits of the support last?",
    };
}
