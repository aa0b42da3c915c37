using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;

namespace ConnexDesk.Features.Cases;

/// <summary>What the unit asks a formal request letter to contain.</summary>
public enum LetterItem
{
    Background,
    ServicesNeeded,
    Timeline,
    NamedExperts,
    Signatory,
}

public sealed record LetterFinding(LetterItem Item, bool Required, IReadOnlyList<string> Passages)
{
    public bool Found => Passages.Count > 0;
}

/// <summary>The text of a letter and, for each item a request letter should contain, the passages that seem to speak of it.</summary>
public sealed record LetterReading(bool NeedsReadingByAPerson, IReadOnlyList<LetterFinding> Findings, string? Problem)
{
    public static string Words(LetterItem item) => item switch
    {
        LetterItem.Background => "Background of the project",
        LetterItem.ServicesNeeded => "The services needed",
        LetterItem.Timeline => "The timeline in which support is needed",
        LetterItem.NamedExperts => "Experts the government would like (optional)",
        LetterItem.Signatory => "An authorised signatory",
    };
}

/// <summary>
/// Reads a formal request letter (PDF with PdfPig, Word with the Open XML SDK, or plain text) and points at the
/// passages that cover each item the unit asks for, in English, French, Spanish or Portuguese. It finds words, not
/// meaning: the case officer reads the passages and confirms; a scanned PDF without text is left to a person.
/// </summary>
public static partial class RequestLetterReading
{
    private const int MaxPassages = 3;

    private static readonly Dictionary<LetterItem, string[]> Keywords = new()
    {
        [LetterItem.Background] = ["background", "context", "contexte", "antecedentes", "contexto", "project", "projet", "proyecto", "projeto", "concession", "concesión", "concessão", "convention", "contract", "contrat", "contrato", "agreement", "accord", "acuerdo", "acordo"],
        [LetterItem.ServicesNeeded] = ["support", "assistance", "appui", "apoyo", "apoio", "advice", "advisory", "conseil", "asesor", "assessoria", "expertise", "services", "servicios", "serviços", "aide", "ayuda", "ajuda", "modelling", "modélisation"],
        [LetterItem.Timeline] = ["timeline", "calendrier", "calendario", "cronograma", "deadline", "date limite", "plazo", "prazo", "round", "session", "sesión", "sessão", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro"],
        [LetterItem.NamedExperts] = ["expert", "experto", "especialista", "perito", "consultant", "consultor"],
        [LetterItem.Signatory] = ["minister", "ministre", "ministro", "director", "directeur", "directrice", "directora", "diretor", "diretora", "secretary", "secrétaire", "secretario", "secretária", "secretário", "signed", "signé", "firmado", "assinado", "signature", "firma", "assinatura"],
    };

    public static LetterReading Read(byte[] content, string contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        string? text;
        try
        {
            text = contentType switch
            {
                "application/pdf" => PdfText(content),
                Intake.MailReading.WordDocument => WordText(content),
                "text/plain" => Encoding.UTF8.GetString(content),
                _ => null,
            };
        }
#pragma warning disable CA1031 // A letter the readers cannot open is a letter for a person to read, whatever the reader threw.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            return new LetterReading(true, [], "The letter could not be read: " + failure.Message);
        }
        if (text is null)
            return new LetterReading(true, [], "Only PDF, Word and plain-text letters can be read.");
        // A scan is a picture of text: a PDF with pages but hardly a letter on them.
        if (text.Count(char.IsLetter) < 40)
            return new LetterReading(true, [], null);
        var passages = Passages(text);
        return new LetterReading(false, [.. Keywords.Select(k => new LetterFinding(k.Key, k.Key != LetterItem.NamedExperts,
            [.. passages.Where(p => Mentions(p, k.Value)).Take(MaxPassages)]))], null);
    }

    private static string PdfText(byte[] content)
    {
        using var document = PdfDocument.Open(content);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            // Line by line, as the words sit on the page: PdfPig's words, grouped by their baseline.
            foreach (var line in page.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom)).OrderByDescending(g => g.Key))
                text.AppendLine(string.Join(' ', line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)));
        }
        return text.ToString();
    }

    private static string WordText(byte[] content)
    {
        // Expanded with a limit first, whether it was uploaded or came by mail: a Word file is a zip archive.
        if (DocumentUpload.ArchiveProblem(content) is { } problem)
            throw new InvalidDataException(problem);
        using var stream = new MemoryStream(content, writable: false);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart?.Document?.Body;
        return body is null ? "" : string.Join('\n', body.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>Sentences or lines, trimmed, of a useful length.</summary>
    private static List<string> Passages(string text) =>
        [.. Sentence().Split(text).Select(s => Whitespace().Replace(s, " ").Trim()).Where(s => s.Length >= 12).Select(s => s.Length > 300 ? s[..300] + "…" : s)];

    private static bool Mentions(string passage, string[] keywords)
    {
        var lower = passage.ToLowerInvariant();
        return keywords.Any(k => WholeWord(lower, k));
    }

    private static bool WholeWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !char.IsLetter(text[at - 1]);
            var after = at + word.Length == text.Length || !char.IsLetter(text[at + word.Length]);
            if (before && after)
                return true;
        }
        return false;
    }

    [GeneratedRegex(@"(?<=[.!?;])\s+|\n+")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
