using System.Globalization;

namespace ConnexDesk.Domain.Cases;

/// <summary>The letters the unit writes. The first three are issued on a case; the request-letter template is handed to governments to fill in.</summary>
public enum LetterKind
{
    Acknowledgement,
    Approval,
    Decline,
    RequestLetterTemplate,
}

/// <summary>The languages the unit writes in (DESIGN.md section 1).</summary>
public static class LetterLanguages
{
    public static IReadOnlyList<string> All { get; } = ["en", "fr", "es", "pt"];

    public static bool IsKnown(string? language) => language is not null && All.Contains(language);

    public static string OrEnglish(string? language) => IsKnown(language) ? language! : "en";

    /// <summary>Each language by its own name, as its speakers look for it in a list.</summary>
    public static string NativeName(string language) => language switch
    {
        "fr" => "Français",
        "es" => "Español",
        "pt" => "Português",
        _ => "English",
    };
}

/// <summary>A letter's number, sequential across the unit within a year: CNX/L/2026/0001.</summary>
public readonly record struct LetterNumber(int Year, int Sequence)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CNX/L/{Year}/{Sequence:0000}");

    /// <summary>The number as it can stand in a file name.</summary>
    public string ForFileName => ToString().Replace('/', '-');
}

/// <summary>
/// A letter the unit has issued on a case: its number, language, who issued it and when, the two files (DOCX to edit,
/// PDF as sent) and to whom it was sent. Never changed once issued.
/// </summary>
public sealed class IssuedLetter
{
    private IssuedLetter()
    {
        Number = "";
        Language = "";
        IssuedById = "";
        IssuedBy = "";
        SentTo = "";
        PdfSha256 = "";
        DocxSha256 = "";
        Subject = "";
    }

    public IssuedLetter(LetterKind kind, LetterNumber number, string language, string subject, DateTime issuedAt, CaseActor issuedBy,
        string sentTo, string pdfSha256, string docxSha256, int templateVersion, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(issuedBy);
        if (kind == LetterKind.RequestLetterTemplate)
            throw new ArgumentException("The request-letter template is handed out, not issued.", nameof(kind));
        Kind = kind;
        Number = number.ToString();
        Year = number.Year;
        Sequence = number.Sequence;
        Language = language;
        Subject = subject;
        IssuedAt = issuedAt;
        IssuedById = issuedBy.UserId;
        IssuedBy = issuedBy.Name;
        SentTo = sentTo;
        PdfSha256 = pdfSha256;
        DocxSha256 = docxSha256;
        TemplateVersion = templateVersion;
        Reason = reason;
    }

    /// <summary>The kind of case document an issued letter's files are.</summary>
    public static CaseDocumentKind DocumentKindOf(LetterKind kind) => kind switch
    {
        LetterKind.Acknowledgement => CaseDocumentKind.AcknowledgementLetter,
        LetterKind.Approval => CaseDocumentKind.ApprovalLetter,
        LetterKind.Decline => CaseDocumentKind.DeclineLetter,
        LetterKind.RequestLetterTemplate => throw new ArgumentException("The request-letter template is not issued.", nameof(kind)),
    };

    public int Id { get; private set; }
    public LetterKind Kind { get; private set; }
    public string Number { get; private set; }
    public int Year { get; private set; }
    public int Sequence { get; private set; }
    public string Language { get; private set; }
    public string Subject { get; private set; }
    public DateTime IssuedAt { get; private set; }
    public string IssuedById { get; private set; }
    public string IssuedBy { get; private set; }

    /// <summary>The focal point's address the PDF went to, through the outbox.</summary>
    public string SentTo { get; private set; }
    public string PdfSha256 { get; private set; }
    public string DocxSha256 { get; private set; }

    /// <summary>Which saved version of the template wrote it; 0 for the template shipped with the desk.</summary>
    public int TemplateVersion { get; private set; }

    /// <summary>For a decline: the reason given to the government.</summary>
    public string? Reason { get; private set; }
}

/// <summary>
/// "The exchange of the request letter and the approval letter is the official agreement." Recorded once, when the
/// approval letter is issued, with both documents' fingerprints and dates and the two parties; never changed after.
/// </summary>
public sealed class Agreement
{
    private Agreement()
    {
        RequestLetterFileName = "";
        RequestLetterSha256 = "";
        ApprovalLetterNumber = "";
        ApprovalLetterSha256 = "";
        SupportRecipient = "";
        SupportProvider = "";
        RecordedById = "";
        RecordedBy = "";
    }

    internal Agreement(CaseDocument requestLetter, IssuedLetter approvalLetter, string supportRecipient, string supportProvider, CaseActor recordedBy)
    {
        RequestLetterDocumentId = requestLetter.Id;
        RequestLetterFileName = requestLetter.FileName;
        RequestLetterSha256 = requestLetter.Sha256;
        RequestLetterReceivedAt = requestLetter.AddedAt;
        ApprovalLetterNumber = approvalLetter.Number;
        ApprovalLetterSha256 = approvalLetter.PdfSha256;
        ApprovalLetterIssuedAt = approvalLetter.IssuedAt;
        SupportRecipient = supportRecipient;
        SupportProvider = supportProvider;
        RecordedById = recordedBy.UserId;
        RecordedBy = recordedBy.Name;
    }

    public int Id { get; private set; }
    public int RequestLetterDocumentId { get; private set; }
    public string RequestLetterFileName { get; private set; }
    public string RequestLetterSha256 { get; private set; }

    /// <summary>When the request letter came onto the case.</summary>
    public DateTime RequestLetterReceivedAt { get; private set; }

    public string ApprovalLetterNumber { get; private set; }

    /// <summary>The fingerprint of the approval letter's PDF, the file that was sent.</summary>
    public string ApprovalLetterSha256 { get; private set; }
    public DateTime ApprovalLetterIssuedAt { get; private set; }

    /// <summary>The requesting government's organisation, as named when the agreement was made.</summary>
    public string SupportRecipient { get; private set; }
    public string SupportProvider { get; private set; }
    public string RecordedById { get; private set; }
    public string RecordedBy { get; private set; }
}

/// <summary>What issuing a letter brings besides the letter: its two files, and for an approval the names of the parties.</summary>
public sealed record LetterFiles(CaseDocument Pdf, CaseDocument Docx, string SupportRecipient, string SupportProvider);
