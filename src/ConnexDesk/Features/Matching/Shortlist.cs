using System.Globalization;
using System.Text;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Letters;

namespace ConnexDesk.Features.Matching;

/// <summary>One proposed expert as the government reads them: name, role, days, disciplines, languages, experience.</summary>
public sealed record ShortlistedExpert(string Name, string? Role, int? Days, IReadOnlyList<Discipline> Disciplines, IReadOnlyList<string> Languages, int? YearsOfExperience);

/// <summary>
/// The email that proposes experts to the government's focal point, in the case's language: who each expert is, and
/// a request to accept or decline each one by reply. Staff record the answers on the case (or the focal point
/// answers in the portal).
/// </summary>
public static class Shortlist
{
    public static (string Subject, string Body) Text(string language, string reference, IReadOnlyList<ShortlistedExpert> experts, string unitName)
    {
        ArgumentNullException.ThrowIfNull(experts);
        var words = Words(language);
        var body = new StringBuilder().Append(words.Greeting).Append("\n\n").Append(string.Format(CultureInfo.InvariantCulture, words.Intro, reference)).Append("\n\n");
        var number = 0;
        foreach (var expert in experts)
        {
            body.Append(CultureInfo.InvariantCulture, $"{++number}. {expert.Name}");
            if (expert.Role is not null)
                body.Append(" — ").Append(expert.Role);
            body.Append('\n');
            if (expert.Days is { } days)
                body.Append("   ").Append(string.Format(CultureInfo.InvariantCulture, words.Days, days)).Append('\n');
            if (expert.Disciplines.Count > 0)
                body.Append("   ").Append(words.Expertise).Append(' ').Append(string.Join(", ", expert.Disciplines.Select(d => GovernmentWords.Discipline(d, language)))).Append('\n');
            if (expert.Languages.Count > 0)
                body.Append("   ").Append(words.Languages).Append(' ').Append(string.Join(", ", expert.Languages.Select(l => GovernmentWords.Language(l, language)))).Append('\n');
            if (expert.YearsOfExperience is { } years)
                body.Append("   ").Append(string.Format(CultureInfo.InvariantCulture, words.Experience, years)).Append('\n');
        }
        body.Append('\n').Append(words.Ask).Append("\n\n").Append(words.Confidential).Append("\n\n").Append(unitName);
        return (string.Format(CultureInfo.InvariantCulture, words.Subject, reference), body.ToString());
    }

    private sealed record ShortlistWords(string Subject, string Greeting, string Intro, string Days, string Expertise, string Languages, string Experience, string Ask, string Confidential);

    private static ShortlistWords Words(string language) => language switch
    {
        "fr" => new("[{0}] Experts proposés : votre accord pour chacun", "Madame, Monsieur,",
            "Pour l'appui convenu ({0}), l'unité propose les experts suivants. Tous ont signé notre code de conduite ; nous avons comparé leurs clients et employeurs passés avec les parties adverses.",
            "{0} jours prévus", "Domaines :", "Langues :", "{0} ans d'expérience",
            "Pourriez-vous nous indiquer, en réponse à ce message, si vous acceptez ou refusez chacun d'eux ? Nous pouvons vous transmettre leurs CV.",
            "Ce message est confidentiel et destiné aux seules personnes en charge de la négociation."),
        "es" => new("[{0}] Expertos propuestos: su conformidad para cada uno", "Estimado/a:",
            "Para el apoyo acordado ({0}), la unidad propone los siguientes expertos. Todos han firmado nuestro código de conducta; hemos comparado sus clientes y empleadores anteriores con las partes contrarias.",
            "{0} días previstos", "Especialidades:", "Idiomas:", "{0} años de experiencia",
            "¿Podría indicarnos, en respuesta a este mensaje, si acepta o rechaza a cada uno de ellos? Podemos enviarle sus currículos.",
            "Este mensaje es confidencial y está destinado únicamente a las personas a cargo de la negociación."),
        "pt" => new("[{0}] Peritos propostos: a sua concordância para cada um", "Exmo./Exma. Senhor(a),",
            "Para o apoio acordado ({0}), a unidade propõe os seguintes peritos. Todos assinaram o nosso código de conduta; comparámos os seus clientes e empregadores anteriores com as partes contrárias.",
            "{0} dias previstos", "Áreas:", "Línguas:", "{0} anos de experiência",
            "Poderia indicar-nos, em resposta a esta mensagem, se aceita ou recusa cada um deles? Podemos enviar-lhe os seus currículos.",
            "Esta mensagem é confidencial e destina-se apenas às pessoas responsáveis pela negociação."),
        _ => new("[{0}] Proposed experts: your agreement for each", "Dear colleague,",
            "For the agreed support ({0}), the unit proposes the following experts. All have signed our Code of Conduct; we have compared their past clients and employers with the parties across the table.",
            "{0} days planned", "Expertise:", "Languages:", "{0} years of experience",
            "Could you tell us, in reply to this message, whether you accept or decline each of them? We can send you their CVs.",
            "This message is confidential and meant only for the people in charge of the negotiation."),
    };
}
