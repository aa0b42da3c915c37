using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Delivery;

/// <summary>
/// The evaluation of one case after delivery: the questionnaire sent to the focal point in its language, its answers
/// recorded (the six criteria and the capacity built), the experts' reports, and the officer's lessons learned.
/// </summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class CaseEvaluationModel(DeskDb db, BlobStore blobs, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<CaseEvaluationModel> logger, IOptions<DeskOptions> desk)
    : CasePageModel(db, clock, localizer, logger)
{
    public IReadOnlyList<OrganisationContact> Recipients { get; private set; } = [];

    /// <summary>What was typed in a refused form, to give back.</summary>

    public Task<IActionResult> OnGetAsync(string reference) => ShowAsync(reference, "evaluation");

    public Task<IActionResult> OnPostQuestionnaireAsync(string reference, int version, int? recipientId) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            var recipient = (await RecipientsAsync(c)).FirstOrDefault(r => r.Id == recipientId);
            if (recipient?.Email is null)
                return (Localizer["Choose the contact of the requesting organisation to send the questionnaire to."], []);
            var refusals = c.RecordQuestionnaireSent(recipient.Email, actor, now);
            if (refusals.Count > 0)
                return Refused(Localizer["The questionnaire was not sent:"], refusals);
            var (subject, body) = EvaluationQuestionnaire.Text(c.Language, c.Reference, desk.Value.UnitName);
            Db.Outbox.Add(new Domain.Intake.OutgoingMail(Domain.Intake.OutgoingKind.Questionnaire, c.Id, $"{Guid.NewGuid():N}.evaluation@{desk.Value.MailDomain}",
                recipient.Email, recipient.Name, subject, body, null, c.Language, now));
            return null;
        }, _ => Localizer["The questionnaire is in the outbox. Record the answers here when they come."]);

    public Task<IActionResult> OnPostAnswersAsync(string reference, int version, Dictionary<EvaluationCriterion, int>? rating, Dictionary<EvaluationCriterion, string>? comment,
        string? capacityBuilt, string? answeredBy) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            if (EvaluationForm.IsTooLong(comment, capacityBuilt, answeredBy))
                return (Localizer[EvaluationForm.TooLongMessage], []);
            var refusals = c.RecordGovernmentEvaluation(EvaluationForm.Answers(rating, comment), capacityBuilt, answeredBy, actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["The answers were not recorded:"], refusals);
        }, _ => Localizer["The government's evaluation is recorded."]);

    public Task<IActionResult> OnPostLessonsAsync(string reference, int version, string? text) =>
        ChangeAsync(reference, version, (c, actor, now) =>
        {
            var refusals = c.WriteLessonsLearned(text, actor, now);
            return refusals.Count == 0 ? null : Refused(Localizer["The lessons learned were not saved:"], refusals);
        }, _ => Localizer["Lessons learned saved."]);

    public Task<IActionResult> OnPostReportAsync(string reference, int version, IFormFile? file) =>
        ChangeAsync(reference, version, async (c, actor, now) =>
        {
            if (file is null)
                return (Localizer["Choose the file of the expert's report."], []);
            if (!c.CanBeChangedBy(actor))
                return (Localizer["This case is finished; it can no longer be changed."], []);
            var (document, problem) = await DocumentUpload.StoreAsync(file, CaseDocumentKind.ExpertReport, actor.Name, now, blobs, HttpContext.RequestAborted);
            if (document is null)
                return (Localizer["{0} was not added:", Intake.MailReading.SafeFileName(file.FileName)], [Localizer[problem!].Value]);
            c.AddDocument(document, actor);
            return null;
        }, c => Localizer["Added to the case's documents: {0}.", c.Documents[^1].FileName]);

    protected override string PageAfterChange(Case found) => $"/cases/{found.Reference}/evaluation";

    protected override async Task PrepareAsync(Case found)
    {
        Case = found;
        Now = Clock.GetUtcNow().UtcDateTime;
        Recipients = await RecipientsAsync(found);
    }
}
