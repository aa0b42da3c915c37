using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ConnexDesk.Features.Letters;

/// <summary>
/// Writes a letter as a Word document (Open XML SDK), the copy the unit edits. Only what the letter says goes in:
/// no author, no comments, no tracked changes, no custom properties.
/// </summary>
public static partial class DocxLetter
{
    // Arial: present wherever the government opens the file (LibreOffice maps it to Liberation Sans).
    private const string Font = "Arial";

    public static byte[] Write(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(letter.Language);
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = Footer(letter);
            var body = new Body();
            foreach (var (line, i) in letter.Letterhead.Select((l, i) => (l, i)))
                body.Append(Paragraph(line, bold: i == 0, size: i == 0 ? 30 : 18, after: i == letter.Letterhead.Count - 1 ? 360 : 0, colour: i == 0 ? null : "555555"));
            body.Append(Paragraph(letter.DateLine, justification: JustificationValues.Right, after: 120));
            if (letter.Number is { } number)
                body.Append(Paragraph($"{letter.Labels.Number} {number}", after: 240));
            foreach (var (line, i) in letter.Addressee.Select((l, i) => (l, i)))
                body.Append(Paragraph(line, after: i == letter.Addressee.Count - 1 ? 360 : 0));
            body.Append(Paragraph($"{letter.Labels.Subject} {letter.Subject}", bold: true, after: 240));
            for (var b = 0; b < letter.Body.Count; b++)
            {
                var block = letter.Body[b];
                var endsList = b + 1 == letter.Body.Count || letter.Body[b + 1].Kind != LetterBlockKind.Bullet;
                body.Append(block.Kind switch
                {
                    LetterBlockKind.Heading => Paragraph(block.Text, bold: true, after: 80, before: 120),
                    LetterBlockKind.Bullet => Bullet(block.Text, endsList ? 160 : 60),
                    LetterBlockKind.Paragraph => Paragraph(block.Text, after: 160),
                });
            }
            foreach (var (line, i) in letter.Signature.Select((l, i) => (l, i)))
                body.Append(Paragraph(line, before: i == 0 ? 480 : 0, bold: i == 0));
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Right = 1247, Bottom = 1134, Left = 1247, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Styles Styles(string language) => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "21" },
                new Languages { Val = language })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));

    private static Paragraph Paragraph(string text, bool bold = false, int? size = null, int after = 0, int before = 0, JustificationValues? justification = null, string? colour = null)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = after.ToString(System.Globalization.CultureInfo.InvariantCulture), Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (justification is { } j)
            properties.Append(new Justification { Val = j });
        return new Paragraph(properties, Run(text, bold, size, colour));
    }

    private static Paragraph Bullet(string text, int after) => new(
        new ParagraphProperties(
            new Tabs(new TabStop { Val = TabStopValues.Left, Position = 567 }),
            new SpacingBetweenLines { After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new Indentation { Left = "567", Hanging = "283" }),
        new Run(new Text("•")),
        new Run(new TabChar()),
        Run(text, false, null, null));

    private static Run Run(string text, bool bold, int? size, string? colour)
    {
        var properties = new RunProperties();
        if (bold)
            properties.Append(new Bold());
        if (colour is not null)
            properties.Append(new Color { Val = colour });
        if (size is { } s)
            properties.Append(new FontSize { Val = s.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>"CNX/L/2026/0001 · Page 1 of 2", the page numbers as Word fields so that they stay right after editing.</summary>
    private static Footer Footer(LetterContent letter)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        var grey = () => new RunProperties(new Color { Val = "777777" }, new FontSize { Val = "16" });
        var lead = string.Join(" · ", new[] { letter.Labels.Confidential, letter.Number }.Where(t => !string.IsNullOrEmpty(t)));
        paragraph.Append(new Run(grey(), new Text(lead + " · ") { Space = SpaceProcessingModeValues.Preserve }));
        foreach (var part in PagePlaceholder().Split(letter.Labels.PageOf))
        {
            if (part.Length == 0)
                continue;
            if (part is "{0}" or "{1}")
                paragraph.Append(new SimpleField(new Run(grey(), new Text("1"))) { Instruction = part == "{0}" ? " PAGE " : " NUMPAGES " });
            else
                paragraph.Append(new Run(grey(), new Text(part) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return new Footer(paragraph);
    }

    [GeneratedRegex(@"(\{[01]\})")]
    private static partial Regex PagePlaceholder();
}
