using System.Buffers;
using System.Buffers.Text;
using System.Text;
using AngleSharp.Html.Parser;
using ConnexDesk.Domain;
using Ganss.Xss;
using MimeKit;

namespace ConnexDesk.Features.Intake;

/// <summary>What the pipeline reads from a parsed message: whether it is automatic, its text, its files' real types.</summary>
public static class MailReading
{
    private static readonly string[] AutomaticSenders = ["mailer-daemon", "postmaster", "no-reply", "noreply", "do-not-reply", "donotreply"];

    /// <summary>Why a message is automatic mail (RFC 3834 and common practice), or null for mail written by a person.</summary>
    public static string? AutomaticReason(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Headers.Contains(MailOptions.LoopHeader))
            return "the desk's own mail came back";
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted];
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return "Auto-Submitted: " + autoSubmitted.Trim();
        if (message.Body is MultipartReport)
            return "delivery or read report (multipart/report)";
        var precedence = message.Headers[HeaderId.Precedence]?.Trim();
        if (precedence is not null && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase) || precedence.Equals("list", StringComparison.OrdinalIgnoreCase) || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase)))
            return "Precedence: " + precedence;
        if (message.Headers.Any(h => h.Field.StartsWith("List-", StringComparison.OrdinalIgnoreCase)))
            return "mailing-list headers";
        var local = message.From.Mailboxes.FirstOrDefault()?.LocalPart;
        if (local is not null && AutomaticSenders.Any(s => local.Equals(s, StringComparison.OrdinalIgnoreCase)))
            return "sent by " + local;
        return null;
    }

    /// <summary>The Message-ID of the message a delivery report is about (from its message/rfc822 or text/rfc822-headers part).</summary>
    public static string? ReportedMessageId(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body is not MultipartReport report)
            return null;
        foreach (var part in report)
        {
            switch (part)
            {
                case MessagePart { Message.MessageId: { } id }:
                    return id;
                case TextPart text when text.ContentType.IsMimeType("text", "rfc822-headers"):
                    using (var headers = new MemoryStream(Encoding.UTF8.GetBytes(text.Text ?? "")))
                    {
                        var list = HeaderList.Load(headers);
                        var value = list[HeaderId.MessageId];
                        if (value is not null)
                            return MimeKit.Utils.MimeUtils.EnumerateReferences(value).FirstOrDefault();
                    }
                    break;
            }
        }
        return null;
    }

    public static int Depth(MimeEntity? entity) => entity switch
    {
        Multipart multipart => 1 + (multipart.Count == 0 ? 0 : multipart.Max(Depth)),
        MessagePart { Message: { } inner } => 1 + Depth(inner.Body),
        _ => 1,
    };

    /// <summary>Plain text for reading and search: the text part, or the HTML part's text; never markup.</summary>
    public static string? Text(MimeMessage message, int limit = 100_000)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.TextBody;
        // From the sanitised HTML: the raw HTML's text would include what its <script> and <style> elements hold.
        if (string.IsNullOrWhiteSpace(text) && SafeHtml(message) is { } html)
            text = new HtmlParser().ParseDocument(html).Body?.TextContent;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return text.Length > limit ? text[..limit] : text;
    }

    /// <summary>The HTML part with scripts, handlers, forms, frames and every image removed: no tracking pixel can be fetched.</summary>
    public static string? SafeHtml(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.HtmlBody is not { Length: > 0 } html)
            return null;
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("https");
        return sanitizer.Sanitize(html);
    }

    /// <summary>
    /// Decodes a part's content into <paramref name="into"/> (empty). Base64, the encoding of nearly every attachment,
    /// goes through the runtime's vectorised decoder, which takes a 1 MB file in a fraction of MimeKit's time; any
    /// other encoding, and base64 the runtime finds malformed, goes through MimeKit, which is lenient with broken mail.
    /// </summary>
    public static void Decode(IMimeContent content, MemoryStream into, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(into);
        if (content.Encoding == ContentEncoding.Base64 && content.Stream is { CanSeek: true } encoded && encoded.Length <= int.MaxValue / 2)
        {
            var length = (int)encoded.Length;
            var text = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                encoded.Position = 0;
                encoded.ReadExactly(text, 0, length);
                into.SetLength(Base64.GetMaxDecodedFromUtf8Length(length));
                if (Base64.DecodeFromUtf8(text.AsSpan(0, length), into.GetBuffer(), out _, out var written) == OperationStatus.Done)
                {
                    into.SetLength(written);
                    return;
                }
                into.SetLength(0);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(text);
                encoded.Position = 0;
            }
        }
        content.DecodeTo(into, cancellationToken);
    }

    /// <summary>The file's type from its first bytes; the name and the declared type are not trusted.</summary>
    public const string WordDocument = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string ExcelWorkbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string SniffContentType(ReadOnlySpan<byte> content)
    {
        static bool Starts(ReadOnlySpan<byte> bytes, params byte[] magic) => bytes.Length >= magic.Length && bytes[..magic.Length].SequenceEqual(magic);
        if (Starts(content, "%PDF-"u8.ToArray()))
            return "application/pdf";
        if (Starts(content, 0x50, 0x4B, 0x03, 0x04))
        {
            var head = Encoding.ASCII.GetString(content[..Math.Min(content.Length, 4096)]);
            return head.Contains("word/", StringComparison.Ordinal) ? WordDocument
                : head.Contains("xl/", StringComparison.Ordinal) ? ExcelWorkbook
                : "application/zip";
        }
        if (Starts(content, 0x89, 0x50, 0x4E, 0x47))
            return "image/png";
        if (Starts(content, 0xFF, 0xD8, 0xFF))
            return "image/jpeg";
        if (Starts(content, "GIF8"u8.ToArray()))
            return "image/gif";
        if (Starts(content, 0xD0, 0xCF, 0x11, 0xE0))
            return "application/x-ole-storage";
        return LooksLikeText(content) ? "text/plain" : "application/octet-stream";
    }

    /// <summary>A file name safe to show and to offer for download: no path, no control characters, not empty.</summary>
    public static string SafeFileName(string? name)
    {
        var file = Path.GetFileName((name ?? "").Replace('\\', '/'));
        file = new string([.. file.Where(c => !char.IsControl(c) && c is not '"' and not '<' and not '>' and not '|' and not ':' and not '*' and not '?')]).Trim().TrimStart('.');
        if (file.Length == 0)
            file = "attachment";
        return file.Length > 200 ? file[^200..] : file;
    }

    /// <summary>The case fields an inquiry opened from a message starts with: its subject as title, its text as summary.</summary>
    public static Domain.Cases.CaseDetails InquiryDetails(Domain.Intake.CaseMessage message, string? countryCode, string? summary = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        static string? Limit(string? text, int length) => string.IsNullOrWhiteSpace(text) ? null : text.Length > length ? text[..length] : text;
        var country = countryCode ?? CountryFromAddress(message.FromAddress);
        // The language the sender wrote in (or their country's) is the one the unit's letters will use; staff can change it.
        return new Domain.Cases.CaseDetails(country, Limit(message.Subject, 300) ?? "(no subject)", Limit(summary ?? message.TextBody, 2000),
            Language: Outbox.Acknowledgement.LanguageFor(null, message.TextBody, country));
    }

    /// <summary>A country from the sender's domain (gouv.sn, gov.mz): a first guess staff can correct, never a basis for access.</summary>
    public static string? CountryFromAddress(string? address)
    {
        var domain = address?.Split('@').LastOrDefault();
        var tld = domain?.Split('.').LastOrDefault();
        if (tld is not { Length: 2 })
            return null;
        return tld.Equals("uk", StringComparison.OrdinalIgnoreCase) ? "GB" : Countries.Normalise(tld);
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, 8192)];
        if (sample.Contains((byte)0))
            return false;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(sample);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
