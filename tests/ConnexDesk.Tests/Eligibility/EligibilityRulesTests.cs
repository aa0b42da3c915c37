using ConnexDesk.Domain;
using ConnexDesk.Domain.Eligibility;
using ConnexDesk.Features.Eligibility;
using ConnexDesk.Tests.Support;
using Microsoft.VisualBasic.FileIO;

namespace ConnexDesk.Tests.Eligibility;

/// <summary>
/// The eligibility rule against every row of the desk's reference files. The expected answers are read from the CSV
/// files with a different parser than the desk's, so a parsing mistake in the desk cannot make its own test pass.
/// </summary>
public sealed class EligibilityRulesTests
{
    private static readonly IReadOnlyList<ReferenceListVersion> Lists = ReferenceLists.LoadBuiltIns();
    private static readonly DateOnly In2024 = new(2024, 6, 1);
    private static readonly DateOnly In2026 = new(2026, 6, 1);

    private static List<string[]> Rows(string file)
    {
        using var parser = new TextFieldParser(Path.Combine(DeskProcess.RepositoryRoot, "src", "ConnexDesk", "Features", "Eligibility", "Lists", file)) { TextFieldType = FieldType.Delimited };
        parser.SetDelimiters(",");
        parser.HasFieldsEnclosedInQuotes = true;
        parser.ReadFields();
        var rows = new List<string[]>();
        while (!parser.EndOfData)
            rows.Add(parser.ReadFields()!);
        return rows;
    }

    public static TheoryData<string, string> DacRecipients2024() => Pairs(Rows("dac-2024-flows.csv").Select(r => (r[0], r[3])));

    public static TheoryData<string> EconomiesInTransition() => [.. Rows("un-wesp-economies-in-transition.csv").Select(r => r[0])];

    public static TheoryData<string, string> LeastDeveloped() => Pairs(Rows("un-ldc-list.csv").Select(r => (r[0], r[3])));

    private static TheoryData<string, string> Pairs(IEnumerable<(string, string)> pairs)
    {
        var data = new TheoryData<string, string>();
        foreach (var (a, b) in pairs)
            data.Add(a, b);
        return data;
    }

