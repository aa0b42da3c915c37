using System.IO.Compression;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Intake;

namespace ConnexDesk.Features.Cases;

public sealed record CheckedUpload(byte[] Content, string ContentType, string FileName);

/// <summary>
/// What a file uploaded to a case must be: no larger than the limit, one of the kinds of file a negotiation file is
/// made of (judged from its content, not its name), and, for Word and Excel files, which are zip archives, not a
/// small file that expands into a huge one.
/// </summary>
public static class DocumentUpload
{
    public const long MaxBytes = 25L * 1024 * 1024;

    /// <summary>What an Office file may expand to, in all; real contracts and models stay far below.</summary>
    public const long MaxExpandedBytes = 200L * 1024 * 1024;

    public const int MaxArchiveEntries = 5000;

    private static readonly HashSet<string> Allowed =
    [
        "application/pdf",
        MailReading.WordDocument,
        MailReading.ExcelWorkbook,
        "image/png",
        "image/jpeg",
        "text/plain",
    ];

    /// <summary>
    /// An uploaded file checked and stored (encrypted) as a document of the given kind, ready to be added to a case; or
    /// why it is refused, in words for the person who sent it (a localizer key with the file name).
    /// </summary>
    public static async Task<(CaseDocument? Document, string? Problem)> StoreAsync(IFormFile file, CaseDocumentKind kind, string addedBy, DateTime at, Infrastructure.BlobStore blobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(blobs);
        await using var stream = file.OpenReadStream();
        var (upload, problem) = await CheckAsync(stream, file.Length, file.FileName, cancellationToken);
        if (upload is null)
            return (null, problem);
        var sha256 = await blobs.PutAsync(upload.Content, cancellationToken);
        return (new CaseDocument(kind, upload.FileName, upload.ContentType, sha256, upload.Content.Length, at, addedBy), null);
    }

    /// <summary>The file, read and checked; or why it is refused, in words for the person who sent it.</summary>
    public static async Task<(CheckedUpload? File, string? Problem)> CheckAsync(Stream content, long length, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (length <= 0)
            return (null, "The file is empty.");
        if (length > MaxBytes)
            return (null, $"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        var bytes = new byte[length];
        await content.ReadExactlyAsync(bytes, cancellationToken);
        var type = MailReading.SniffContentType(bytes);
        if (!Allowed.Contains(type))
            return (null, "Only PDF, Word (.docx), Excel (.xlsx), PNG, JPEG and plain-text files can be added.");
        if (type is MailReading.WordDocument or MailReading.ExcelWorkbook && ArchiveProblem(bytes) is { } problem)
            return (null, problem);
        return (new CheckedUpload(bytes, type, MailReading.SafeFileName(fileName)), null);
    }

    /// <summary>Why a zip-based Office file must not be opened (too many parts, or it expands too far), or null.</summary>
    internal static string? ArchiveProblem(byte[] bytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxArchiveEntries)
                return "The file holds too many parts to be a real Word or Excel file.";
            // Expanded for real, not taken at its word: an archive can declare small sizes and hold a bomb.
            var expanded = 0L;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    expanded += read;
                    if (expanded > MaxExpandedBytes)
                        return $"The file expands to more than {MaxExpandedBytes / (1024 * 1024)} MB.";
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return "The file is not a readable Word or Excel file.";
        }
    }
}
