using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Experts;

/// <summary>
/// A case as an engaged expert sees it: once the government accepted them and they signed the Code of Conduct in
/// force. The negotiation, the parties, the agreed scope, the rounds, and only the documents staff shared with
/// experts; never notes, due diligence or the unit's correspondence. Any other case does not exist here.
/// </summary>
[Authorize(Policy = Policies.Expert)]
public sealed class EngagedCaseModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<EngagedCaseModel> logger)
    : CasePageModel(db, clock, localizer, logger)
{
    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];
    public Engagement? Mine { get; private set; }

    public Task<IActionResult> OnGetAsync(string reference) => ShowAsync(reference, "expert's view");

    public Task<IActionResult> OnGetDocumentAsync(string reference, int id) =>
        DownloadAsync(reference, id, blobs, (c, actor) => actor.ExpertId is { } expertId ? c.DocumentsForExpert(expertId) : []);

    protected override Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        var expertId = Actor.ExpertId ?? 0;
        Documents = [.. found.DocumentsForExpert(expertId)];
        Mine = found.Engagements.Where(e => e.ExpertId == expertId).OrderByDescending(e => e.ProposedAt).FirstOrDefault();
        return Task.CompletedTask;
    }
}
