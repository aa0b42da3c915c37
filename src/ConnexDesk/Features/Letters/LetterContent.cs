namespace ConnexDesk.Features.Letters;

public enum LetterBlockKind
{
    Paragraph,
    Heading,
    Bullet,
}

/// <summary>One block of a letter's body: a paragraph, a heading (a line starting "## ") or a bullet (a line starting "- ").</summary>
public sealed record LetterBlock(LetterBlockKind Kind, string Text);

/// <summary>The words around the body that every letter has, in the letter's language.</summary>
public sealed record LetterLabels(string Number, string Subject, string PageOf, string Confidential);

/// <summary>
/// A letter laid out in parts, ready to be written as DOCX or PDF: letterhead, date, number, addressee, subject,
/// body, signature. Both writers read only this, so the two files of one letter say the same thing.
/// </summary>
public sealed record LetterContent(
    string Language,
    IReadOnlyList<string> Letterhead,
    string DateLine,
    string? Number,
    IReadOnlyList<string> Addressee,
    string Subject,
    IReadOnlyList<LetterBlock> Body,
    IReadOnlyList<string> Signature,
    LetterLabels Labels)
{
    /// <summary>Splits rendered body text into blocks: blank lines separate paragraphs, single line breaks are kept as spaces.</summary>
    public static IReadOnlyList<LetterBlock> Blocks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<LetterBlock>();
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
                blocks.Add(new LetterBlock(LetterBlockKind.Paragraph, string.Join(' ', paragraph)));
            paragraph.Clear();
        }
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                blocks.Add(new LetterBlock(LetterBlockKind.Heading, line[3..].Trim()));
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                blocks.Add(new LetterBlock(LetterBlockKind.Bullet, line[2..].Trim()));
            }
            else
            {
                paragraph.Add(line);
            }
        }
        Flush();
        return blocks;
    }

    /// <summary>The lines of a rendered signature, without empty ones at either end.</summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
            lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
