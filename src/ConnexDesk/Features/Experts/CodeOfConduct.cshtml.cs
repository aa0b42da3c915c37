using ConnexDesk.Domain;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Experts;

/// <summary>An expert reads the Code of Conduct in force and signs it; earlier signatures can be downloaded as PDF records.</summary>
[Authorize(Roles = Roles.Expert)]
public sealed class CodeOfConductModel(CodeOfConductRegister register, IStringLocalizer<SharedResource> localizer, ILogger<CodeOfConductModel> logger) : PageModel
{
    public Expert? Expert { get; private set; }
    public CodeOfConductVersion? Current { get; private set; }
    public IReadOnlyList<CodeOfConductSignature> Signatures { get; private set; } = [];
    public bool SignedCurrent => Current is not null && Signatures.Any(s => s.VersionId == Current.Id);
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? TypedName { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(int versionId, string? shownSha256, string? typedName, bool consent)
    {
        await LoadAsync();
        if (Expert is null)
            return Page();
        var (signature, refusals) = await register.SignAsync(Expert, versionId, shownSha256, typedName, consent, User.ToActor().UserId);
        if (signature is null)
        {
            (Problems, TypedName) = ([.. refusals.Select(r => localizer[r.Template, r.Args].Value)], typedName);
            return Page();
        }
        logger.LogInformation("Expert {ExpertId} signed the Code of Conduct {Version} ({Sha256})", Expert.Id, signature.VersionLabel, signature.TextSha256);
        Done = localizer["You signed version {0} of the Code of Conduct. Thank you.", signature.VersionLabel];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetRecordAsync(int id)
    {
        await LoadAsync();
        if (Expert is null)
            return NotFound();
        var pdf = await register.RecordPdfAsync(Expert, id);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", $"code-of-conduct-signature-{id}.pdf");
    }

    private async Task LoadAsync()
    {
        Expert = await register.ExpertForAsync(User);
        Current = await register.CurrentAsync();
        Signatures = Expert is null ? [] : await register.SignaturesAsync(Expert.Id);
    }
}
