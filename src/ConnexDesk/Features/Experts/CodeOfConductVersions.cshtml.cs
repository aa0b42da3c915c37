using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Experts;

/// <summary>Administrators publish the Code of Conduct's versions; a new version has to be signed again by every expert.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CodeOfConductVersionsModel(CodeOfConductRegister register, IStringLocalizer<SharedResource> localizer, ILogger<CodeOfConductVersionsModel> logger) : PageModel
{
    public IReadOnlyList<CodeOfConductVersion> Versions { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public string? Label { get; set; }
    [BindProperty] public string? Text { get; set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        Versions = await register.AllAsync();
        Text = Versions.Count > 0 ? Versions[0].Text : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = User.ToActor();
        var (version, refusals) = await register.PublishAsync(Label, Text, actor.Name);
        if (version is null)
        {
            Problems = [.. refusals.Select(r => localizer[r.Template, r.Args].Value)];
            Versions = await register.AllAsync();
            return Page();
        }
        logger.LogInformation("User {UserId} published the Code of Conduct {Label} ({Sha256})", actor.UserId, version.Label, version.Sha256);
        Done = localizer["Version {0} published; every expert signs it before a new engagement.", version.Label];
        return RedirectToPage();
    }
}
