using ConnexDesk.Data;
using ConnexDesk.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Audit;

/// <summary>
/// Appends to the hash-chained audit trail. Each entry is written in its own unit of work (a scope of its own, so a
/// page's unsaved changes never travel with it); two writers that chain onto the same entry collide on its sequence
/// number, and the loser chains again onto the winner.
/// </summary>
public sealed class AuditTrail(IServiceScopeFactory scopes, ILogger<AuditTrail> logger) : IDisposable
{
    private const int Attempts = 8;

    // Writers of one desk (the trail is a singleton) wait for each other rather than collide; other instances are
    // handled by the retry.
    private readonly SemaphoreSlim _oneWriter = new(1, 1);

    /// <summary>What a person did in a request that no case page covers (signing in, their own account): now, from the request's address.</summary>
    public Task RecordAsync(HttpContext http, string actorId, string actorName, AuditAction action, string target)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return RecordAsync(new AuditRecord(now, actorId, actorName, http.Connection.RemoteIpAddress?.ToString(), null, action, target), http.RequestAborted);
    }

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _oneWriter.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DeskDb>();
            for (var attempt = 1; ; attempt++)
            {
                var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
                var entry = AuditEntry.After(last, record);
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < Attempts)
                {
                    logger.LogDebug("Audit entry {Sequence} was taken by another writer; chaining again", entry.Sequence);
                    db.ChangeTracker.Clear();
                }
            }
        }
        finally
        {
            _oneWriter.Release();
        }
    }

    public void Dispose() => _oneWriter.Dispose();

    /// <summary>The whole chain checked in sequence order, a page at a time: the first break, and how many entries were read.</summary>
    public static async Task<(AuditBreak? Break, long Entries, string? LastHash)> VerifyAsync(DeskDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        const int Page = 5000;
        AuditEntry? previous = null;
        long count = 0;
        while (true)
        {
            var after = previous?.Sequence ?? long.MinValue;
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(Page).ToListAsync(cancellationToken);
            if (page.Count == 0)
                return (null, count, previous?.Hash);
            // The last entry of the previous page is passed on so that the link between pages is checked too.
            if (AuditChain.FirstBreak(page, previous) is { } broken)
            {
                var intact = page.TakeWhile(e => e.Sequence != broken.Sequence).ToList();
                return (broken, count + intact.Count, intact.LastOrDefault()?.Hash ?? previous?.Hash);
            }
            count += page.Count;
            previous = page[^1];
        }
    }
}
