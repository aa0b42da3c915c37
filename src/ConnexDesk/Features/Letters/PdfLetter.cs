using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ConnexDesk.Features.Letters;

/// <summary>
/// Writes a letter as PDF (PDFsharp), the copy that is sent: A4, the letterhead, date and number, addressee,
/// subject, the body wrapped and carried over pages, the signature, and "page n of m" in the footer.
/// The document information names no author.
/// </summary>
public static class PdfLetter
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 70;
    private const double Right = 70;
    private const double Top = 60;
    private const double Bottom = 75;
    private const double TextWidth = PageWidth - Left - Right;

    private static readonly XColor Grey = XColor.FromArgb(0x55, 0x55, 0x55);

    public static byte[] Write(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        LetterFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = letter.Subject;
        var sheet = new Sheet(document);
        var regular = new XFont(LetterFonts.Family, 10, XFontStyleEx.Regular);
        var bold = new XFont(LetterFonts.Family, 10, XFontStyleEx.Bold);

        for (var i = 0; i < letter.Letterhead.Count; i++)
        {
            var font = i == 0 ? new XFont(LetterFonts.Family, 15, XFontStyleEx.Bold) : new XFont(LetterFonts.Family, 8.5, XFontStyleEx.Regular);
            sheet.Lines(letter.Letterhead[i], font, i == 0 ? XBrushes.Black : new XSolidBrush(Grey), i == 0 ? 19 : 11.5);
        }
        sheet.Space(6);
        sheet.Rule();
        sheet.Space(18);
        sheet.RightAligned(letter.DateLine, regular);
        if (letter.Number is { } number)
            sheet.Lines($"{letter.Labels.Number} {number}", regular, XBrushes.Black);
        sheet.Space(16);
        foreach (var line in letter.Addressee)
            sheet.Lines(line, regular, XBrushes.Black);
        sheet.Space(18);
        sheet.Lines($"{letter.Labels.Subject} {letter.Subject}", bold, XBrushes.Black);
        sheet.Space(12);
        for (var b = 0; b < letter.Body.Count; b++)
        {
            var block = letter.Body[b];
            var endsList = b + 1 == letter.Body.Count || letter.Body[b + 1].Kind != LetterBlockKind.Bullet;
            switch (block.Kind)
            {
                case LetterBlockKind.Heading:
                    sheet.Space(4);
                    sheet.Lines(block.Text, bold, XBrushes.Black, keepWithNext: 3);
                    sheet.Space(3);
                    break;
                case LetterBlockKind.Bullet:
                    sheet.Lines(block.Text, regular, XBrushes.Black, indent: 18, bullet: "•");
                    sheet.Space(endsList ? 8 : 3);
                    break;
                case LetterBlockKind.Paragraph:
                    sheet.Lines(block.Text, regular, XBrushes.Black);
                    sheet.Space(8);
                    break;
            }
        }
        sheet.Space(28, keepWithNext: 14 * Math.Max(1, letter.Signature.Count));
        for (var i = 0; i < letter.Signature.Count; i++)
            sheet.Lines(letter.Signature[i], i == 0 ? bold : regular, XBrushes.Black);
        sheet.Footers(letter);

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Where the next line goes, page after page.</summary>
    private sealed class Sheet(PdfDocument document)
    {
        private const double LineHeight = 14;
        private readonly List<PdfPage> _pages = [];
        private XGraphics? _graphics;
        private double _y;

        private XGraphics Graphics => _graphics ?? NewPage();

        public void Space(double points, double keepWithNext = 0)
        {
            _ = Graphics;
            if (_y + points + keepWithNext > PageHeight - Bottom)
                NewPage();
            else
                _y += points;
        }

        public void Rule() => Graphics.DrawLine(new XPen(Grey, 0.6), Left, _y, PageWidth - Right, _y);

        public void RightAligned(string text, XFont font)
        {
            EnsureRoom(LineHeight);
            var width = Graphics.MeasureString(text, font).Width;
            Graphics.DrawString(text, font, XBrushes.Black, new XPoint(PageWidth - Right - width, _y + font.Size), XStringFormats.Default);
            _y += LineHeight;
        }

        /// <summary>Draws <paramref name="text"/> wrapped to the text width, moving to a new page when the page is full.</summary>
        public void Lines(string text, XFont font, XBrush brush, double? lineHeight = null, double indent = 0, string? bullet = null, double keepWithNext = 0)
        {
            var height = lineHeight ?? Math.Max(LineHeight, font.Size * 1.4);
            var lines = Wrap(text, font, TextWidth - indent);
            EnsureRoom(height * Math.Min(lines.Count, 2) + keepWithNext * height);
            for (var i = 0; i < lines.Count; i++)
            {
                EnsureRoom(height);
                if (i == 0 && bullet is not null)
                    Graphics.DrawString(bullet, font, brush, new XPoint(Left + indent - 11, _y + font.Size), XStringFormats.Default);
                Graphics.DrawString(lines[i], font, brush, new XPoint(Left + indent, _y + font.Size), XStringFormats.Default);
                _y += height;
            }
        }

        public void Footers(LetterContent letter)
        {
            _graphics?.Dispose();
            _graphics = null;
            var font = new XFont(LetterFonts.Family, 7.5, XFontStyleEx.Regular);
            for (var i = 0; i < _pages.Count; i++)
            {
                using var graphics = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
                var parts = new[] { letter.Labels.Confidential, letter.Number, string.Format(System.Globalization.CultureInfo.InvariantCulture, letter.Labels.PageOf, i + 1, _pages.Count) };
                var text = string.Join(" · ", parts.Where(p => !string.IsNullOrEmpty(p)));
                var width = graphics.MeasureString(text, font).Width;
                graphics.DrawString(text, font, new XSolidBrush(Grey), new XPoint((PageWidth - width) / 2, PageHeight - 40), XStringFormats.Default);
            }
        }

        private void EnsureRoom(double height)
        {
            if (_y + height > PageHeight - Bottom)
                NewPage();
        }

        private XGraphics NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _pages.Add(page);
            _graphics = XGraphics.FromPdfPage(page);
            _y = Top;
            return _graphics;
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                    lines.Add(line);
                line = word;
                // A word wider than the line (a long address, say) is cut where it must be.
                while (Graphics.MeasureString(line, font).Width > width && line.Length > 1)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && Graphics.MeasureString(line[..fits], font).Width > width)
                        fits--;
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }
            if (line.Length > 0 || lines.Count == 0)
                lines.Add(line);
            return lines;
        }
    }
}