    [Theory]
    [MemberData(nameof(DacRecipients2024))]
    public void Every_recipient_on_the_2024_DAC_list_meets_the_country_criterion_with_its_group(string code, string group)
    {
        var assessment = EligibilityRules.AssessCountry(code, In2024, [.. Lists]);

        Assert.True(assessment.Eligible);
        Assert.Contains("DAC:" + group, assessment.Basis);
        Assert.Contains("OECD DAC List of ODA Recipients, 2024 flows", assessment.ListVersion, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EconomiesInTransition))]
    public void Every_economy_in_transition_meets_the_country_criterion(string code)
    {
        var assessment = EligibilityRules.AssessCountry(code, In2026, [.. Lists]);

        Assert.True(assessment.Eligible);
        Assert.Contains("WESP:transition", assessment.Basis);
    }

    [Theory]
    [MemberData(nameof(LeastDeveloped))]
    public void A_least_developed_country_is_one_until_the_day_it_graduates(string code, string graduation)
    {
        if (graduation.Length == 0)
        {
            Assert.Contains("UN:LDC", EligibilityRules.AssessCountry(code, In2026, [.. Lists]).Basis);
            return;
        }
        var day = DateOnly.ParseExact(graduation, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("UN:LDC", EligibilityRules.AssessCountry(code, day.AddDays(-1), [.. Lists]).Basis);
        var after = EligibilityRules.AssessCountry(code, day, [.. Lists]);
        Assert.DoesNotContain("UN:LDC", after.Basis);
        Assert.Contains(after.Reasons, r => r.Template.Contains("graduated from the UN list", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("XK", "DAC:UMIC")]
    [InlineData("PS", "DAC:UMIC")]
    [InlineData("KP", "DAC:OtherLIC")]
    [InlineData("SY", "DAC:OtherLIC")]
    [InlineData("BT", "DAC:LMIC")]
    [InlineData("NR", "DAC:UMIC")]
    [InlineData("MS", "DAC:UMIC")]
    [InlineData("RU", "WESP:transition")]
    public void Special_cases_qualify_on_the_right_basis(string code, string basis)
    {
        var assessment = EligibilityRules.AssessCountry(code, In2026, [.. Lists]);

        Assert.True(assessment.Eligible);
        Assert.Contains(basis, assessment.Basis);
    }

    [Theory]
    [InlineData("AG")] // left the DAC List on 2022-01-01
    [InlineData("CL")] // left 2018
    [InlineData("UY")]
    [InlineData("SC")]
    [InlineData("CK")] // left 2020
    [InlineData("FR")]
    [InlineData("DE")]
    [InlineData("BG")] // EU members that were once on the list
    [InlineData("RO")]
    [InlineData("HR")]
    [InlineData("PL")]
    [InlineData("US")]
    [InlineData("KN")]
    public void Countries_off_the_lists_do_not_meet_the_country_criterion(string code)
    {
        var assessment = EligibilityRules.AssessCountry(code, In2026, [.. Lists]);

        Assert.False(assessment.Eligible);
        Assert.DoesNotContain(assessment.Basis, b => b != "UN:LDC");
        Assert.Contains("The country criterion is not met", assessment.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Sao_Tome_and_Principe_moves_group_when_the_2025_list_comes_into_force()
    {
        Assert.Contains("DAC:LDC", EligibilityRules.AssessCountry("ST", new DateOnly(2024, 12, 31), [.. Lists]).Basis);
        var in2025 = EligibilityRules.AssessCountry("ST", new DateOnly(2025, 1, 1), [.. Lists]);
        Assert.Contains("DAC:LMIC", in2025.Basis);
        Assert.Contains("2025 and 2026 flows", in2025.ListVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_DAC_list_version_is_in_force_the_decision_says_so()
    {
        var assessment = EligibilityRules.AssessCountry("SN", new DateOnly(2023, 12, 31), [.. Lists]);

        Assert.False(assessment.Eligible);
        Assert.StartsWith("No version of the OECD DAC List of ODA Recipients was in force on 2023-12-31.", assessment.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_latest_version_in_force_on_the_date_is_used_and_a_later_one_waits_for_its_date()
    {
        var next = new ReferenceListVersion(ListKind.DacRecipients, "OECD DAC List of ODA Recipients, 2027 flows", new DateOnly(2027, 1, 1), "test",
            DateTime.UtcNow, "test", "", [new ReferenceListEntry("SN", "LMIC", null, null)]);
        var lists = Lists.Append(next).ToList();

        Assert.Contains("DAC:LDC", EligibilityRules.AssessCountry("SN", new DateOnly(2026, 12, 31), lists).Basis);
        Assert.Contains("DAC:LMIC", EligibilityRules.AssessCountry("SN", new DateOnly(2027, 1, 1), lists).Basis);
        Assert.False(EligibilityRules.AssessCountry("KE", new DateOnly(2027, 1, 1), lists).Eligible);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    public void The_decision_needs_a_government_body_and_a_negotiation_as_well(bool government, bool negotiation, bool eligible)
    {
        var decision = EligibilityRules.Assess(EligibilityRules.AssessCountry("MZ", In2026, [.. Lists]), government, negotiation);

        Assert.Equal(eligible, decision.Eligible);
        Assert.Equal(!government, decision.Explanation.Contains("only for government bodies", StringComparison.Ordinal));
        Assert.Equal(!negotiation, decision.Explanation.Contains("ongoing or upcoming negotiation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sen", "SN")]
    [InlineData("SEN", "SN")]
    [InlineData("sn", "SN")]
    [InlineData("xkx", "XK")]
    [InlineData("PSE", "PS")]
    public void Countries_are_found_by_alpha_2_or_alpha_3_in_any_case(string code, string expected) =>
        Assert.Equal(expected, Countries.Find(code)?.Code);

    [Fact]
    public void Country_names_exist_in_the_four_languages()
    {
        var senegal = Countries.Find("SN")!;

        Assert.Equal(("Senegal", "Sénégal"), (senegal.NameIn("en"), senegal.NameIn("fr")));
        Assert.Equal("Costa do Marfim", Countries.Name("CI", "pt"));
        Assert.Equal("Kosovo", Countries.Name("XK", "es"));
        Assert.All(Countries.Every, c => Assert.False(string.IsNullOrWhiteSpace(c.French + c.Spanish + c.Portuguese)));
    }
}
