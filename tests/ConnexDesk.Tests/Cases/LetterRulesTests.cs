using ConnexDesk.Domain.Cases;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Cases;

/// <summary>Who may issue which letter when, and what issuing one does to the case.</summary>
public sealed class LetterRulesTests
{
    private readonly CaseBuilder _builder = new();

    [Fact]
    public void The_agreement_names_the_latest_request_letter_and_the_approval_letter_as_sent()
    {
        var c = _builder.At(CaseStage.PendingApproval);
        c.AddDocument(new CaseDocument(CaseDocumentKind.RequestLetter, "request.pdf", "application/pdf", new string('e', 64), 1200, CaseBuilder.Start.AddDays(20), "Olga Officer"), CaseBuilder.Officer);

        var letter = _builder.Issue(c, LetterKind.Approval, CaseBuilder.Manager);

        var agreement = c.Agreement!;
        Assert.Equal((new string('e', 64), 2, "request.pdf"), (agreement.RequestLetterSha256, c.RequestLetter!.Version, agreement.RequestLetterFileName));
        Assert.Equal((letter.Number, letter.PdfSha256, letter.IssuedAt), (agreement.ApprovalLetterNumber, agreement.ApprovalLetterSha256, agreement.ApprovalLetterIssuedAt));
        Assert.Equal(("Ministère des Mines", "Negotiation Support Unit"), (agreement.SupportRecipient, agreement.SupportProvider));
        Assert.Contains(c.History, h => h.Kind == HistoryKind.AgreementRecorded);
        Assert.Contains(c.History, h => h.Kind == HistoryKind.LetterIssued && h.NewValue!.StartsWith(letter.Number, StringComparison.Ordinal));
    }

    [Fact]
    public void Once_the_approval_letter_is_issued_the_request_can_no_longer_be_declined()
    {
        var c = _builder.At(CaseStage.PendingApproval);
        _builder.Issue(c, LetterKind.Approval, CaseBuilder.Manager);

        var refusals = c.LetterRefusals(LetterKind.Decline, CaseBuilder.OtherManager, "changed our minds", CaseBuilder.Start.AddDays(30));

        Assert.Contains("can no longer be declined", refusals.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_approval_letter_waits_for_the_pending_approval_stage_and_a_manager_other_than_the_case_officer()
    {
        var early = _builder.At(CaseStage.DueDiligence);
        var pending = _builder.At(CaseStage.PendingApproval);
        pending.AssignOfficer(CaseBuilder.Manager.UserId, CaseBuilder.Manager.Name, null, CaseBuilder.Manager, CaseBuilder.Start.AddDays(9));
        var at = CaseBuilder.Start.AddDays(10);

        Assert.Contains("pending approval", early.LetterRefusals(LetterKind.Approval, CaseBuilder.Manager, null, at).Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("Only managers can do this.", pending.LetterRefusals(LetterKind.Approval, CaseBuilder.Officer, null, at).Single().ToString());
        Assert.Contains("four eyes", pending.LetterRefusals(LetterKind.Approval, CaseBuilder.Manager, null, at).Single().ToString(), StringComparison.Ordinal);
        Assert.Empty(pending.LetterRefusals(LetterKind.Approval, CaseBuilder.OtherManager, null, at));
    }

    [Fact]
    public void Letters_are_not_issued_on_a_finished_case_and_the_template_is_never_issued()
    {
        var declined = _builder.At(CaseStage.Declined);
        var open = _builder.At(CaseStage.FormalRequestReceived);
        var at = CaseBuilder.Start.AddDays(10);

        Assert.Contains("finished", declined.LetterRefusals(LetterKind.Acknowledgement, CaseBuilder.Officer, null, at).Single().ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(open.LetterRefusals(LetterKind.RequestLetterTemplate, CaseBuilder.Officer, null, at));
        Assert.Throws<ArgumentException>(() => new IssuedLetter(LetterKind.RequestLetterTemplate, new LetterNumber(2026, 1), "en", "s", at, CaseBuilder.Officer, "a@b.c", "x", "y", 0));
    }

    [Fact]
    public void Letter_numbers_read_CNX_L_year_and_four_digits()
    {
        Assert.Equal("CNX/L/2026/0001", new LetterNumber(2026, 1).ToString());
        Assert.Equal("CNX-L-2026-0123", new LetterNumber(2026, 123).ForFileName);
    }
}
