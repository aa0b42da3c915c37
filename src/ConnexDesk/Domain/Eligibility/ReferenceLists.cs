namespace ConnexDesk.Domain.Eligibility;

public enum ListKind
{
    /// <summary>OECD DAC List of ODA Recipients; the group is LDC, OtherLIC, LMIC or UMIC.</summary>
    DacRecipients,

    /// <summary>UN WESP economies in transition; the group is the WESP subgroup.</summary>
    EconomiesInTransition,

    /// <summary>UN Least Developed Countries, with graduation dates.</summary>
    LeastDeveloped,
}

/// <summary>One version of a published list, in force from <see cref="EffectiveFrom"/> until a later version of the same kind.</summary>
public sealed class ReferenceListVersion
{
    private readonly List<ReferenceListEntry> _entries = [];

    private ReferenceListVersion()
    {
        Label = "";
        Source = "";
        ImportedBy = "";
        Sha256 = "";
    }

    public ReferenceListVersion(ListKind kind, string label, DateOnly effectiveFrom, string source, DateTime importedAt, string importedBy, string sha256, IEnumerable<ReferenceListEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(entries);
        Kind = kind;
        Label = label.Trim();
        EffectiveFrom = effectiveFrom;
        Source = source;
        ImportedAt = importedAt;
        ImportedBy = importedBy;
        Sha256 = sha256;
        _entries.AddRange(entries);
    }

    public int Id { get; private set; }
    public ListKind Kind { get; private set; }
    public string Label { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public string Source { get; private set; }
    public DateTime ImportedAt { get; private set; }
    public string ImportedBy { get; private set; }
    public string Sha256 { get; private set; }
    public IReadOnlyList<ReferenceListEntry> Entries => _entries;

    public ReferenceListEntry? Find(string countryCode) =>
        _entries.FirstOrDefault(e => string.Equals(e.CountryCode, countryCode, StringComparison.OrdinalIgnoreCase));
}

public sealed class ReferenceListEntry
{
    private ReferenceListEntry()
    {
        CountryCode = "";
        Group = "";
    }

    public ReferenceListEntry(string countryCode, string group, DateOnly? graduationOn, string? note)
    {
        CountryCode = countryCode;
        Group = group;
        GraduationOn = graduationOn;
        Note = string.IsNullOrWhiteSpace(note) ? null : note;
    }

    public int Id { get; private set; }
    public string CountryCode { get; private set; }
    public string Group { get; private set; }
    public DateOnly? GraduationOn { get; private set; }
    public string? Note { get; private set; }
}
