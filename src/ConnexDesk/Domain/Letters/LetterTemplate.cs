using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Domain.Letters;

/// <summary>
/// One saved version of a letter's wording in one language: a Liquid template for the subject, the body and the
/// signature. Saving makes a new version; the latest one writes new letters, and every letter names the version it used.
/// Where no version was ever saved, the wording shipped with the desk applies (version 0).
/// </summary>
public sealed class LetterTemplate
{
    private LetterTemplate()
    {
        Language = "";
        Subject = "";
        Body = "";
        Signature = "";
        SavedById = "";
        SavedBy = "";
    }

    public LetterTemplate(LetterKind kind, string language, int version, string subject, string body, string signature, DateTime savedAt, CaseActor savedBy)
    {
        ArgumentNullException.ThrowIfNull(savedBy);
        if (!LetterLanguages.IsKnown(language))
            throw new ArgumentException($"'{language}' is not one of the unit's languages.", nameof(language));
        Kind = kind;
        Language = language;
        Version = version;
        Subject = subject;
        Body = body;
        Signature = signature;
        SavedAt = savedAt;
        SavedById = savedBy.UserId;
        SavedBy = savedBy.Name;
    }

    public int Id { get; private set; }
    public LetterKind Kind { get; private set; }
    public string Language { get; private set; }
    public int Version { get; private set; }
    public string Subject { get; private set; }
    public string Body { get; private set; }
    public string Signature { get; private set; }
    public DateTime SavedAt { get; private set; }
    public string SavedById { get; private set; }
    public string SavedBy { get; private set; }
}
