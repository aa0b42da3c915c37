using ConnexDesk.Features.Intake;
using MimeKit;

namespace ConnexDesk.Tests.Intake;

public sealed class MailReadingTests
{
    private static MimeContent Attachment(string encoded) => new MimeContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(encoded)), ContentEncoding.Base64);

    [Fact]
    public void Base64_with_line_breaks_decodes_to_the_original_bytes()
    {
        var original = new byte[300_000];
        new Random(42).NextBytes(original);
        using var decoded = new MemoryStream();

        MailReading.Decode(Attachment(Convert.ToBase64String(original, Base64FormattingOptions.InsertLineBreaks)), decoded);

        Assert.Equal(original, decoded.ToArray());
    }

    [Fact]
    public void Broken_base64_is_decoded_as_leniently_as_mimekit_does()
    {
        // Stray characters and a missing final padding, as some mailers write it: the runtime refuses it, MimeKit reads it.
        var broken = "JVBERi0xLjcKJeLjz9MK\r\n*!JVBERi0x\r\nLjcK";
        using var decoded = new MemoryStream();
        using var byMimeKit = new MemoryStream();

        MailReading.Decode(Attachment(broken), decoded);
        Attachment(broken).DecodeTo(byMimeKit);

        Assert.NotEmpty(decoded.ToArray());
        Assert.Equal(byMimeKit.ToArray(), decoded.ToArray());
    }
}
