using ConnexDesk.Domain.Sanctions;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Sanctions;

/// <summary>
/// Administrators see the sanctions list versions and import a new file; the open cases are screened again at once.
/// The page says how many cases have new possible hits, never which: administrators do not see case content.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(SanctionsLists.MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = SanctionsLists.MaxFileBytes + 1024 * 1024)]
public sealed class ListsModel(SanctionsLists lists, ScreenCounterparties screening, IStringLocalizer<SharedResource> localizer, ILogger<ListsModel> logger) : PageModel
{
    public IReadOnlyList<SanctionsListVersion> Versions { get; private set; } = [];
    public IReadOnlySet<int> InForce { get; private set; } = new HashSet<int>();
    public IReadOnlyDictionary<int, int> EntryCounts { get; private set; } = new Dictionary<int, int>();
    public string? Problem { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(IFormFile? upload)
    {
        if (upload is null || upload.Length == 0)
            Problem = localizer["Choose the list file (XML) to import."];
        else if (upload.Length > SanctionsLists.MaxFileBytes)
            Problem = localizer["The file is larger than {0} MB.", SanctionsLists.MaxFileBytes / 1024 / 1024];
        if (Problem is not null)
        {
            await LoadAsync();
            return Page();
        }
        var content = new byte[upload!.Length];
        await using (var stream = upload.OpenReadStream())
            await stream.ReadExactlyAsync(content, HttpContext.RequestAborted);
        var actor = Cases.CaseAccess.ToActor(User);
        var result = await lists.ImportAsync(content, actor.Name, HttpContext.RequestAborted);
        if (result.Version is not { } version)
        {
            Problem = localizer["{0} was not imported: {1}", Intake.MailReading.SafeFileName(upload.FileName), result.Problem ?? ""];
            await LoadAsync();
            return Page();
        }
        var changed = await screening.ScreenOpenCasesAsync(actor, HttpContext.RequestAborted);
        logger.LogInformation("User {UserId} imported {Label} ({Entries} entries); {Cases} open cases have new possible hits", actor.UserId, version.Label, version.Entries.Count, changed.Count);
        Done = localizer["Imported {0}: {1} entries, now in force. Open cases screened again: {2} with new possible hits, which their officers see on their desk.", version.Label, version.Entries.Count, changed.Count];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Versions = await lists.AllAsync();
        InForce = (await lists.InForceAsync()).Select(v => v.Id).ToHashSet();
        EntryCounts = await lists.EntryCountsAsync();
    }
}
