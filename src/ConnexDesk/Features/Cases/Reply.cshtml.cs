using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Cases;

/// <summary>Reply to a message on the case: the answer goes out through the outbox, in the same thread, with the case reference.</summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class ReplyModel(DeskDb db, TimeProvider clock, IOptions<DeskOptions> desk, IStringLocalizer<SharedResource> localizer, ILogger<ReplyModel> logger) : PageModel
{
    public Case Case { get; private set; } = null!;
    public CaseMessage Original { get; private set; } = null!;
    public IReadOnlyList<MessageAttachment> CaseFiles { get; private set; } = [];

    [BindProperty, Required(ErrorMessage = "Give the recipient's email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(320)]
    public string To { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Give the message a subject."), StringLength(900)]
    public string Subject { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Write the message."), StringLength(50_000)]
    public string Body { get; set; } = "";

    [BindProperty]
    public List<string> Attach { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, long message)
    {
        if (!await LoadAsync(reference, message))
            return NotFound();
        To = Original.Direction == MessageDirection.Inbound ? Original.FromAddress ?? "" : Original.To ?? "";
        Subject = SubjectFor(Case.Reference, Original.Subject);
        Body = "\n\n" + Quote(Original);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, long message)
    {
        if (!await LoadAsync(reference, message))
            return NotFound();
        if (Attach.Any(sha => CaseFiles.All(f => f.Sha256 != sha)))
            ModelState.AddModelError(nameof(Attach), localizer["Only files that are on this case can be attached."]);
        if (!ModelState.IsValid)
            return Page();
        var actor = User.ToActor();
        var now = clock.GetUtcNow().UtcDateTime;
        var outgoing = new OutgoingMail(OutgoingKind.Reply, Case.Id, $"{Guid.NewGuid():N}.reply@{desk.Value.MailDomain}", To.Trim(), null,
            SubjectFor(Case.Reference, Subject), Body.TrimEnd(), Original.MessageId, "en", now)
        {
            References = [.. Original.References.Append(Original.MessageId).Distinct().TakeLast(20)],
            AttachmentSha256s = [.. Attach.Distinct()],
        };
        db.Outbox.Add(outgoing);
        await db.SaveChangesAsync();
        logger.LogInformation("User {UserId} queued a reply on {Reference} to {To}", actor.UserId, Case.Reference, outgoing.ToAddress);
        TempData[nameof(DetailModel.Done)] = localizer["Your reply to {0} is in the outbox; it appears on the timeline once sent.", outgoing.ToAddress].Value;
        return Redirect($"/cases/{Case.Reference}");
    }

    /// <summary>The subject always carries the case reference, so that the answer to the answer lands on this case.</summary>
    public static string SubjectFor(string reference, string? subject)
    {
        var text = string.IsNullOrWhiteSpace(subject) ? "" : subject.Trim();
        if (!text.Contains(reference, StringComparison.OrdinalIgnoreCase))
            text = $"[{reference}] {text}".Trim();
        return text.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? text : "Re: " + text;
    }

    private static string Quote(CaseMessage original)
    {
        var quoted = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"On {Display.When(original.SentAt ?? original.ReceivedAt)}, {original.FromName ?? original.FromAddress} wrote:");
        foreach (var line in (original.TextBody ?? "").Split('\n').Take(200))
            quoted.Append("> ").AppendLine(line.TrimEnd('\r'));
        return quoted.ToString();
    }

    private async Task<bool> LoadAsync(string reference, long messageId)
    {
        var found = await db.LoadAsync(reference, User.ToActor());
        if (found is null)
            return false;
        var original = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId && m.CaseId == found.Id);
        if (original is null)
            return false;
        (Case, Original) = (found, original);
        CaseFiles = await (from m in db.Messages
                           where m.CaseId == found.Id
                           from a in m.Attachments
                           select a).AsNoTracking().ToListAsync();
        CaseFiles = [.. CaseFiles.DistinctBy(f => f.Sha256)];
        return true;
    }
}
