using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Intake;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Letters;

/// <param name="RecipientContactId">The organisation's contact to write to; the first one with an email address when not given.</param>
public sealed record IssueLetterRequest(LetterKind Kind, string Language, int? RecipientContactId = null, string? Reason = null);

public sealed record IssueLetterResult(IssuedLetter? Letter, IReadOnlyList<Reason> Refusals);

/// <summary>
/// Issues a letter on a case, in one transaction: the next number, the wording in force, the PDF and the DOCX
/// stored encrypted as documents of the case, the letter recorded (and for an approval, the agreement), and the PDF
/// queued in the outbox to the focal point. Nothing is numbered, stored on the case or sent if any of it fails.
/// </summary>
public sealed class IssueLetter(DeskDb db, BlobStore blobs, LetterComposer composer, TimeProvider clock, IOptions<DeskOptions> desk)
{
    public async Task<IssueLetterResult> RunAsync(Case @case, IssueLetterRequest request, CaseActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!LetterLanguages.IsKnown(request.Language))
            return Refused(new Reason("Choose the letter's language: English, French, Spanish or Portuguese."));
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var refusals = @case.LetterRefusals(request.Kind, actor, reason, now);
        if (refusals.Count > 0)
            return new(null, refusals);
        if (@case.OrganisationId is not { } organisationId)
            return Refused(new Reason("Record the requesting organisation first (Edit): the letter is addressed to it."));
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId, cancellationToken);
        var withEmail = organisation.LetterRecipients();
        var recipient = request.RecipientContactId is { } contactId ? withEmail.SingleOrDefault(c => c.Id == contactId) : withEmail.Count > 0 ? withEmail[0] : null;
        if (recipient is null)
            return Refused(new Reason("Add a contact with an email address to {0} first: the letter is sent to them.", organisation.Name));

        blobs.PrepareKeys();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var number = new LetterNumber(now.Year, await CaseNumbers.NextLetterAsync(db, now.Year, cancellationToken));
            var wording = await LetterTemplates.CurrentAsync(db, request.Kind, request.Language, cancellationToken);
            var facts = LetterFacts.From(@case, request.Language, DateOnly.FromDateTime(now), organisation.Name, recipient, actor) with
            {
                Number = number.ToString(),
                Reason = reason,
            };
            var content = composer.Compose(request.Kind, wording, facts);
            var pdf = PdfLetter.Write(content);
            var docx = DocxLetter.Write(content);
            var pdfSha256 = await blobs.PutAsync(pdf, cancellationToken);
            var docxSha256 = await blobs.PutAsync(docx, cancellationToken);
            var documentKind = IssuedLetter.DocumentKindOf(request.Kind);
            var fileName = $"{number.ForFileName} {@case.Reference}";
            var letter = new IssuedLetter(request.Kind, number, request.Language, content.Subject, now, actor, recipient.Email!, pdfSha256, docxSha256, wording.Version, reason);
            var files = new LetterFiles(
                new CaseDocument(documentKind, fileName + ".pdf", "application/pdf", pdfSha256, pdf.Length, now, actor.Name),
                new CaseDocument(documentKind, fileName + ".docx", MailReading.WordDocument, docxSha256, docx.Length, now, actor.Name),
                organisation.Name,
                composer.UnitName(request.Language));
            var refused = @case.IssueLetter(letter, files, actor);
            if (refused.Count > 0)
                return new IssueLetterResult(null, refused);
            db.Outbox.Add(new OutgoingMail(OutgoingKind.Letter, @case.Id, $"{Guid.NewGuid():N}.letter@{desk.Value.MailDomain}", recipient.Email!, recipient.Name,
                $"[{@case.Reference}] {content.Subject}", composer.CoverNote(content, recipient.Name), null, request.Language, now)
            {
                AttachmentSha256s = [pdfSha256],
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new IssueLetterResult(letter, []);
        });
    }

    private static IssueLetterResult Refused(Reason reason) => new(null, [reason]);
}
