using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Intake;

/// <summary>The shared inbox: mail that is on no case (automatic mail, mail to place by hand) and quarantined mail.</summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class InboxModel(DeskDb db, BlobStore blobs, OpenCase openCase, IStringLocalizer<SharedResource> localizer, ILogger<InboxModel> logger) : PageModel
{
    public IReadOnlyList<CaseMessage> Unfiled { get; private set; } = [];
    public IReadOnlyList<CaseMessage> Quarantined { get; private set; } = [];
    public CaseMessage? Inspected { get; private set; }
    public string? InspectedRaw { get; private set; }
    public string? Problem { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(long? inspect)
    {
        await LoadAsync();
        if (inspect is { } id && await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.Status != MessageStatus.Filed) is { } message)
        {
            Inspected = message;
            // Shown as text only: nothing in a hostile message is rendered, run or fetched.
            var raw = await blobs.ReadAsync(message.RawSha256);
            InspectedRaw = Encoding.UTF8.GetString(raw, 0, Math.Min(raw.Length, 20_000)) + (raw.Length > 20_000 ? "\n[…]" : "");
            logger.LogInformation("User {UserId} inspected message {MessageId}", User.ToActor().UserId, id);
        }
    }

    public async Task<IActionResult> OnPostFileAsync(long id, string? reference)
    {
        var actor = User.ToActor();
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == id && m.Status != MessageStatus.Filed);
        if (message is null)
            return NotFound();
        var target = CaseReference.TryParse(reference, out var parsed)
            ? await db.Cases.VisibleTo(actor).Where(c => c.Reference == parsed.ToString()).Select(c => new { c.Id, c.Reference }).SingleOrDefaultAsync()
            : null;
        if (target is null)
        {
            Problem = localizer["There is no case {0} that you can see.", reference ?? ""];
            await LoadAsync();
            return Page();
        }
        message.FileOn(target.Id);
        await db.SaveChangesAsync();
        logger.LogInformation("User {UserId} filed message {MessageId} on {Reference}", actor.UserId, id, target.Reference);
        Done = localizer["Message filed on {0}.", target.Reference];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOpenInquiryAsync(long id)
    {
        var actor = User.ToActor();
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == id && m.Status != MessageStatus.Filed);
        if (message is null)
            return NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var opened = await openCase.RunAsync(new NewCase(
            MailReading.InquiryDetails(message, null),
            null, AssignedOfficerId: actor.Role == Role.CaseOfficer ? actor.UserId : null, CountryMayBeUnknown: true), actor);
        message.FileOn(opened.Case!.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        logger.LogInformation("User {UserId} opened {Reference} from message {MessageId}", actor.UserId, opened.Case.Reference, id);
        return Redirect($"/cases/{opened.Case.Reference}");
    }

    public async Task<IActionResult> OnPostReprocessAsync(long id, [FromServices] IngestMessage ingest)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        if (!await db.Messages.AnyAsync(m => m.Id == id && m.Status == MessageStatus.Quarantined))
            return NotFound();
        var result = await ingest.ReprocessAsync(id);
        logger.LogInformation("User {UserId} re-processed message {MessageId}: {Outcome}", User.ToActor().UserId, id, result.Outcome);
        Done = result.Outcome switch
        {
            IngestOutcome.Quarantined => localizer["Still in quarantine: {0}", result.Reason ?? ""],
            IngestOutcome.NewInquiry => localizer["Filed: it opened the inquiry {0}.", result.CaseReference ?? ""],
            IngestOutcome.Threaded => localizer["Filed on {0}.", result.CaseReference ?? ""],
            IngestOutcome.Unfiled => localizer["Taken in as automatic mail; it waits below."],
            IngestOutcome.Duplicate => localizer["Already received."],
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDiscardAsync(long id)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == id && m.Status != MessageStatus.Filed);
        if (message is null)
            return NotFound();
        message.Discard();
        await db.SaveChangesAsync();
        logger.LogInformation("User {UserId} discarded message {MessageId}", User.ToActor().UserId, id);
        Done = localizer["Message set aside. Its raw copy stays stored."];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Unfiled = await db.Messages.AsNoTracking().Include(m => m.Attachments).Where(m => m.Status == MessageStatus.Unfiled).OrderByDescending(m => m.ReceivedAt).Take(200).ToListAsync();
        Quarantined = await db.Messages.AsNoTracking().Where(m => m.Status == MessageStatus.Quarantined).OrderByDescending(m => m.ReceivedAt).Take(200).ToListAsync();
    }
}
