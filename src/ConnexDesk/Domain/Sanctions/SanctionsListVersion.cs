namespace ConnexDesk.Domain.Sanctions;

/// <summary>One imported file of a sanctions list. The latest version of each list is the one in force; older ones are kept.</summary>
public sealed class SanctionsListVersion
{
    private readonly List<SanctionsEntry> _entries = [];

    private SanctionsListVersion()
    {
        Label = "";
        Sha256 = "";
        ImportedBy = "";
    }

    public SanctionsListVersion(SanctionsList list, string label, DateTime? generatedAt, string sha256, DateTime importedAt, string importedBy, IEnumerable<ListedParty> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        List = list;
        Label = label;
        GeneratedAt = generatedAt;
        Sha256 = sha256;
        ImportedAt = importedAt;
        ImportedBy = importedBy;
        _entries.AddRange(parties.Select(p => new SanctionsEntry(p.Reference, p.Kind, p.PrimaryName, p.Names)));
    }

    public int Id { get; private set; }
    public SanctionsList List { get; private set; }
    public string Label { get; private set; }

    /// <summary>When the publisher generated the file, as the file says.</summary>
    public DateTime? GeneratedAt { get; private set; }
    public string Sha256 { get; private set; }
    public DateTime ImportedAt { get; private set; }
    public string ImportedBy { get; private set; }
    public IReadOnlyList<SanctionsEntry> Entries => _entries;
}

public sealed class SanctionsEntry
{
    private SanctionsEntry()
    {
        Reference = "";
        PrimaryName = "";
        Names = [];
    }

    internal SanctionsEntry(string reference, ListedKind kind, string primaryName, IReadOnlyList<string> names)
    {
        Reference = reference;
        Kind = kind;
        PrimaryName = primaryName;
        Names = [.. names];
    }

    public long Id { get; private set; }
    public string Reference { get; private set; }
    public ListedKind Kind { get; private set; }
    public string PrimaryName { get; private set; }

    /// <summary>The primary name, aliases and names in original script.</summary>
    public List<string> Names { get; private set; }

    public ListedParty ToParty(SanctionsList list) => new(list, Reference, Kind, PrimaryName, Names);
}
