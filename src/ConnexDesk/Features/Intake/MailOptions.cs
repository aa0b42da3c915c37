using MailKit.Security;

namespace ConnexDesk.Features.Intake;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The Maildir the desk takes mail from; relative paths are under the data directory. Empty turns the loop off.</summary>
    public string Maildir { get; set; } = "maildir";

    public int MaildirPollSeconds { get; set; } = 5;

    /// <summary>Larger messages are quarantined, not opened (default 25 MB).</summary>
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Deeper MIME nesting is quarantined: no honest mail client nests twenty levels.</summary>
    public int MaxMimeDepth { get; set; } = 20;

    public SmtpOptions Smtp { get; set; } = new();

    public ImapOptions Imap { get; set; } = new();

    /// <summary>Added to the desk's own outgoing mail, so that a loop back into the mailbox is recognised.</summary>
    public const string LoopHeader = "X-ConnexDesk-Loop";

    /// <summary>The Security setting of an SMTP or IMAP server: None, StartTls (the default) or SslOnConnect.</summary>
    public static SecureSocketOptions SocketSecurity(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "sslonconnect" or "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}

public sealed class SmtpOptions
{
    /// <summary>Empty: nothing is sent; mail waits in the outbox.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTls";

    public string? User { get; set; }

    public string? Password { get; set; }

    public int PollSeconds { get; set; } = 10;
}

public sealed class ImapOptions
{
    /// <summary>Empty: the desk reads no IMAP mailbox.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "SslOnConnect";

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    public string Folder { get; set; } = "INBOX";

    /// <summary>Where filed messages are moved; empty leaves them in the folder, marked as read.</summary>
    public string ProcessedFolder { get; set; } = "";

    /// <summary>How often to look when the server cannot push new mail (no IDLE).</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>IDLE is renewed within the 30 minutes after which servers may drop an idle client (RFC 2177).</summary>
    public int IdleMinutes { get; set; } = 9;

    public bool UseIdle { get; set; } = true;
}
