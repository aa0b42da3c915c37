using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Domain.Sanctions;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Matching;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Experts;

/// <summary>The roster: search and filter, import a CSV file (managers), export it all as CSV.</summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class RosterModel(DeskDb db, RosterIndexCache roster, ExpertRoster import, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<RosterModel> logger) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Discipline? Discipline { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(SupportsGet = true)] public ExpertStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Expert> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int RosterSize { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlySet<int> SignedCurrent { get; private set; } = new HashSet<int>();
    public string? CurrentCode { get; private set; }
    public bool MayImport => User.IsInRole(Roles.Manager);
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        var indexed = await roster.GetAsync(db, HttpContext.RequestAborted);
        (SignedCurrent, CurrentCode) = (indexed.CodeOfConduct?.SignedBy ?? new HashSet<int>(), indexed.CodeOfConduct?.CurrentVersion);
        RosterSize = indexed.Index.Experts.Count;
        var matching = Filtered(indexed.Index.Experts).ToList();
        Total = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = [.. matching.OrderBy(e => e.Name, StringComparer.CurrentCultureIgnoreCase).Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var indexed = await roster.GetAsync(db, HttpContext.RequestAborted);
        logger.LogInformation("User {UserId} exported the roster ({Count} experts)", User.ToActor().UserId, indexed.Index.Experts.Count);
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(RosterFile.Write(indexed.Index.Experts.OrderBy(e => e.Email, StringComparer.Ordinal)), "text/csv; charset=utf-8", $"roster {day}.csv");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!MayImport)
            return Forbid();
        if (file is null || file.Length == 0)
        {
            Problems = [localizer["Choose a CSV file with the columns {0}.", RosterFile.Columns]];
            await OnGetAsync();
            return Page();
        }
        if (file.Length > RosterFile.MaxBytes)
        {
            Problems = [localizer["The file is larger than {0} MB.", RosterFile.MaxBytes / 1024 / 1024]];
            await OnGetAsync();
            return Page();
        }
        using var content = new MemoryStream();
        await file.CopyToAsync(content, HttpContext.RequestAborted);
        var result = await import.ImportAsync(content.ToArray(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Problems = [localizer["Nothing was imported: {0} bad row(s). Correct them and import the file again.", result.Problems.Count],
                .. result.Problems.Take(50).Select(p => localizer["line {0}: {1}", p.Line, p.Reason].Value)];
            await OnGetAsync();
            return Page();
        }
        logger.LogInformation("User {UserId} imported the roster file {FileName}: {Added} added, {Updated} updated", User.ToActor().UserId, file.FileName, result.Added, result.Updated);
        Done = localizer["{0} expert(s) added, {1} updated.", result.Added, result.Updated];
        return Redirect("/experts");
    }

    public string With(string name, string? value)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        query[name] = value ?? "";
        return "/experts?" + string.Join('&', query.Where(q => q.Value.Length > 0).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
    }

    private IEnumerable<Expert> Filtered(IEnumerable<Expert> experts)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var words = NameMatching.Tokens(Q);
            var text = Q.Trim();
            experts = experts.Where(e => e.Email.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (words.Count > 0 && words.All(w => NameMatching.Tokens(e.Name).Any(t => t.StartsWith(w, StringComparison.Ordinal)))));
        }
        if (Discipline is { } discipline)
            experts = experts.Where(e => e.Disciplines.Contains(discipline));
        if (!string.IsNullOrWhiteSpace(Language))
            experts = experts.Where(e => e.LanguageLevels().Any(l => l.Code.Equals(Language.Trim(), StringComparison.OrdinalIgnoreCase)));
        if (Status is { } status)
            experts = experts.Where(e => e.Status == status);
        return experts;
    }
}
