using System.ComponentModel.DataAnnotations;
using ConnexDesk.Domain.Eligibility;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnexDesk.Features.Eligibility;

/// <summary>Administrators see the list versions in force and load a new one. A file with any bad row changes nothing.</summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(2 * ReferenceListFile.MaxBytes)]
public sealed class ListsModel(ReferenceLists lists, TimeProvider clock, ILogger<ListsModel> logger) : PageModel
{
    public IReadOnlyList<ReferenceListVersion> Versions { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    [BindProperty] public ListKind Kind { get; set; }
    [BindProperty, Required(ErrorMessage = "Give the version a label."), StringLength(200)] public string Label { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Give the date from which the version is in force.")] public DateOnly? EffectiveFrom { get; set; }
    [BindProperty, StringLength(2000)] public string? Source { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), "Choose the CSV file to load.");
        else if (Upload.Length > ReferenceListFile.MaxBytes)
            ModelState.AddModelError(nameof(Upload), $"The file is larger than {ReferenceListFile.MaxBytes / 1024} KB.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        using var content = new MemoryStream();
        await Upload!.CopyToAsync(content);
        var user = User.Identity?.Name ?? "administrator";
        var result = await lists.ImportAsync(new NewListVersion(Kind, Label, EffectiveFrom!.Value, Source ?? Upload.FileName, content.ToArray(), user));
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            await LoadAsync();
            return Page();
        }
        logger.LogInformation("{User} loaded list version {Label} ({Kind}, from {EffectiveFrom})", user, result.Version!.Label, Kind, EffectiveFrom);
        Done = $"Loaded {result.Version.Entries.Count} countries as '{result.Version.Label}', in force from {result.Version.EffectiveFrom:yyyy-MM-dd}.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Versions = [.. (await lists.AllAsync()).OrderBy(v => v.Kind).ThenByDescending(v => v.EffectiveFrom)];
    }

    public bool InForce(ReferenceListVersion version) => EligibilityRules.InForce(Versions, version.Kind, Today)?.Id == version.Id;
}
