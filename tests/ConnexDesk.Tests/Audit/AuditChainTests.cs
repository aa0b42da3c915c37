using ConnexDesk.Domain.Audit;

namespace ConnexDesk.Tests.Audit;

/// <summary>The hash chain on its own: intact, and broken by a removal, a reordering or a replacement.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTime Start = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);

    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < length; i++)
            entries.Add(AuditEntry.After(entries.LastOrDefault(), new AuditRecord(Start.AddMinutes(i), "officer-1", "Olga Officer", "10.0.0.7", "CNX-2026-0004", AuditAction.Read, $"/Cases/Detail #{i}")));
        return entries;
    }

    [Fact]
    public void An_intact_chain_has_no_break_and_each_entry_names_the_hash_before_it()
    {
        var chain = Chain(5);

        Assert.Null(AuditChain.FirstBreak(chain));
        Assert.Equal(AuditEntry.Genesis, chain[0].PreviousHash);
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.Equal([1L, 2, 3, 4, 5], chain.Select(e => e.Sequence));
        Assert.Matches("^[0-9a-f]{64}$", chain[4].Hash);
    }

    [Fact]
    public void A_removed_entry_breaks_the_chain_at_the_one_after_it()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var broken = AuditChain.FirstBreak(chain);

        Assert.Equal(4, broken!.Sequence);
        Assert.Contains("entry 3 is missing", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_first_entry_is_seen_too()
    {
        var broken = AuditChain.FirstBreak(Chain(3).Skip(1));

        Assert.Equal(2, broken!.Sequence);
    }

    [Fact]
    public void Two_entries_swapped_break_the_chain()
    {
        var chain = Chain(5);
        (chain[2], chain[3]) = (chain[3], chain[2]);

        Assert.Equal(4, AuditChain.FirstBreak(chain)!.Sequence);
    }

    [Fact]
    public void An_entry_replaced_by_a_well_formed_forgery_breaks_the_link_to_the_next_one()
    {
        var chain = Chain(5);
        chain[2] = AuditEntry.After(chain[1], new AuditRecord(Start.AddMinutes(2), "officer-1", "Olga Officer", "10.0.0.7", "CNX-2026-0004", AuditAction.Read, "/Cases/Index"));

        var broken = AuditChain.FirstBreak(chain);

        Assert.Equal(4, broken!.Sequence);
        Assert.Contains("previous hash does not match", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_time_is_kept_to_the_microsecond_so_that_PostgreSQL_keeps_the_hash_valid()
    {
        var entry = AuditEntry.After(null, new AuditRecord(Start.AddTicks(1234567), "a", "A", null, null, AuditAction.SignIn, "password"));

        Assert.Equal(0, entry.At.Ticks % 10);
        Assert.Equal(entry.Hash, entry.ComputeHash());
    }
}
