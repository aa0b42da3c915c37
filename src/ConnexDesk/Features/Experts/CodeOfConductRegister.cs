using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Letters;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Experts;

/// <summary>The versions of the Code of Conduct, and the experts' signatures of them.</summary>
public sealed class CodeOfConductRegister(DeskDb db, TimeProvider clock, IOptions<DeskOptions> desk)
{
    public Task<CodeOfConductVersion?> CurrentAsync(CancellationToken cancellationToken = default) =>
        db.CodeOfConductVersions.AsNoTracking().OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The version in force and which of <paramref name="expertIds"/> signed it; null when none is published.</summary>
    public async Task<Domain.Cases.CodeOfConductStanding?> StandingAsync(IEnumerable<int> expertIds, CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(cancellationToken);
        if (current is null)
            return null;
        var ids = expertIds.Distinct().ToList();
        var signed = await db.CodeOfConductSignatures.Where(s => s.VersionId == current.Id && ids.Contains(s.ExpertId)).Select(s => s.ExpertId).ToListAsync(cancellationToken);
        return new Domain.Cases.CodeOfConductStanding(current.Label, signed.ToHashSet());
    }

    public async Task<IReadOnlyList<CodeOfConductVersion>> AllAsync(CancellationToken cancellationToken = default) =>
        await db.CodeOfConductVersions.AsNoTracking().OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id).ToListAsync(cancellationToken);

    public async Task<(CodeOfConductVersion? Version, IReadOnlyList<Reason> Refusals)> PublishAsync(string? label, string? text, string publishedBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(label) || label.Length > 50)
            return (null, [new Reason("Give the version a label of at most 50 characters, e.g. 2027-1.")]);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100_000)
            return (null, [new Reason("The text of the Code of Conduct is empty or longer than 100,000 characters.")]);
        if (await db.CodeOfConductVersions.AnyAsync(v => v.Label == label.Trim(), cancellationToken))
            return (null, [new Reason("A version labelled {0} is already published; versions are never changed, publish a new one.", label.Trim())]);
        var version = new CodeOfConductVersion(label, text, clock.GetUtcNow().UtcDateTime, publishedBy);
        db.CodeOfConductVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return (version, []);
    }

    /// <summary>The roster entry of the expert signed in as <paramref name="user"/>.</summary>
    public Task<Expert?> ExpertForAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ExpertForAsync(user.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? user.Identity?.Name, cancellationToken);
    }

    /// <summary>The roster entry of a signed-in expert, found by their account's email address.</summary>
    public Task<Expert?> ExpertForAsync(string? email, CancellationToken cancellationToken = default)
    {
        // Roster addresses are stored in lower case.
        var address = email?.ToLowerInvariant();
        return address is null ? Task.FromResult<Expert?>(null) : db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.Email == address, cancellationToken);
    }

    public async Task<IReadOnlyList<CodeOfConductSignature>> SignaturesAsync(int expertId, CancellationToken cancellationToken = default) =>
        await db.CodeOfConductSignatures.AsNoTracking().Where(s => s.ExpertId == expertId).OrderByDescending(s => s.SignedAt).ToListAsync(cancellationToken);

    public async Task<(CodeOfConductSignature? Signature, IReadOnlyList<Reason> Refusals)> SignAsync(Expert expert, int versionId, string? shownSha256, string? typedName, bool consent, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expert);
        var current = await CurrentAsync(cancellationToken);
        var version = await db.CodeOfConductVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (current is null || version is null)
            return (null, [new Reason("No Code of Conduct is published yet.")]);
        if (await db.CodeOfConductSignatures.AnyAsync(s => s.ExpertId == expert.Id && s.VersionId == versionId, cancellationToken))
            return (null, [new Reason("You have already signed version {0}.", version.Label)]);
        var (signature, refusals) = CodeOfConductSignature.Sign(expert, version, current, shownSha256, typedName, consent, clock.GetUtcNow().UtcDateTime, userId);
        if (signature is null)
            return (null, refusals);
        db.CodeOfConductSignatures.Add(signature);
        await db.SaveChangesAsync(cancellationToken);
        return (signature, []);
    }

    /// <summary>The signature record as a PDF: who signed which version when, the hash of the text, and the text itself.</summary>
    public async Task<byte[]?> RecordPdfAsync(Expert expert, int signatureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expert);
        var signature = await db.CodeOfConductSignatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == signatureId && s.ExpertId == expert.Id, cancellationToken);
        if (signature is null)
            return null;
        var version = await db.CodeOfConductVersions.AsNoTracking().SingleAsync(v => v.Id == signature.VersionId, cancellationToken);
        var body = new List<LetterBlock>
        {
            new(LetterBlockKind.Paragraph, $"{expert.Name} ({expert.Email}) signed version {signature.VersionLabel} of the Code of Conduct on {signature.SignedAt:yyyy-MM-dd HH:mm} UTC, typing the name \"{signature.TypedName}\" and confirming that they had read the Code and agree to it."),
            new(LetterBlockKind.Paragraph, $"SHA-256 of the text signed: {signature.TextSha256}"),
            new(LetterBlockKind.Heading, $"The text signed (version {version.Label})"),
        };
        body.AddRange(LetterContent.Blocks(version.Text));
        var content = new LetterContent("en", [desk.Value.UnitName, desk.Value.UnitEmail], signature.SignedAt.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), null,
            [expert.Name, expert.Email], $"Code of Conduct, version {signature.VersionLabel}: signature record", body, [], new LetterLabels("Reference:", "Subject:", "Page {0} of {1}", "Confidential"));
        return PdfLetter.Write(content);
    }
}
