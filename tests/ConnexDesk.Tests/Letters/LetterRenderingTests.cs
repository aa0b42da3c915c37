using System.Diagnostics;
using System.Text;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Letters;
using ConnexDesk.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Letters;

/// <summary>
/// Every kind of letter in every language, written as PDF and as DOCX from the shipped wording over the sample case,
/// and read back the way a recipient's software reads it.
/// </summary>
public sealed class LetterRenderingTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    public static TheoryData<LetterKind, string> EveryKindInEveryLanguage()
    {
        var data = new TheoryData<LetterKind, string>();
        foreach (var kind in Enum.GetValues<LetterKind>())
        {
            foreach (var language in LetterLanguages.All)
                data.Add(kind, language);
        }
        return data;
    }

    private LetterComposer Composer => desk.Services.GetRequiredService<LetterComposer>();

    private LetterContent Sample(LetterKind kind, string language) =>
        Composer.Compose(kind, LetterTemplates.Shipped(kind, language), LetterFacts.Sample(kind, language, Today));

    [Theory]
    [MemberData(nameof(EveryKindInEveryLanguage))]
    public void The_PDF_says_what_the_letter_says_in_its_language_and_names_no_author(LetterKind kind, string language)
    {
        var pdf = PdfLetter.Write(Sample(kind, language));

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        foreach (var expected in Expected(kind, language))
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", text, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(document.Information.Author), $"the PDF names an author: {document.Information.Author}");
        var raw = Encoding.Latin1.GetString(pdf);
        Assert.DoesNotContain("/Author", raw, StringComparison.Ordinal);
        // PDFsharp also writes XMP metadata: its creator list must stay empty.
        Assert.DoesNotMatch(@"<dc:creator>\s*<rdf:Seq>\s*<rdf:li>[^<]+</rdf:li>", raw);
    }

    [Theory]
    [MemberData(nameof(EveryKindInEveryLanguage))]
    public void The_DOCX_says_the_same_and_carries_no_author_comments_or_tracked_changes(LetterKind kind, string language)
    {
        var docx = DocxLetter.Write(Sample(kind, language));

        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = document.MainDocumentPart!;
        var text = string.Join("\n", main.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText));
        foreach (var expected in Expected(kind, language))
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(document.PackageProperties.Creator), "the DOCX names its creator");
        Assert.True(string.IsNullOrEmpty(document.PackageProperties.LastModifiedBy), "the DOCX names who modified it");
        Assert.Null(main.WordprocessingCommentsPart);
        Assert.Null(document.CustomFilePropertiesPart);
        Assert.Empty(main.Document.Descendants<InsertedRun>());
        Assert.Empty(main.Document.Descendants<DeletedRun>());
        Assert.Equal(language, main.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<Languages>().Single().Val!.Value);
    }

    [Theory]
    [MemberData(nameof(EveryKindInEveryLanguage))]
    public async Task The_first_page_rendered_by_poppler_has_ink_in_the_letterhead_and_in_the_body(LetterKind kind, string language)
    {
        var pdf = PdfLetter.Write(Sample(kind, language));
        var folder = Path.Combine(Path.GetTempPath(), "connexdesk-letters");
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{kind}.{language}".ToLowerInvariant());
        await File.WriteAllBytesAsync(stem + ".pdf", pdf);

        // PNG to look at; a grey map to measure. Both from the same renderer the desk's recipients are likely to meet.
        await RunAsync("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", stem + ".pdf", stem);
        await RunAsync("pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile", stem + ".pdf", stem);

        Assert.True(new FileInfo(stem + ".png").Length > 5000, "the PNG of the first page is nearly empty");
        var (width, height, pixels) = ReadGreyMap(await File.ReadAllBytesAsync(stem + ".pgm"));
        double Ink(int fromRow, int toRow) =>
            (double)pixels.Skip(fromRow * width).Take((toRow - fromRow) * width).Count(p => p < 128) / ((toRow - fromRow) * width);
        Assert.True(Ink(0, height / 8) > 0.002, "no letterhead at the top of the page");
        Assert.True(Ink(height / 3, 2 * height / 3) > 0.01, "no body text in the middle of the page");
    }

    [Fact]
    public void A_long_letter_runs_onto_more_pages_each_numbered_page_n_of_m()
    {
        var wording = LetterTemplates.Shipped(LetterKind.Decline, "fr") with { Body = string.Join("\n\n", Enumerable.Repeat("{{ reason }}", 30)) };
        var content = Composer.Compose(LetterKind.Decline, wording, LetterFacts.Sample(LetterKind.Decline, "fr", Today));

        using var document = UglyToad.PdfPig.PdfDocument.Open(PdfLetter.Write(content));

        Assert.True(document.NumberOfPages >= 2, $"{document.NumberOfPages} page(s)");
        var last = string.Join(" ", document.GetPage(document.NumberOfPages).GetWords().Select(w => w.Text));
        Assert.Contains($"Page {document.NumberOfPages} sur {document.NumberOfPages}", last, StringComparison.Ordinal);
        Assert.Contains("Dr. Helena Vogt", last, StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_sender_wrote_into_the_case_is_printed_as_written_never_run_as_a_template()
    {
        var facts = LetterFacts.Sample(LetterKind.Approval, "en", Today) with { CaseTitle = "{{ unit.email }} {% for x in (1..3) %}x{% endfor %}" };

        var content = Composer.Compose(LetterKind.Approval, LetterTemplates.Shipped(LetterKind.Approval, "en"), facts);

        Assert.Contains("{{ unit.email }} {% for x in (1..3) %}x{% endfor %}", content.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_reported_with_the_part_it_is_in()
    {
        var broken = LetterTemplates.Shipped(LetterKind.Approval, "en") with { Body = "Dear {{ recipient.name ,\n\n{% if case.title %}no end" };

        var problems = Composer.Problems(LetterKind.Approval, "en", broken);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("body:", p, StringComparison.Ordinal));
        Assert.Empty(Composer.Problems(LetterKind.Approval, "en", LetterTemplates.Shipped(LetterKind.Approval, "en")));
    }

    /// <summary>What the sample case must put on the page, per kind and language.</summary>
    private static IEnumerable<string> Expected(LetterKind kind, string language)
    {
        yield return language switch { "fr" => "Objet :", "es" => "Asunto:", "pt" => "Assunto:", _ => "Subject:" };
        yield return language switch { "fr" => "Sénégal", _ => "Senegal" };
        if (kind == LetterKind.RequestLetterTemplate)
        {
            yield return language switch { "fr" => "Contexte du projet", "es" => "Antecedentes del proyecto", "pt" => "Contexto do projeto", _ => "Background of the project" };
            yield return "Ministry of Mines and Geology";
            yield return "Renegotiation of the Kalemba gold mining convention";
            yield break;
        }
        yield return "CNX/L/2026/0017";
        yield return "CNX-2026-0042";
        yield return "Ibrahima Sarr";
        yield return "Dr. Helena Vogt";
        yield return language switch { "fr" => "27 novembre 2026", "es" => "27 de noviembre de 2026", "pt" => "27 de novembro de 2026", _ => "27 November 2026" };
        if (kind == LetterKind.Approval)
            yield return language switch { "fr" => "conseil juridique", "es" => "asesoramiento jurídico", "pt" => "aconselhamento jurídico", _ => "legal advice" };
        if (kind == LetterKind.Decline)
            yield return "transaction advisory";
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }

    private static (int Width, int Height, byte[] Pixels) ReadGreyMap(byte[] pgm)
    {
        // P5 <width> <height> <max>\n then one byte per pixel.
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[at]))
                at++;
            var start = at;
            while (!char.IsWhiteSpace((char)pgm[at]))
                at++;
            fields.Add(Encoding.ASCII.GetString(pgm, start, at - start));
        }
        Assert.Equal("P5", fields[0]);
        var width = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        return (width, height, pgm[(at + 1)..]);
    }
}
