using ConnexDesk.Data;
using ConnexDesk.Domain.Intake;

namespace ConnexDesk.Features.Outbox;

/// <summary>
/// The automatic reply to a new inquiry: in the sender's language, with the case reference and nothing else about
/// the case, marked Auto-Submitted, at most one a day to one address, and never to automatic mail.
/// </summary>
public static partial class Acknowledgement
{
    private static readonly HashSet<string> French = ["SN", "CI", "ML", "BF", "NE", "TD", "CM", "CD", "CG", "GA", "BJ", "TG", "GN", "MG", "HT", "DJ", "KM", "CF", "BI", "MR", "TN", "MA", "DZ", "VU", "RW"];
    private static readonly HashSet<string> Spanish = ["MX", "GT", "HN", "SV", "NI", "CR", "PA", "CO", "VE", "EC", "PE", "BO", "PY", "CL", "AR", "UY", "CU", "DO", "GQ"];
    private static readonly HashSet<string> Portuguese = ["BR", "MZ", "AO", "CV", "GW", "ST", "TL"];

    /// <summary>
    /// The language to answer in: the message's own (its Content-Language header, else the language its text is
    /// written in), else the usual language of the country, else English.
    /// </summary>
    public static string LanguageFor(string? contentLanguage, string? text, string? countryCode)
    {
        var declared = contentLanguage?.Trim().ToLowerInvariant();
        if (declared is { Length: >= 2 } && declared[..2] is "en" or "fr" or "es" or "pt")
            return declared[..2];
        if (LanguageOf(text) is { } written)
            return written;
        return countryCode switch
        {
            { } c when French.Contains(c) => "fr",
            { } c when Spanish.Contains(c) => "es",
            { } c when Portuguese.Contains(c) => "pt",
            _ => "en",
        };
    }

    // Short words each language uses constantly and the other three rarely: enough to tell a ministry's letter apart.
    private static readonly Dictionary<string, HashSet<string>> CommonWords = new()
    {
        ["en"] = ["the", "and", "of", "to", "we", "our", "is", "with", "would", "please", "ministry", "support", "this", "for"],
        ["fr"] = ["le", "les", "des", "est", "et", "pour", "une", "nous", "vous", "dans", "avec", "sur", "du", "au", "aux", "ministère", "souhaite", "merci"],
        ["es"] = ["el", "los", "las", "del", "una", "por", "con", "y", "es", "nuestro", "nuestra", "ministerio", "solicita", "gracias", "apoyo", "su"],
        ["pt"] = ["os", "do", "da", "dos", "das", "uma", "com", "não", "em", "é", "ministério", "solicita", "obrigado", "apoio", "ao", "nos"],
    };

    /// <summary>The language a text is written in, when its common words say so clearly; null for too little text or a tie.</summary>
    public static string? LanguageOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var counts = new Dictionary<string, int>();
        foreach (var word in Word().Matches((text.Length > 4000 ? text[..4000] : text).ToLowerInvariant()).Select(m => m.Value))
        {
            foreach (var (language, common) in CommonWords)
            {
                if (common.Contains(word))
                    counts[language] = counts.GetValueOrDefault(language) + 1;
            }
        }
        var ranked = counts.OrderByDescending(c => c.Value).ToList();
        return ranked.Count > 0 && ranked[0].Value >= 3 && (ranked.Count == 1 || ranked[0].Value >= 2 * ranked[1].Value) ? ranked[0].Key : null;
    }

    public static (string Subject, string Body) Text(string language, string reference, string unitName) => language switch
    {
        "fr" => ($"[{reference}] Nous avons bien reçu votre message",
            $"Bonjour,\n\nNous avons bien reçu votre message. Il est enregistré sous la référence {reference} ; merci de la rappeler dans l'objet de vos prochains messages.\n\nUn membre de l'unité vous répondra personnellement.\n\n{unitName}\n\nCeci est une réponse automatique."),
        "es" => ($"[{reference}] Hemos recibido su mensaje",
            $"Estimado/a:\n\nHemos recibido su mensaje. Está registrado con la referencia {reference}; le rogamos que la indique en el asunto de sus próximos mensajes.\n\nUn miembro de la unidad le responderá personalmente.\n\n{unitName}\n\nEsta es una respuesta automática."),
        "pt" => ($"[{reference}] Recebemos a sua mensagem",
            $"Exmo./Exma. Senhor(a),\n\nRecebemos a sua mensagem. Está registada com a referência {reference}; agradecemos que a indique no assunto das próximas mensagens.\n\nUm membro da unidade responderá pessoalmente.\n\n{unitName}\n\nEsta é uma resposta automática."),
        _ => ($"[{reference}] We have received your message",
            $"Dear colleague,\n\nWe have received your message. It is recorded under the reference {reference}; please quote it in the subject of your next messages.\n\nA member of the unit will reply to you personally.\n\n{unitName}\n\nThis is an automatic reply."),
    };

    /// <summary>Queues the acknowledgement of <paramref name="inquiry"/> unless this address already had one in the last day.</summary>
    /// <summary>Queues the acknowledgement of a new inquiry; the caller has checked that the address had none today.</summary>
    public static OutgoingMail? Queue(DeskDb db, CaseMessage inquiry, int caseId, string reference, string language, string unitName, string mailDomain, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(inquiry);
        if (inquiry.IsAutomatic || inquiry.FromAddress is null)
            return null;
        var (subject, body) = Text(language, reference, unitName);
        var acknowledgement = new OutgoingMail(OutgoingKind.Acknowledgement, caseId, $"{Guid.NewGuid():N}.ack@{mailDomain}", inquiry.FromAddress, inquiry.FromName,
            subject, body, inquiry.MessageId, language, now);
        db.Outbox.Add(acknowledgement);
        return acknowledgement;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{L}+")]
    private static partial System.Text.RegularExpressions.Regex Word();
}
