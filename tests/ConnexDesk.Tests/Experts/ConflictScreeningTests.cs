using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Experts;

/// <summary>An expert who worked for the company across the table must not reach the case unnoticed.</summary>
public sealed class ConflictScreeningTests
{
    private static Expert With(string? nationality, params ExpertTie[] ties)
    {
        var expert = new Expert("Awa Ndiaye", "awa@example.org", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        expert.UpdateProfile(new ExpertProfile("Awa Ndiaye", "awa@example.org", nationality, [], [], [], [], null, null, ties), DateTime.UtcNow);
        return expert;
    }

    private static Counterparty Party(string name, CounterpartyKind kind = CounterpartyKind.Company, string? country = null) => new(name, country, kind);

    [Theory]
    [InlineData("Rio Tinto plc", "RIO TINTO LIMITED")]
    [InlineData("Société Minière de Kalemba", "Societe Miniere de Kalemba SA")]
    [InlineData("Kalemba Gold Mining S.A.R.L.", "kalemba gold mining")]
    public void A_past_client_under_another_spelling_of_the_counterparty_is_a_conflict(string tie, string counterparty)
    {
        var findings = ConflictScreening.Screen(With(null, new ExpertTie(tie, 2019, 2023)), [Party(counterparty)], 2026);

        var finding = Assert.Single(findings);
        Assert.True(finding.Blocking);
    }

    [Fact]
    public void A_tie_that_ended_before_the_look_back_window_is_shown_but_does_not_block()
    {
        var expert = With(null, new ExpertTie("Rio Tinto plc", 2005, 2019), new ExpertTie("Rio Tinto plc", 2021, 2021), new ExpertTie("Rio Tinto plc", 2024, null));

        var findings = ConflictScreening.Screen(expert, [Party("Rio Tinto Limited")], 2026);

        Assert.Equal([false, true, true], findings.Select(f => f.Blocking));
        Assert.Contains("more than 5 years ago", findings[0].Reason, StringComparison.Ordinal);
        Assert.Contains("since 2024", findings[2].Reason, StringComparison.Ordinal);
        Assert.True(ConflictScreening.Screen(expert, [Party("Rio Tinto Limited")], 2026, lookBackYears: 10)[0].Blocking);
    }

    [Fact]
    public void A_parent_company_recorded_by_staff_is_screened_like_the_counterparty()
    {
        var c = Case.Open(new CaseReference(2026, 1), new CaseDetails("SN", "Kalemba"), null, CaseBuilder.Officer, CaseBuilder.Start);
        c.AddCounterparty(Party("Kalemba Gold Mining SA"), CaseBuilder.Officer, CaseBuilder.Start);
        c.RecordOwners(c.Counterparties[0], ["Western Ridge Resources plc"], CaseBuilder.Officer, CaseBuilder.Start);

        var findings = ConflictScreening.Screen(With(null, new ExpertTie("Western Ridge Resources Ltd", 2020, null)), c.Counterparties, 2026);

        Assert.Equal("Western Ridge Resources plc (owner of Kalemba Gold Mining SA)", Assert.Single(findings).Counterparty);
    }

    [Fact]
    public void Sharing_the_words_of_the_trade_is_not_a_conflict_and_a_shared_nationality_is_flagged_without_blocking()
    {
        var expert = With("SN", new ExpertTie("Sahel Gold Mining Services", 2022, null));

        var findings = ConflictScreening.Screen(expert, [Party("Kalemba Gold Mining SA"), Party("Republic of Senegal", CounterpartyKind.State, "SN")], 2026);

        var finding = Assert.Single(findings);
        Assert.Equal(("nationality", false), (finding.Tie, finding.Blocking));
    }
}
