using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Delivery;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConnexDesk.Features.Portal;

/// <summary>
/// One request as the government's focal point sees it: where it stands, a curated timeline, the letters and
/// documents exchanged, and what the government decides (the experts, the scope, the evaluation). Never internal
/// notes, due diligence, screening or the unit's internal mail. A case of another organisation does not exist here.
/// </summary>
[Authorize(Policy = Policies.FocalPoint)]
public sealed class RequestModel(DeskDb db, BlobStore blobs, Intake.IngestMessage ingest, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    ILogger<RequestModel> logger, IOptions<DeskOptions> desk) : CasePageModel(db, clock, localizer, logger)
{
    public const int MaxMessageLength = 20_000;

    public IReadOnlyList<GovernmentTimelineItem> Timeline { get; private set; } = [];
    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];
    public IReadOnlyList<CaseMessage> Written { get; private set; } = [];
    public IReadOnlyList<OutgoingMail> Received { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(string reference) => ShowAsync(reference, "portal page");

    /// <summary>The request letter, or another document, from the government: typed from its content, encrypted, never overwriting.</summary>
    public Task<IActionResult> OnPostUploadAsync(string reference, int version, IFormFile? file, CaseDocumentKind kind) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (file is null || kind is not (CaseDocumentKind.RequestLetter or CaseDocumentKind.Other))
                return (Localizer["Choose a file and what it is."], []);
            var (document, problem) = await DocumentUpload.StoreAsync(file, kind, actor.Name, now, blobs, HttpContext.RequestAborted);
            if (document is null)
                return (Localizer["{0} was not added:", Intake.MailReading.SafeFileName(file.FileName)], [Localizer[problem!].Value]);
            return Unchanged(c.AddGovernmentDocument(document, actor));
        }, c => Localizer["Received: {0}. The unit sees it on your request.", c.Documents[^1].FileName]);

    /// <summary>A message to the unit: it becomes an email from the focal point, filed on the case through the one intake pipeline.</summary>
    public async Task<IActionResult> OnPostWriteAsync(string reference, string? subject, string? text)
    {
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength || (subject?.Length ?? 0) > 200)
        {
            Problem = Localizer["Write your message (at most 20,000 characters; a subject of at most 200)."];
            await PrepareAsync(found);
            return Page();
        }
        var email = User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? User.Identity?.Name ?? "";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(Actor.Name, email));
        message.To.Add(MailboxAddress.Parse(desk.Value.UnitEmail));
        message.Subject = $"[{found.Reference}] {(string.IsNullOrWhiteSpace(subject) ? "Message from the portal" : subject.Trim())}";
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("portal." + desk.Value.MailDomain);
        message.Headers.Add("X-ConnexDesk-Source", "portal");
        message.Headers.Add(HeaderId.ContentLanguage, found.Language);
        message.Body = new TextPart("plain") { Text = text.Trim() };
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw, HttpContext.RequestAborted);
        var result = await ingest.RunAsync(raw.ToArray(), "portal", "portal:" + Guid.NewGuid().ToString("N"), cancellationToken: HttpContext.RequestAborted);
        Logger.LogInformation("Focal point {UserId} wrote to the unit on case {Reference}: {Outcome}", Actor.UserId, found.Reference, result.Outcome);
        if (result.Outcome != Intake.IngestOutcome.Threaded || result.CaseReference != found.Reference)
        {
            // Kept whole for the unit to look at (quarantine or the shared inbox), but not on this request: say so.
            Logger.LogWarning("A portal message on case {Reference} was not filed on it: {Outcome} {Reason}", found.Reference, result.Outcome, result.Reason);
            Problem = Localizer["Your message was kept but could not be put on this request. Please also write to the unit by email."];
            await PrepareAsync(found);
            return Page();
        }
        Done = Localizer["Your message is on the request. The unit answers by email and here."];
        return Redirect($"/portal/{found.Reference}");
    }

    public Task<IActionResult> OnPostExpertAsync(string reference, int version, int engagementId, bool? accept, string? note) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) => accept is null
            ? [new Reason("Say whether the government accepts the expert.")]
            : (note?.Length ?? 0) > 2000
                ? [new Reason("The note can have at most 2000 characters.")]
                : c.RecordGovernmentDecision(c.Engagements.SingleOrDefault(e => e.Id == engagementId), accept.Value, note, actor, now),
            accept == true ? Localizer["Thank you: the expert is accepted. The unit arranges the contract."] : Localizer["Thank you: the expert is declined. The unit proposes another."]);

    public Task<IActionResult> OnPostConfirmScopeAsync(string reference, int version, int scopeId) =>
        ChangeByVerbAsync(reference, version, (c, actor, now) => c.ConfirmScope(c.ScopeVersions.SingleOrDefault(v => v.Id == scopeId), actor.Name, actor, now),
            Localizer["Thank you: the scope is confirmed. The unit selects the experts with you."]);

    public Task<IActionResult> OnPostEvaluateAsync(string reference, int version, Dictionary<EvaluationCriterion, int>? rating, Dictionary<EvaluationCriterion, string>? comment, string? capacityBuilt) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            if (EvaluationForm.IsTooLong(comment, capacityBuilt, actor.Name))
                return (Localizer[EvaluationForm.TooLongMessage], []);
            return Unchanged(c.RecordGovernmentEvaluation(EvaluationForm.Answers(rating, comment), capacityBuilt, actor.Name, actor, now));
        }, _ => Localizer["Thank you: your evaluation is recorded."]);

    /// <summary>A document the government may see, always as a download; any other id looks like one that does not exist.</summary>
    public Task<IActionResult> OnGetDocumentAsync(string reference, int id) => DownloadAsync(reference, id, blobs, (c, _) => c.Documents.Where(d => d.VisibleToGovernment));

    protected override string PageAfterChange(Case found) => $"/portal/{found.Reference}";

    protected override async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        Timeline = found.GovernmentTimeline();
        Documents = [.. found.Documents.Where(d => d.VisibleToGovernment).OrderByDescending(d => d.AddedAt)];
        var organisation = await Db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleOrDefaultAsync(o => o.Id == found.OrganisationId, HttpContext.RequestAborted);
        var colleagues = await Db.Users.Where(u => u.OrganisationId == found.OrganisationId).Select(u => u.NormalizedEmail!).ToListAsync(HttpContext.RequestAborted);
        var addresses = (organisation?.Contacts.Select(c => c.Email).OfType<string>() ?? []).Select(a => a.ToUpperInvariant()).Concat(colleagues).ToHashSet();
        Written = await Db.Messages.AsNoTracking().Where(m => m.CaseId == found.Id && m.Source == "portal").OrderByDescending(m => m.ReceivedAt).Take(50).ToListAsync(HttpContext.RequestAborted);
        var sent = await Db.Outbox.AsNoTracking().Where(m => m.CaseId == found.Id && m.Kind != OutgoingKind.Digest && m.Kind != OutgoingKind.Account)
            .OrderByDescending(m => m.CreatedAt).Take(200).ToListAsync(HttpContext.RequestAborted);
        Received = [.. sent.Where(m => addresses.Contains(m.ToAddress.ToUpperInvariant())).Take(50)];
    }
}
