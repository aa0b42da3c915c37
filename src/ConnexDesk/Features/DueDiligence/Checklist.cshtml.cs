using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.DueDiligence;

/// <summary>The unit's due-diligence checklist, which every case's checklist is drawn up from.</summary>
[Authorize(Policy = Policies.UnitSettings)]
public sealed class ChecklistModel(DeskDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<ChecklistModel> logger) : PageModel
{
    [BindProperty] public string Text { get; set; } = "";

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? SavedBy { get; private set; }
    public DateTime? SavedAt { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        Text = UnitChecklist.AsText(await UnitChecklist.CurrentAsync(db));
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (checks, problems) = UnitChecklist.Parse(Text);
        if (problems.Count > 0)
        {
            Problems = problems;
            await LoadAsync();
            return Page();
        }
        var actor = User.ToActor();
        await UnitChecklist.SaveAsync(db, checks, actor.Name, clock.GetUtcNow().UtcDateTime);
        logger.LogInformation("User {UserId} saved the due-diligence checklist ({Count} checks)", actor.UserId, checks.Count);
        Done = localizer["Checklist saved: {0} checks. Cases whose due diligence starts from now on are drawn up from it.", checks.Count];
        return Redirect("/admin/due-diligence-checklist");
    }

    private async Task LoadAsync()
    {
        var latest = await db.ChecklistLines.AsNoTracking().OrderByDescending(l => l.SavedAt).FirstOrDefaultAsync();
        (SavedBy, SavedAt) = (latest?.SavedBy, latest?.SavedAt);
    }
}
