using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ConnexDesk.Domain.Audit;

public enum AuditAction
{
    /// <summary>A page of case content or personal data was shown.</summary>
    Read,

    /// <summary>A file was downloaded.</summary>
    Download,

    /// <summary>Something was changed (a form that was saved).</summary>
    Change,

    /// <summary>A change was tried and refused, or crossed someone else's change.</summary>
    ChangeRefused,

    /// <summary>Something was asked for that does not exist or is not the person's to see.</summary>
    Denied,
    SignIn,
    SignInFailed,
    SignOut,

    /// <summary>An account was created, or its role, organisation or case access changed.</summary>
    PermissionChange,

    /// <summary>Data left the desk in a file (an export).</summary>
    Export,
}

/// <summary>What happened, who did it, when, from where, on which case, to what.</summary>
public sealed record AuditRecord(DateTime At, string ActorId, string ActorName, string? Address, string? CaseReference, AuditAction Action, string Target);

/// <summary>
/// One line of the audit trail. Entries form a chain: each carries the SHA-256 of the previous entry's hash and its
/// own content, so that an edit, a deletion or a reordering anywhere breaks every hash after it.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private AuditEntry()
    {
        ActorId = "";
        ActorName = "";
        Target = "";
        PreviousHash = Genesis;
        Hash = "";
    }

    public long Sequence { get; private set; }
    public DateTime At { get; private set; }
    public string ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string? Address { get; private set; }
    public string? CaseReference { get; private set; }
    public AuditAction Action { get; private set; }
    public string Target { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    /// <summary>The entry that follows <paramref name="previous"/> (or starts the chain) and records <paramref name="record"/>.</summary>
    public static AuditEntry After(AuditEntry? previous, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = new AuditEntry
        {
            Sequence = (previous?.Sequence ?? 0) + 1,
            // Whole microseconds: what PostgreSQL keeps, so the hash survives the round trip.
            At = DateTime.SpecifyKind(record.At.AddTicks(-(record.At.Ticks % 10)), DateTimeKind.Utc),
            ActorId = Clip(record.ActorId, 450),
            ActorName = Clip(record.ActorName, 200),
            Address = record.Address is null ? null : Clip(record.Address, 64),
            CaseReference = record.CaseReference is null ? null : Clip(record.CaseReference, 20),
            Action = record.Action,
            Target = Clip(record.Target, 1000),
            PreviousHash = previous?.Hash ?? Genesis,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    /// <summary>SHA-256 (lower-case hex) of the previous hash and this entry's content, one field per line.</summary>
    public string ComputeHash()
    {
        var content = string.Join('\n',
            PreviousHash,
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            ActorId, ActorName, Address ?? "", CaseReference ?? "", Action.ToString(), Target);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Where a chain stops being intact: the entry, and what is wrong with it.</summary>
public sealed record AuditBreak(long Sequence, string Problem);

public static class AuditChain
{
    /// <summary>
    /// The first entry at which the chain, read in sequence order, is not intact; nothing when it is. A changed entry
    /// no longer matches its hash; a deleted or moved one leaves a gap or a previous hash that does not match.
    /// </summary>
    /// <param name="before">The entry just before <paramref name="entries"/>, already checked; none when they start the chain.</param>
    public static AuditBreak? FirstBreak(IEnumerable<AuditEntry> entries, AuditEntry? before = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = before;
        foreach (var entry in entries)
        {
            var expectedSequence = (previous?.Sequence ?? 0) + 1;
            if (entry.Sequence != expectedSequence)
                return new AuditBreak(entry.Sequence, $"entry {expectedSequence} is missing or out of order (found {entry.Sequence} after {previous?.Sequence ?? 0})");
            if (entry.PreviousHash != (previous?.Hash ?? AuditEntry.Genesis))
                return new AuditBreak(entry.Sequence, "its previous hash does not match the entry before it (an entry was removed, replaced or reordered)");
            if (entry.Hash != entry.ComputeHash())
                return new AuditBreak(entry.Sequence, "its content does not match its hash (the entry was changed)");
            previous = entry;
        }
        return null;
    }
}
