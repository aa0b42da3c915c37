using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Cases;

/// <summary>The case list: counts per stage, filters, search, sort and paging, in two or three queries whatever the page size.</summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class IndexModel(DeskDb db) : PageModel
{
    public const int PageSize = 25;
    public const string Unassigned = "none";

    [BindProperty(SupportsGet = true)] public CaseStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Officer { get; set; }
    [BindProperty(SupportsGet = true)] public Sector? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "newest";
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<CaseStage, int> StageCounts { get; private set; } = new Dictionary<CaseStage, int>();
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<(string Id, string Name)> Officers { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync([FromServices] TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Now = clock.GetUtcNow().UtcDateTime;
        var actor = User.ToActor();
        var visible = db.Cases.AsNoTracking().VisibleTo(actor);
        var filtered = ApplyFilters(visible);

        StageCounts = await filtered.GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        if (Stage is { } stage)
            filtered = filtered.Where(c => c.Stage == stage);
        Total = Stage is { } chosen ? StageCounts.GetValueOrDefault(chosen) : StageCounts.Values.Sum();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);

        var page = Sorted(filtered).Skip((PageNumber - 1) * PageSize).Take(PageSize);
        Rows = await (
            from c in page
            join o in db.Organisations on c.OrganisationId equals o.Id into organisations
            from o in organisations.DefaultIfEmpty()
            join u in db.Users on c.AssignedOfficerId equals u.Id into assigned
            from u in assigned.DefaultIfEmpty()
            select new CaseRow(c.Reference, c.Title, c.CountryCode, o != null ? o.Name : null, c.Stage, c.StageEnteredAt,
                u != null ? u.DisplayName : null, c.Sector, c.NextRoundOn, c.DeadlineOn, c.OpenedAt))
            .ToListAsync();
        // The join keeps the page's order on both providers only if we sort again after it.
        Rows = [.. SortRows(Rows)];

        Officers = await db.StaffAsync();
    }

    private IQueryable<Case> ApplyFilters(IQueryable<Case> cases)
    {
        if (Countries.Normalise(Country) is { } country)
            cases = cases.Where(c => c.CountryCode == country);
        if (Officer == Unassigned)
            cases = cases.Where(c => c.AssignedOfficerId == null);
        else if (!string.IsNullOrEmpty(Officer))
            cases = cases.Where(c => c.AssignedOfficerId == Officer);
        if (Sector is { } sector)
            cases = cases.Where(c => c.Sector == sector);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(): the same on SQLite and PostgreSQL; .NET culture does not apply.
            cases = cases.Where(c => c.Reference.ToLower().Contains(text) || c.Title.ToLower().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
        }
        return cases;
    }

    private IQueryable<Case> Sorted(IQueryable<Case> cases) => Sort switch
    {
        "oldest" => cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id),
        "reference" => cases.OrderBy(c => c.Year).ThenBy(c => c.Number),
        "deadline" => cases.OrderBy(c => c.DeadlineOn == null).ThenBy(c => c.DeadlineOn).ThenBy(c => c.Id),
        "waiting" => cases.OrderBy(c => c.StageEnteredAt).ThenBy(c => c.Id),
        _ => cases.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id),
    };

    private IEnumerable<CaseRow> SortRows(IEnumerable<CaseRow> rows) => Sort switch
    {
        "oldest" => rows.OrderBy(r => r.OpenedAt),
        "reference" => rows.OrderBy(r => r.Reference, StringComparer.Ordinal),
        "deadline" => rows.OrderBy(r => r.DeadlineOn is null).ThenBy(r => r.DeadlineOn),
        "waiting" => rows.OrderBy(r => r.StageEnteredAt),
        _ => rows.OrderByDescending(r => r.OpenedAt),
    };

    /// <summary>The list's address with one parameter changed, keeping the others.</summary>
    public string With(string key, string? value)
    {
        var query = new Dictionary<string, string?>
        {
            ["stage"] = Stage?.ToString(),
            ["country"] = Country,
            ["officer"] = Officer,
            ["sector"] = Sector?.ToString(),
            ["q"] = Q,
            ["sort"] = Sort == "newest" ? null : Sort,
            ["p"] = null,
        };
        query[key] = value;
        var parts = query.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}");
        return "/cases?" + string.Join("&", parts);
    }

    public sealed record CaseRow(string Reference, string Title, string? CountryCode, string? Organisation, CaseStage Stage, DateTime StageEnteredAt,
        string? Officer, Sector? Sector, DateOnly? NextRoundOn, DateOnly? DeadlineOn, DateTime OpenedAt);
}
