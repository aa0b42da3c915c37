using System.Globalization;
using ConnexDesk.Features.Intake;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace ConnexDesk.Tests.Support;

/// <summary>
/// The Dovecot IMAP server that ./test.sh starts with one throwaway user. Each test works in a folder of its own, so
/// that tests running side by side never see each other's mail.
/// </summary>
public static class TestImapServer
{
    public const string User = "desk";
    public const string Password = "desk-imap-test";

    public static (string Host, int Port) Endpoint
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("CONNEXDESK_TEST_DOVECOT");
            if (string.IsNullOrEmpty(value))
                throw new InvalidOperationException("CONNEXDESK_TEST_DOVECOT is not set. Run the tests with ./test.sh, which starts Dovecot and sets it.");
            var parts = value.Split(':');
            return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The desk's IMAP settings for <paramref name="folder"/> on the test server (or on <paramref name="port"/>, a proxy in front of it).</summary>
    public static ImapOptions Options(string folder, string processedFolder = "", int? port = null) => new()
    {
        Host = Endpoint.Host,
        Port = port ?? Endpoint.Port,
        Security = "None",
        User = User,
        Password = Password,
        Folder = folder,
        ProcessedFolder = processedFolder,
        PollSeconds = 600,
    };

    public static async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        var (host, port) = Endpoint;
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>Creates a new, empty folder and returns its name: <paramref name="prefix"/> and a unique suffix, or exactly the name given.</summary>
    public static async Task<string> NewFolderAsync(string prefix = "test", bool exactName = false)
    {
        var name = exactName ? prefix : $"{prefix}-{Guid.NewGuid():N}";
        using var client = await ConnectAsync();
        await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, true);
        await client.DisconnectAsync(true);
        return name;
    }

    /// <summary>Delivers messages into a folder as a mail client would (APPEND), optionally already read by someone.</summary>
    public static async Task AppendAsync(string folder, IEnumerable<byte[]> messages, MessageFlags flags = MessageFlags.None)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var client = await ConnectAsync();
        var target = await client.GetFolderAsync(folder);
        foreach (var raw in messages)
        {
            using var stream = new MemoryStream(raw);
            await target.AppendAsync(new AppendRequest(await MimeMessage.LoadAsync(stream), flags));
        }
        await client.DisconnectAsync(true);
    }

    /// <summary>The Message-ID of every message in the folder, with whether it is marked read.</summary>
    public static async Task<IReadOnlyList<(string MessageId, bool Seen)>> ContentsAsync(string folder)
    {
        using var client = await ConnectAsync();
        var target = await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var uids = await target.SearchAsync(SearchQuery.All);
        var summaries = uids.Count == 0 ? [] : await target.FetchAsync(uids, MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
        await client.DisconnectAsync(true);
        return [.. summaries.Select(s => (s.Envelope?.MessageId ?? "", s.Flags!.Value.HasFlag(MessageFlags.Seen)))];
    }

    public static async Task DeleteFolderAsync(string folder)
    {
        using var client = await ConnectAsync();
        await (await client.GetFolderAsync(folder)).DeleteAsync();
        await client.DisconnectAsync(true);
    }

    /// <summary>A plain message from a ministry, different each time.</summary>
    public static byte[] Inquiry(string messageId, string subject, byte[]? attachment = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Amina Diallo", "amina.diallo@mines.gouv.example"));
        message.To.Add(new MailboxAddress("ConnexDesk", "desk@connex.example"));
        message.Subject = subject;
        message.MessageId = messageId;
        message.Date = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        var body = new BodyBuilder { TextBody = "We would like support for the renegotiation of a mining convention. " + subject };
        if (attachment is not null)
            body.Attachments.Add("request-letter.pdf", attachment, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
