using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Matching;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Matching;

/// <summary>The roster index with the Code of Conduct standing of every expert, as of one state of the database.</summary>
public sealed record IndexedRoster(RosterIndex Index, CodeOfConductStanding? CodeOfConduct, RosterStamp Stamp);

/// <summary>What changes whenever the roster or the signatures do: cheap to read, so every match can check it.</summary>
public sealed record RosterStamp(int Experts, DateTime? LastProfileChange, int LastSignature, int LastCodeVersion);

/// <summary>
/// Keeps the roster index between requests: building it reads every profile and tie (seconds for a roster of
/// 100,000), while checking that it is still current reads four aggregates. A change made by another instance or the
/// command line moves the stamp, and the next match rebuilds.
/// </summary>
public sealed class RosterIndexCache(ILogger<RosterIndexCache> logger) : IDisposable
{
    private readonly RebuiltWhenChanged<RosterStamp, IndexedRoster> _roster = new();

    public async Task<IndexedRoster> GetAsync(DeskDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamp = await StampAsync(db, cancellationToken);
        return await _roster.GetAsync(stamp, () => BuildAsync(db, stamp, cancellationToken), cancellationToken);
    }

    public void Dispose() => _roster.Dispose();

    private async Task<IndexedRoster> BuildAsync(DeskDb db, RosterStamp stamp, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var experts = await db.Experts.AsNoTracking().Include(e => e.PastClients).AsSplitQuery().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var index = new RosterIndex(experts);
        var current = await db.CodeOfConductVersions.AsNoTracking().OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        CodeOfConductStanding? standing = null;
        if (current is not null)
        {
            var signed = await db.CodeOfConductSignatures.Where(s => s.VersionId == current.Id).Select(s => s.ExpertId).ToListAsync(cancellationToken);
            standing = new CodeOfConductStanding(current.Label, signed.ToHashSet());
        }
        logger.LogInformation("Roster index built: {Experts} experts, {Ties} past clients, in {Elapsed} ms", experts.Count, index.TieCount,
            (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new IndexedRoster(index, standing, stamp);
    }

    private static async Task<RosterStamp> StampAsync(DeskDb db, CancellationToken cancellationToken)
    {
        var experts = await db.Experts.CountAsync(cancellationToken);
        var lastChange = await db.Experts.MaxAsync(e => e.UpdatedAt, cancellationToken);
        var lastSignature = await db.CodeOfConductSignatures.MaxAsync(s => (int?)s.Id, cancellationToken) ?? 0;
        var lastVersion = await db.CodeOfConductVersions.MaxAsync(v => (int?)v.Id, cancellationToken) ?? 0;
        return new RosterStamp(experts, lastChange, lastSignature, lastVersion);
    }
}
