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
