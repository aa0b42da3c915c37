using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Cases;

/// <summary>
/// A page about one case that changes it through forms. Every form posts the version of the case it was drawn from;
/// a change made meanwhile by someone else is reported, never overwritten, and a refused change shows the page
/// again with the reasons.
/// </summary>
public abstract class CasePageModel(DeskDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger logger) : PageModel
{
    protected DeskDb Db { get; } = db;
    protected TimeProvider Clock { get; } = clock;
    protected IStringLocalizer<SharedResource> Localizer { get; } = localizer;
    protected ILogger Logger { get; } = logger;

    public Case Case { get; protected set; } = null!;
    public CaseActor Actor { get; protected set; } = null!;
    public DateTime Now { get; protected set; }
    public string? Problem { get; protected set; }
    public IReadOnlyList<string> ProblemDetails { get; protected set; } = [];

    [TempData]
    public string? Done { get; set; }

    /// <summary>What was typed in field <paramref name="name"/> of a refused form, so that the page shows it again; otherwise nothing.</summary>
    public string? Posted(string name) =>
        Problem is not null && Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Shows the page for the case, or 404 when it does not exist or is not the reader's to see; <paramref name="what"/> names the page in the operators' log.</summary>
    protected async Task<IActionResult> ShowAsync(string reference, string what)
    {
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        Logger.LogInformation("User {UserId} read the {Page} of case {Reference}", Actor.UserId, what, found.Reference);
        await PrepareAsync(found);
        return Page();
    }

    /// <summary>
    /// A document of the case, always as a download, never shown in the page; one that is not among those
    /// <paramref name="readable"/> gives this reader answers exactly like one that does not exist.
    /// </summary>
    protected async Task<IActionResult> DownloadAsync(string reference, int id, BlobStore blobs, Func<Case, CaseActor, IEnumerable<CaseDocument>> readable)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(readable);
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        var document = found is null ? null : readable(found, Actor).SingleOrDefault(d => d.Id == id);
        if (found is null || document is null)
        {
            Logger.LogWarning("User {UserId} asked for document {DocumentId} of case {Reference}, which does not exist or is not theirs to see", Actor.UserId, id, reference);
            return NotFound();
        }
        // The audit trail records the download (AuditPageFilter); this line is for the operators' log.
        Logger.LogInformation("User {UserId} read document {DocumentId} ({FileName}) of case {Reference}", Actor.UserId, document.Id, document.FileName, found.Reference);
        return File(await blobs.ReadAsync(document.Sha256, HttpContext.RequestAborted), document.ContentType, document.FileName);
    }

    /// <summary>Loads what the page shows besides the case.</summary>
    protected abstract Task PrepareAsync(Case found);

    /// <summary>Where the browser goes after a change was saved.</summary>
    protected virtual string PageAfterChange(Case found) => $"/cases/{found.Reference}";

    /// <summary>The requesting organisation's contacts with an email address: who the unit's mail about the case can go to.</summary>
    protected async Task<IReadOnlyList<Domain.OrganisationContact>> RecipientsAsync(Case found)
    {
        ArgumentNullException.ThrowIfNull(found);
        return found.OrganisationId is { } organisationId
            ? (await Db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId, HttpContext.RequestAborted)).LetterRecipients()
            : [];
    }

    /// <summary>The reasons a change was refused, in the reader's language, under <paramref name="heading"/>.</summary>
    protected (string, List<string>) Refused(string heading, IEnumerable<Domain.Reason> refusals) =>
        (heading, [.. refusals.Select(r => Localizer[r.Template, r.Args].Value)]);

    /// <summary>Refusals of a domain verb under "Nothing was changed:", or nothing when it was done.</summary>
    protected (string, List<string>)? Unchanged(IReadOnlyList<Domain.Reason> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        return refusals.Count == 0 ? null : Refused(Localizer["Nothing was changed:"], refusals);
    }

    /// <summary>One change through one domain verb; a refusal shows the page again with the reasons.</summary>
    protected Task<IActionResult> ChangeByVerbAsync(string reference, int version, Func<Case, CaseActor, DateTime, IReadOnlyList<Domain.Reason>> verb, string done) =>
        ChangeAsync(reference, version, (c, a, n) => Unchanged(verb(c, a, n)), _ => done);

    protected Task<IActionResult> ChangeAsync(string reference, int version, Func<Case, CaseActor, DateTime, (string, List<string>)?> change, Func<Case, string> done) =>
        ChangeAsync(reference, version, (c, a, n) => Task.FromResult(change(c, a, n)), done);

    protected async Task<IActionResult> ChangeAsync(string reference, int version, Func<Case, CaseActor, DateTime, Task<(string, List<string>)?>> change, Func<Case, string> done)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(done);
        Actor = User.ToActor();
        var found = await Db.LoadAsync(reference, Actor);
        if (found is null)
            return NotFound();
        if (found.Version != version)
            return await ConflictAsync(found);

        var refusal = await change(found, Actor, Clock.GetUtcNow().UtcDateTime);
        if (refusal is { } refused)
        {
            (Problem, ProblemDetails) = refused;
            Db.ChangeTracker.Clear();
            await PrepareAsync((await Db.LoadAsync(reference, Actor))!);
            return Page();
        }
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            Db.ChangeTracker.Clear();
            var current = await Db.LoadAsync(reference, Actor);
            return current is null ? NotFound() : await ConflictAsync(current);
        }
        Logger.LogInformation("User {UserId} changed case {Reference} ({Handler})", Actor.UserId, found.Reference, Request.Query["handler"].ToString());
        Done = done(found);
        return Redirect(PageAfterChange(found));
    }

    protected async Task<IActionResult> ConflictAsync(Case current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var last = current.History.MaxBy(h => h.At);
        Problem = last is null
            ? Localizer["This case changed while you were looking at it. Nothing you sent was saved; check the case as it is now and try again."]
            : Localizer["{0} changed this case at {1} while you were looking at it. Nothing you sent was saved; check the case as it is now and try again.", last.ActorName, Display.When(last.At)];
        Response.StatusCode = StatusCodes.Status409Conflict;
        await PrepareAsync(current);
        return Page();
    }
}
