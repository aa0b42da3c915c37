using System.Globalization;
using System.Text;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Letters;

namespace ConnexDesk.Features.Scoping;

/// <summary>
/// The emails of scoping, in the government's language: a version of the scope to confirm (each need: expertise,
/// language, days, period), and the invitation to the mission that goes with its calendar file.
/// </summary>
public static class ScopeEmails
{
    public static (string Subject, string Body) ScopeToConfirm(string language, string reference, ScopeVersion version, string unitName)
    {
        ArgumentNullException.ThrowIfNull(version);
        var words = Words(language);
        var body = new StringBuilder().Append(words.Greeting).Append("\n\n")
            .Append(string.Format(CultureInfo.InvariantCulture, words.ScopeIntro, reference, version.Number)).Append("\n\n");
        var number = 0;
        foreach (var need in version.Needs)
        {
            body.Append(CultureInfo.InvariantCulture, $"{++number}. {GovernmentWords.Discipline(need.Discipline, language)} — {GovernmentWords.Language(need.Language, language)} — ")
                .Append(string.Format(CultureInfo.InvariantCulture, words.Days, need.Days));
            if (need.From is not null || need.To is not null)
                body.Append(" — ").Append(string.Format(CultureInfo.InvariantCulture, words.Period, Day(need.From), Day(need.To)));
            body.Append('\n');
        }
        if (version.Notes is { } notes)
            body.Append('\n').Append(notes).Append('\n');
        body.Append('\n').Append(words.ScopeAsk).Append("\n\n").Append(words.Confidential).Append("\n\n").Append(unitName);
        return (string.Format(CultureInfo.InvariantCulture, words.ScopeSubject, reference, version.Number), body.ToString());
    }

    public static (string Subject, string Body) MissionInvitation(string language, string reference, ScopingMission mission, string unitName)
    {
        ArgumentNullException.ThrowIfNull(mission);
        var words = Words(language);
        var when = mission.EndsOn == mission.StartsOn ? Day(mission.StartsOn) : string.Format(CultureInfo.InvariantCulture, words.Period, Day(mission.StartsOn), Day(mission.EndsOn));
        var where = mission.Remote ? words.Remote : mission.Place ?? "";
        var body = new StringBuilder().Append(words.Greeting).Append("\n\n")
            .Append(string.Format(CultureInfo.InvariantCulture, words.MissionIntro, reference, when, where)).Append("\n\n")
            .Append(words.MissionAttached).Append("\n\n").Append(words.Confidential).Append("\n\n").Append(unitName);
        return (string.Format(CultureInfo.InvariantCulture, words.MissionSubject, reference, when), body.ToString());
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…";

    private sealed record ScopeWords(string Greeting, string ScopeSubject, string ScopeIntro, string Days, string Period, string ScopeAsk,
        string MissionSubject, string MissionIntro, string Remote, string MissionAttached, string Confidential);

    private static ScopeWords Words(string language) => language switch
    {
        "fr" => new("Madame, Monsieur,",
            "[{0}] Périmètre de l'appui (version {1}) : votre confirmation",
            "À la suite de nos échanges sur l'appui convenu ({0}), voici les compétences que nous proposons de mobiliser (version {1} du périmètre) :",
            "{0} jours", "du {0} au {1}",
            "Pourriez-vous confirmer, en réponse à ce message, que ce périmètre correspond à vos besoins, ou nous dire ce qu'il faut changer ?",
            "[{0}] Mission de cadrage, {1}",
            "La mission de cadrage de l'appui ({0}) aura lieu {1} ({2}).", "à distance",
            "L'invitation est jointe à ce message ; vous pouvez l'ajouter à votre agenda.",
            "Ce message est confidentiel et destiné aux seules personnes en charge de la négociation."),
        "es" => new("Estimado/a:",
            "[{0}] Alcance del apoyo (versión {1}): su confirmación",
            "Tras nuestros intercambios sobre el apoyo acordado ({0}), estas son las competencias que proponemos movilizar (versión {1} del alcance):",
            "{0} días", "del {0} al {1}",
            "¿Podría confirmarnos, en respuesta a este mensaje, que este alcance corresponde a sus necesidades, o indicarnos qué debe cambiar?",
            "[{0}] Misión de definición del alcance, {1}",
            "La misión de definición del alcance del apoyo ({0}) tendrá lugar {1} ({2}).", "a distancia",
            "La invitación va adjunta a este mensaje; puede añadirla a su agenda.",
            "Este mensaje es confidencial y está destinado únicamente a las personas a cargo de la negociación."),
        "pt" => new("Exmo./Exma. Senhor(a),",
            "[{0}] Âmbito do apoio (versão {1}): a sua confirmação",
            "Na sequência das nossas trocas sobre o apoio acordado ({0}), eis as competências que propomos mobilizar (versão {1} do âmbito):",
            "{0} dias", "de {0} a {1}",
            "Poderia confirmar-nos, em resposta a esta mensagem, que este âmbito corresponde às suas necessidades, ou indicar-nos o que deve mudar?",
            "[{0}] Missão de definição do âmbito, {1}",
            "A missão de definição do âmbito do apoio ({0}) terá lugar {1} ({2}).", "à distância",
            "O convite segue em anexo a esta mensagem; pode adicioná-lo à sua agenda.",
            "Esta mensagem é confidencial e destina-se apenas às pessoas responsáveis pela negociação."),
        _ => new("Dear colleague,",
            "[{0}] Scope of the support (version {1}): your confirmation",
            "Following our exchanges on the agreed support ({0}), here is the expertise we propose to provide (version {1} of the scope):",
            "{0} days", "from {0} to {1}",
            "Could you confirm, in reply to this message, that this scope meets your needs, or tell us what should change?",
            "[{0}] Scoping mission, {1}",
            "The scoping mission for the support ({0}) takes place {1} ({2}).", "remote",
            "The invitation is attached to this message; you can add it to your calendar.",
            "This message is confidential and meant only for the people in charge of the negotiation."),
    };
}
