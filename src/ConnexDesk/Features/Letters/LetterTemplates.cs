using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Letters;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Letters;

/// <summary>The wording of one kind of letter in one language: Liquid templates for the subject, body and signature.</summary>
public sealed record LetterWording(string Subject, string Body, string Signature, int Version, DateTime? SavedAt = null, string? SavedBy = null);

/// <summary>
/// Where a letter's wording comes from: the latest version an administrator saved, else the wording shipped with the
/// desk (Features/Letters/Templates/{kind}.{language}.liquid, version 0). docs/decisions/0008 says why Liquid.
/// </summary>
public static class LetterTemplates
{
    private const string SubjectMarker = "--- subject ---";
    private const string BodyMarker = "--- body ---";
    private const string SignatureMarker = "--- signature ---";

    public static IReadOnlyList<LetterKind> Kinds { get; } = Enum.GetValues<LetterKind>();

    public static LetterWording Shipped(LetterKind kind, string language)
    {
        var name = $"Letters.Templates.{kind.ToString().ToLowerInvariant()}.{LetterLanguages.OrEnglish(language)}.liquid";
        using var stream = typeof(LetterTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The shipped template {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().ReplaceLineEndings("\n");
        var subjectAt = text.IndexOf(SubjectMarker, StringComparison.Ordinal);
        var bodyAt = text.IndexOf(BodyMarker, StringComparison.Ordinal);
        var signatureAt = text.IndexOf(SignatureMarker, StringComparison.Ordinal);
        if (subjectAt < 0 || bodyAt < subjectAt || signatureAt < bodyAt)
            throw new InvalidOperationException($"The shipped template {name} lacks its subject, body and signature sections, in that order.");
        return new LetterWording(
            text[(subjectAt + SubjectMarker.Length)..bodyAt].Trim(),
            text[(bodyAt + BodyMarker.Length)..signatureAt].Trim('\n'),
            text[(signatureAt + SignatureMarker.Length)..].Trim('\n'),
            0);
    }

    public static async Task<LetterWording> CurrentAsync(DeskDb db, LetterKind kind, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var saved = await db.LetterTemplates.AsNoTracking()
            .Where(t => t.Kind == kind && t.Language == language)
            .OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return saved is null ? Shipped(kind, language) : From(saved);
    }

    public static LetterWording From(LetterTemplate saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return new(saved.Subject, saved.Body, saved.Signature, saved.Version, saved.SavedAt, saved.SavedBy);
    }
}
