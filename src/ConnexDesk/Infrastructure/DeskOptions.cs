namespace ConnexDesk.Infrastructure;

public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>Where the embedded database, stored documents and the Maildir live. Relative paths are taken from the content root.</summary>
    public string DataDirectory { get; set; } = "./desk-data";

    public string PublicUrl { get; set; } = "http://localhost:5080";

    public string UnitName { get; set; } = "Negotiation Support Unit";

    /// <summary>The unit's postal address, one line, on the letterhead of its letters.</summary>
    public string UnitAddress { get; set; } = "";

    /// <summary>How many years back a past client or employer keeps an expert off a case facing it (older ties are shown only).</summary>
    public int ConflictLookBackYears { get; set; } = Domain.Experts.ConflictScreening.DefaultLookBackYears;

    /// <summary>
    /// Cookies travel over HTTPS only and carry the __Host- prefix (no other host or path can set or read them). Turn
    /// off only to run the desk over plain http, as in Development on localhost.
    /// </summary>
    public bool HttpsCookies { get; set; } = true;

    /// <summary>A session with no request for this long ends.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>
    /// Staff, managers, administrators and experts must set up an authenticator app before they see anything; focal
    /// points are offered it. Turned off only for the local demo (appsettings.Development.json).
    /// </summary>
    public bool RequireTwoFactor { get; set; } = true;

    /// <summary>A session ends this long after its sign-in, however busy it has been.</summary>
    public int AbsoluteSessionHours { get; set; } = 10;

    /// <summary>The unit's mailbox, where governments write first.</summary>
    public string UnitEmail { get; set; } = "support@connexdesk.example";

    /// <summary>The domain of the unit's mailbox, for the Message-IDs of the desk's own mail.</summary>
    public string MailDomain => UnitEmail.Split('@').LastOrDefault() is { Length: > 0 } domain ? domain : "connexdesk.invalid";

    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory));
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
