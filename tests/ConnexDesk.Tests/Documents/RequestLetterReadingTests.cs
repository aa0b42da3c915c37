using ConnexDesk.Features.Cases;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ConnexDesk.Tests.Documents;

public sealed class RequestLetterReadingTests
{
    /// <summary>A one-page PDF with real text, as a ministry's word processor makes it.</summary>
    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 11, new PdfPoint(40, y), font);
            y -= 18;
        }
        return builder.Build();
    }

    public static byte[] Word(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p))))));
        }
        return stream.ToArray();
    }

    public static readonly string[] FrenchLetter =
    [
        "Ministere des Mines et de la Geologie, Dakar, le 20 novembre 2026",
        "Objet : demande formelle d'appui",
        "Le Gouvernement renegocie la convention miniere du projet aurifere de Sabodala avec la societe exploitante.",
        "Nous sollicitons l'appui de l'unite pour la modelisation fiscale et le conseil juridique.",
        "La prochaine session de negociation est prevue en mars 2027.",
        "Le Ministre des Mines et de la Geologie",
    ];

    [Fact]
    public void A_french_pdf_letter_shows_the_passages_for_each_item_and_no_named_experts()
    {
        var reading = RequestLetterReading.Read(Pdf(FrenchLetter), "application/pdf");

        Assert.False(reading.NeedsReadingByAPerson);
        var found = reading.Findings.ToDictionary(f => f.Item);
        Assert.Contains(found[LetterItem.Background].Passages, p => p.Contains("convention miniere du projet aurifere", StringComparison.Ordinal));
        Assert.Contains(found[LetterItem.ServicesNeeded].Passages, p => p.Contains("modelisation fiscale", StringComparison.Ordinal));
        Assert.Contains(found[LetterItem.Timeline].Passages, p => p.Contains("mars 2027", StringComparison.Ordinal));
        Assert.Contains(found[LetterItem.Signatory].Passages, p => p.StartsWith("Le Ministre des Mines", StringComparison.Ordinal));
        Assert.False(found[LetterItem.NamedExperts].Found);
        Assert.False(found[LetterItem.NamedExperts].Required);
    }

    [Fact]
    public void A_spanish_word_letter_without_a_timeline_names_its_experts_and_misses_the_timeline()
    {
        var reading = RequestLetterReading.Read(Word(
            "El Ministerio de Energía solicita apoyo para la negociación del contrato de concesión eólica.",
            "Quisiéramos contar con la experta Ana Gómez, especialista en regulación eléctrica.",
            "Firmado: la Directora General de Energía."), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        var found = reading.Findings.ToDictionary(f => f.Item);
        Assert.True(found[LetterItem.NamedExperts].Found);
        Assert.True(found[LetterItem.Signatory].Found);
        Assert.False(found[LetterItem.Timeline].Found);
        Assert.True(found[LetterItem.Timeline].Required);
    }

    [Fact]
    public void A_pdf_without_text_needs_reading_by_a_person()
    {
        var reading = RequestLetterReading.Read(Pdf("12 11 2026"), "application/pdf");

        Assert.True(reading.NeedsReadingByAPerson);
        Assert.Empty(reading.Findings);
    }

    [Fact]
    public void A_damaged_pdf_is_left_to_a_person_with_the_reason()
    {
        var reading = RequestLetterReading.Read("%PDF-1.7\nnot really a pdf"u8.ToArray(), "application/pdf");

        Assert.True(reading.NeedsReadingByAPerson);
        Assert.StartsWith("The letter could not be read:", reading.Problem, StringComparison.Ordinal);
    }
}
