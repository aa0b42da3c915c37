using PdfSharp.Fonts;

namespace ConnexDesk.Features.Letters;

/// <summary>
/// PDFsharp on Linux finds no fonts by itself. The desk ships DejaVu Sans (Features/Letters/Fonts, Bitstream Vera
/// licence, covering every letter of the four languages) and hands it over here, so that a fresh machine renders
/// the same PDF without installing anything.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();

    /// <summary>PDFsharp allows one resolver per process, set before the first PDF is drawn.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not LetterFonts)
                GlobalFontSettings.FontResolver = new LetterFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => (bold, italic) switch
    {
        (true, true) => new FontResolverInfo("DejaVuSans-Bold", false, true),
        (true, false) => new FontResolverInfo("DejaVuSans-Bold"),
        (false, true) => new FontResolverInfo("DejaVuSans-Oblique"),
        (false, false) => new FontResolverInfo("DejaVuSans"),
    };

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream($"Letters.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not built into the desk.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
