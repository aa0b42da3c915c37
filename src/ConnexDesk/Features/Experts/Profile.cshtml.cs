using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Experts;

/// <summary>One expert's profile: what the roster knows, the Code of Conduct signatures, the cases they are on; staff edit what an import does not carry and keep the CV.</summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class ProfileModel(DeskDb db, BlobStore blobs, CodeOfConductRegister codeOfConduct, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<ProfileModel> logger) : PageModel
{
    public Expert Expert { get; private set; } = null!;
    public IReadOnlyList<CodeOfConductSignature> Signatures { get; private set; } = [];
    public CodeOfConductVersion? CurrentCode { get; private set; }

    /// <summary>The expert's engagements; the case reference only where the reader may see the case.</summary>
    public IReadOnlyList<(Engagement Engagement, string? Reference)> Engagements { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? PostedUnavailable { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        logger.LogInformation("User {UserId} read the profile of expert {ExpertId}", User.ToActor().UserId, id);
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(int id, string? phone, int? yearsOfExperience, string? references, string? unavailable, ExpertStatus status)
    {
        var expert = await db.Experts.FirstOrDefaultAsync(e => e.Id == id);
        if (expert is null)
            return NotFound();
        var problems = new List<string>();
        var periods = new List<DatePeriod>();
        foreach (var line in (unavailable ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (DatePeriod.TryParse(line, out var period))
                periods.Add(period);
            else
                problems.Add(localizer["'{0}' is not a period: write it as 2026-12-01/2026-12-20, one per line.", line]);
        }
        if ((phone?.Length ?? 0) > 50 || (references?.Length ?? 0) > 4000)
            problems.Add(localizer["The phone can have at most 50 characters and the references at most 4000."]);
        if (!Enum.IsDefined(status))
            problems.Add(localizer["Choose the status from the list."]);
        if (problems.Count == 0)
            problems.AddRange(expert.EditDetails(phone, yearsOfExperience, references, periods, status, clock.GetUtcNow().UtcDateTime).Select(r => localizer[r.Template, r.Args].Value));
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            (Problems, PostedUnavailable) = (problems, unavailable);
            return Page();
        }
        await db.SaveChangesAsync();
        logger.LogInformation("User {UserId} changed the profile of expert {ExpertId}", User.ToActor().UserId, id);
        Done = localizer["Profile saved."];
        return Redirect($"/experts/{id}");
    }

    public async Task<IActionResult> OnPostCvAsync(int id, IFormFile? file)
    {
        var expert = await db.Experts.FirstOrDefaultAsync(e => e.Id == id);
        if (expert is null)
            return NotFound();
        string? problem = null;
        if (file is null)
        {
            problem = localizer["Choose the CV file (PDF or Word)."];
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var (checkedFile, refusal) = await DocumentUpload.CheckAsync(stream, file.Length, file.FileName, HttpContext.RequestAborted);
            if (checkedFile is null)
                problem = localizer[refusal!];
            else if (checkedFile.ContentType is not ("application/pdf" or Intake.MailReading.WordDocument))
                problem = localizer["A CV is a PDF or a Word (DOCX) file."];
            else
                expert.AttachCv(await blobs.PutAsync(checkedFile.Content, HttpContext.RequestAborted), checkedFile.FileName, clock.GetUtcNow().UtcDateTime);
        }
        if (problem is not null)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            Problems = [problem];
            return Page();
        }
        await db.SaveChangesAsync();
        logger.LogInformation("User {UserId} stored a CV for expert {ExpertId}", User.ToActor().UserId, id);
        Done = localizer["CV stored."];
        return Redirect($"/experts/{id}");
    }

    public async Task<IActionResult> OnGetCvAsync(int id)
    {
        var expert = await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
        if (expert?.CvSha256 is null)
            return NotFound();
        logger.LogInformation("User {UserId} downloaded the CV of expert {ExpertId}", User.ToActor().UserId, id);
        var content = await blobs.ReadAsync(expert.CvSha256, HttpContext.RequestAborted);
        var type = Intake.MailReading.SniffContentType(content);
        return File(content, type, expert.CvFileName);
    }

    private async Task<bool> LoadAsync(int id)
    {
        var expert = await db.Experts.AsNoTracking().Include(e => e.PastClients).FirstOrDefaultAsync(e => e.Id == id);
        if (expert is null)
            return false;
        Expert = expert;
        Signatures = await codeOfConduct.SignaturesAsync(id, HttpContext.RequestAborted);
        CurrentCode = await codeOfConduct.CurrentAsync(HttpContext.RequestAborted);
        var actor = User.ToActor();
        var engagements = await db.Set<Engagement>().AsNoTracking().Where(e => e.ExpertId == id)
            .Select(e => new { Engagement = e, CaseId = EF.Property<int>(e, "CaseId") }).ToListAsync();
        var caseIds = engagements.Select(e => e.CaseId).ToList();
        var visible = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference);
        Engagements = [.. engagements.OrderByDescending(e => e.Engagement.ProposedAt).Select(e => (e.Engagement, visible.GetValueOrDefault(e.CaseId)))];
        return true;
    }
}
