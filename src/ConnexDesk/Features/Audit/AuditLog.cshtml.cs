using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Infrastructure;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Audit;

/// <summary>
/// The managers' view of the audit trail: who did what, when, from where, on which case; filtered by case, person,
/// action and time, newest first, a page at a time, and exported as CSV. The chain's integrity is checked on demand.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class AuditLogModel(DeskDb db, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Case { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditAction? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Show entries older than this sequence number (the next page).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public bool HasOlder { get; private set; }

    /// <summary>After "Check the chain": the first break, or null when intact; and how many entries were checked.</summary>
    public (AuditBreak? Break, long Entries)? Verified { get; private set; }

    public async Task OnGetAsync()
    {
        var query = Filtered();
        if (Before is { } before)
            query = query.Where(e => e.Sequence < before);
        var page = await query.OrderByDescending(e => e.Sequence).Take(PageSize + 1).ToListAsync(HttpContext.RequestAborted);
        HasOlder = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
    }

    public async Task OnGetVerifyAsync()
    {
        var (broken, entries, _) = await AuditTrail.VerifyAsync(db, HttpContext.RequestAborted);
        Verified = (broken, entries);
        await OnGetAsync();
    }

    /// <summary>Every entry the filters select, oldest first, with its hashes, as CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var entries = await Filtered().OrderBy(e => e.Sequence).ToListAsync(HttpContext.RequestAborted);
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(true), leaveOpen: true))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "sequence", "at", "actorId", "actor", "address", "case", "action", "object", "previousHash", "hash" })
                csv.WriteField(header);
            await csv.NextRecordAsync();
            foreach (var e in entries)
            {
                foreach (var field in new[] { e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                    e.ActorId, e.ActorName, e.Address ?? "", e.CaseReference ?? "", e.Action.ToString(), e.Target, e.PreviousHash, e.Hash })
                    csv.WriteField(field);
                await csv.NextRecordAsync();
            }
        }
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"audit {day}.csv");
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Case))
        {
            var reference = Case.Trim().ToUpperInvariant();
            query = query.Where(e => e.CaseReference == reference);
        }
        if (!string.IsNullOrWhiteSpace(Person))
        {
            var person = Person.Trim().ToLowerInvariant();
            var id = Person.Trim();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(), the same on SQLite and PostgreSQL; no .NET culture is involved.
            query = query.Where(e => e.ActorName.ToLower().Contains(person) || e.ActorId == id);
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (Action is { } action)
            query = query.Where(e => e.Action == action);
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }
        return query;
    }
}
