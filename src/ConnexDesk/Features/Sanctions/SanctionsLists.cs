using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain.Sanctions;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Sanctions;

public sealed record SanctionsImport(SanctionsListVersion? Version, string? Problem);

/// <summary>
/// The sanctions lists the desk screens against: imports each file as a new version (all or nothing), and screens
/// names against the latest version of each list. The index over those versions is built once and kept until a
/// new version arrives.
/// </summary>
public sealed class SanctionsLists(DeskDb db, SanctionsIndexCache cache, TimeProvider clock)
{
    public const long MaxFileBytes = 200L * 1024 * 1024;

    public static string ListName(SanctionsList list) => list switch
    {
        SanctionsList.UnConsolidated => "UN Security Council Consolidated List",
        SanctionsList.EuFinancialSanctions => "EU Financial Sanctions Files",
    };

    public async Task<SanctionsImport> ImportAsync(byte[] file, string importedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        SanctionsFileContent content;
        try
        {
            content = SanctionsFile.Read(new MemoryStream(file, writable: false));
        }
        catch (SanctionsFileException failure)
        {
            return new(null, failure.Message);
        }
        var sha256 = BlobStore.Hash(file);
        var same = await db.SanctionsListVersions.AsNoTracking().Where(v => v.List == content.List && v.Sha256 == sha256).Select(v => new { v.Id, v.Label }).FirstOrDefaultAsync(cancellationToken);
        if (same is not null)
            return new(null, $"this file is already imported ({same.Label}, version {same.Id}).");
        var generated = content.GeneratedAt is { } at ? ", generated " + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        var version = new SanctionsListVersion(content.List, ListName(content.List) + generated, content.GeneratedAt, sha256, clock.GetUtcNow().UtcDateTime, importedBy, content.Parties);
        db.SanctionsListVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return new(version, null);
    }

    /// <summary>The latest version of each list, without their entries.</summary>
    public async Task<IReadOnlyList<SanctionsListVersion>> InForceAsync(CancellationToken cancellationToken = default)
    {
        var versions = await db.SanctionsListVersions.AsNoTracking().OrderByDescending(v => v.ImportedAt).ThenByDescending(v => v.Id).ToListAsync(cancellationToken);
        return [.. versions.GroupBy(v => v.List).Select(g => g.First()).OrderBy(v => v.List)];
    }

    public async Task<IReadOnlyList<SanctionsListVersion>> AllAsync(CancellationToken cancellationToken = default) =>
        await db.SanctionsListVersions.AsNoTracking().OrderBy(v => v.List).ThenByDescending(v => v.ImportedAt).ToListAsync(cancellationToken);

    /// <summary>How many entries each imported version holds.</summary>
    public async Task<IReadOnlyDictionary<int, int>> EntryCountsAsync(CancellationToken cancellationToken = default) =>
        await db.Set<SanctionsEntry>().GroupBy(e => EF.Property<int>(e, "VersionId"))
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>The index over the versions in force, and which versions those are.</summary>
    public async Task<(SanctionsIndex Index, IReadOnlyList<SanctionsListVersion> Versions)> IndexAsync(CancellationToken cancellationToken = default)
    {
        var versions = await InForceAsync(cancellationToken);
        var ids = versions.Select(v => v.Id).ToArray();
        var index = await cache.GetAsync(ids, async () =>
        {
            var entries = await db.Set<SanctionsEntry>().AsNoTracking()
                .Where(e => ids.Contains(EF.Property<int>(e, "VersionId")))
                .Select(e => new { Entry = e, VersionId = EF.Property<int>(e, "VersionId") })
                .ToListAsync(cancellationToken);
            var listOf = versions.ToDictionary(v => v.Id, v => v.List);
            return new SanctionsIndex(entries.Select(e => e.Entry.ToParty(listOf[e.VersionId])));
        });
        return (index, versions);
    }
}

/// <summary>One index for the whole desk, rebuilt when the versions in force change.</summary>
public sealed class SanctionsIndexCache : IDisposable
{
    private readonly RebuiltWhenChanged<string, SanctionsIndex> _index = new();

    public Task<SanctionsIndex> GetAsync(IReadOnlyList<int> versionIds, Func<Task<SanctionsIndex>> build)
    {
        ArgumentNullException.ThrowIfNull(versionIds);
        return _index.GetAsync(string.Join(',', versionIds.Order()), build);
    }

    public void Dispose() => _index.Dispose();
}
