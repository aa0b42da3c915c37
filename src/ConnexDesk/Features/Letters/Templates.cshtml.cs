using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Letters;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Letters;

/// <summary>
/// The wording of the unit's letters, per kind and language: see which version is in force, edit it, preview it over
/// a sample case, and save it as a new version. Nothing is overwritten; every letter names the version that wrote it.
/// </summary>
[Authorize(Policy = Policies.UnitSettings)]
public sealed class TemplatesModel(DeskDb db, LetterComposer composer, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<TemplatesModel> logger) : PageModel
{
    public sealed record InForce(LetterKind Kind, string Language, int Version, DateTime? SavedAt, string? SavedBy);

    public IReadOnlyList<InForce> Table { get; private set; } = [];
    public IReadOnlyList<LetterTemplate> History { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public LetterKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty] public string Subject { get; set; } = "";
    [BindProperty] public string Body { get; set; } = "";
    [BindProperty] public string Signature { get; set; } = "";

    /// <summary>The version the form was drawn from; saving over a newer one is refused, not merged.</summary>
    [BindProperty] public int BasedOn { get; set; }

    [TempData]
    public string? Done { get; set; }

    public bool Editing => Kind is not null && LetterLanguages.IsKnown(Language);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (!Editing)
            return;
        var current = await LetterTemplates.CurrentAsync(db, Kind!.Value, Language!);
        (Subject, Body, Signature, BasedOn) = (current.Subject, current.Body, current.Signature, current.Version);
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!Editing)
            return BadRequest();
        var wording = new LetterWording(Subject, Body, Signature, BasedOn);
        Problems = composer.Problems(Kind!.Value, Language!, wording);
        if (Problems.Count > 0)
        {
            await LoadAsync();
            return Page();
        }
        var content = composer.Compose(Kind.Value, wording, LetterFacts.Sample(Kind.Value, Language!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
        return File(PdfLetter.Write(content), "application/pdf", $"preview {Kind.Value.ToString().ToLowerInvariant()} {Language}.pdf");
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!Editing)
            return BadRequest();
        var kind = Kind!.Value;
        var wording = new LetterWording(Subject, Body, Signature, BasedOn);
        Problems = composer.Problems(kind, Language!, wording);
        var latest = await db.LetterTemplates.Where(t => t.Kind == kind && t.Language == Language).MaxAsync(t => (int?)t.Version) ?? 0;
        if (Problems.Count == 0 && latest != BasedOn)
            Problems = [localizer["Someone saved version {0} of this wording while you were editing. Nothing was saved: copy your changes, reload, and apply them to the new version.", latest]];
        if (Problems.Count > 0)
        {
            await LoadAsync();
            return Page();
        }
        var actor = User.ToActor();
        db.LetterTemplates.Add(new LetterTemplate(kind, Language!, latest + 1, Subject.Trim(), Body.TrimEnd(), Signature.Trim(), clock.GetUtcNow().UtcDateTime, actor));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The unique (kind, language, version) index: another save of the same version won.
            Problems = [localizer["Someone saved this wording at the same moment. Nothing was saved: reload and apply your changes again."]];
            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }
        logger.LogInformation("User {UserId} saved version {Version} of the {Kind} letter in {Language}", actor.UserId, latest + 1, kind, Language);
        Done = localizer["Saved as version {0}. New letters use it from now on.", latest + 1];
        return Redirect($"/admin/letter-templates?kind={kind}&language={Language}");
    }

    private async Task LoadAsync()
    {
        // A few dozen rows at most: every saved version of sixteen wordings.
        var saved = (await db.LetterTemplates.AsNoTracking().ToListAsync())
            .GroupBy(t => (t.Kind, t.Language))
            .Select(g => g.MaxBy(t => t.Version)!)
            .ToList();
        Table = [.. from kind in LetterTemplates.Kinds
                    from language in LetterLanguages.All
                    let latest = saved.FirstOrDefault(t => t.Kind == kind && t.Language == language)
                    select new InForce(kind, language, latest?.Version ?? 0, latest?.SavedAt, latest?.SavedBy)];
        if (Editing)
        {
            History = await db.LetterTemplates.AsNoTracking()
                .Where(t => t.Kind == Kind && t.Language == Language)
                .OrderByDescending(t => t.Version)
                .ToListAsync();
        }
    }
}
