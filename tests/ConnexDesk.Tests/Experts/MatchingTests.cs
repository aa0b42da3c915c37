using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Domain.Matching;
using ConnexDesk.Tests.Support;
using static ConnexDesk.Tests.Support.ExpertBuilder;

namespace ConnexDesk.Tests.Experts;

/// <summary>Ranking the roster for a French-speaking mining case: why each expert is placed where, and who may not be proposed.</summary>
public sealed class MatchingTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private readonly CaseBuilder _builder = new();

    private Case MiningCase()
    {
        var c = _builder.At(CaseStage.ExpertSelection);
        c.ChangeDetails(new CaseDetails("SN", "Kalemba gold mining convention", Sector: Sector.Mining, NextRoundOn: new DateOnly(2027, 1, 20),
            ServicesNeeded: SupportServices.Legal | SupportServices.Technical, Language: "fr"), CaseBuilder.Officer, CaseBuilder.Start, null);
        c.AddCounterparty(new Counterparty("Kalemba Gold Mining SA", null, CounterpartyKind.Company), CaseBuilder.Officer, CaseBuilder.Start);
        return c;
    }

    private static MatchContext Context(Case c, IReadOnlySet<int> signed, IReadOnlyDictionary<int, int>? workload = null,
        IReadOnlyDictionary<int, IReadOnlyList<ConflictFinding>>? elsewhere = null, IReadOnlyDictionary<int, PastEvaluation>? evaluations = null) =>
        new(c, ExpertiseNeeds.For(c, Today), new CodeOfConductStanding("2026-1", signed), 2026, 5,
            workload ?? new Dictionary<int, int>(), elsewhere ?? new Dictionary<int, IReadOnlyList<ConflictFinding>>(), evaluations);

    [Fact]
    public void Governments_past_ratings_of_an_expert_move_them_up_or_down_and_a_newcomer_sits_in_the_middle()
    {
        var c = MiningCase();
        var roster = new RosterIndex([Expert(20, "Well Rated", disciplines: "Legal"), Expert(21, "New Comer", disciplines: "Legal"), Expert(22, "Poorly Rated", disciplines: "Legal")]);
        var evaluations = new Dictionary<int, PastEvaluation> { [20] = new(3.7, 2), [22] = new(1.6, 1) };

        var ranked = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 20, 21, 22 }, evaluations: evaluations));

        Assert.Equal(["Well Rated", "New Comer", "Poorly Rated"], ranked.Select(m => m.Expert.Name));
        Assert.Equal("governments rated the support 3.7 of 4 on 2 past case(s)", ranked[0].Reasons[^1].ToString());
        Assert.Equal("no past evaluation yet", ranked[1].Reasons[^1].ToString());
    }

    [Fact]
    public void The_needs_of_a_case_come_from_its_services_sector_language_country_and_next_round()
    {
        var needs = ExpertiseNeeds.For(MiningCase(), Today);

        Assert.Equal([Discipline.Legal, Discipline.GeologyAndMiningEngineering], needs.Disciplines);
        Assert.Equal("fr", needs.Languages[0]);
        Assert.Contains("wo", needs.Languages);
        Assert.Equal((Today, new DateOnly(2027, 1, 20), "SN"), (needs.From, needs.To, needs.CountryCode));
    }

    [Fact]
    public void Experts_are_ranked_by_what_they_cover_with_the_reasons_for_their_place()
    {
        var c = MiningCase();
        var roster = new RosterIndex(
        [
            Expert(1, "Paulo Ferreira", languages: "pt:native;en:C1", disciplines: "Legal", sectors: "OilAndGas"),
            Expert(2, "Awa Ndiaye", languages: "fr:native;en:C1", disciplines: "Legal;GeologyAndMiningEngineering", sectors: "Mining", regions: "SN;West Africa"),
            Expert(3, "Claire Dubois", languages: "fr:B2", disciplines: "Legal", sectors: "Mining"),
        ]);

        var ranked = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 1, 2, 3 }));

        Assert.Equal(["Awa Ndiaye", "Claire Dubois", "Paulo Ferreira"], ranked.Select(m => m.Expert.Name));
        Assert.Equal(97.5, ranked[0].Score);
        Assert.Equal(
            [
                "covers Legal, Geology and mining engineering (2 of 2 disciplines needed)",
                "has worked in the Mining sector",
                "speaks French (native)",
                "has worked in Senegal",
                "available from 2026-11-28 to 2027-01-20",
                "no other current engagement",
                "no past evaluation yet",
            ],
            ranked[0].Reasons.Select(r => r.ToString()));
        Assert.Contains("speaks none of the languages needed (French, ", ranked[2].Reasons.Select(r => r.ToString()).Single(r => r.StartsWith("speaks", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(ranked, m => Assert.True(m.Eligible));
    }

    [Fact]
    public void An_expert_who_worked_for_the_counterparty_cannot_be_proposed_until_a_manager_clears_it()
    {
        var c = MiningCase();
        var tied = Expert(4, "Jean Martin", disciplines: "Legal;GeologyAndMiningEngineering", sectors: "Mining", ties: new ExpertTie("Kalemba Gold Mining S.A.R.L.", 2018, 2023));
        var roster = new RosterIndex([tied, Expert(5, "Old Tie", disciplines: "Legal", ties: new ExpertTie("KALEMBA GOLD MINING", 2010, 2015))]);

        var before = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 4, 5 }));
        var refused = c.ProposeExpert(Proposal(before[^1]), CaseBuilder.Officer, CaseBuilder.Start.AddDays(60));
        Assert.Empty(c.RuleOnConflict(4, "Jean Martin", null, "worked for Kalemba Gold Mining S.A.R.L. (2018-2023)", ConflictRulingOutcome.Cleared,
            "Advised on an unrelated asset; the government was told and agrees.", CaseBuilder.Manager, CaseBuilder.Start.AddDays(61)));
        var after = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 4, 5 }));

        var jean = before.Single(m => m.Expert.Id == 4);
        Assert.False(jean.Eligible);
        Assert.Equal("conflict of interest with Kalemba Gold Mining SA: worked for Kalemba Gold Mining S.A.R.L. (2018-2023), within the last 5 years", jean.Ineligible.Single().ToString());
        Assert.Equal("Jean Martin cannot be proposed: conflict of interest with Kalemba Gold Mining SA: worked for Kalemba Gold Mining S.A.R.L. (2018-2023), within the last 5 years", refused.Single().ToString());
        var old = before.Single(m => m.Expert.Id == 5);
        Assert.True(old.Eligible);
        Assert.False(Assert.Single(old.Conflicts).Blocking);
        Assert.True(after.Single(m => m.Expert.Id == 4).Eligible);
    }

    [Fact]
    public void A_rejected_conflict_keeps_the_expert_off_the_case()
    {
        var c = MiningCase();
        var roster = new RosterIndex([Expert(4, "Jean Martin", ties: new ExpertTie("Kalemba Gold Mining", 2024, null))]);
        Assert.Empty(c.RuleOnConflict(4, "Jean Martin", null, "works for Kalemba Gold Mining", ConflictRulingOutcome.Rejected, "Still on their payroll.", CaseBuilder.Manager, CaseBuilder.Start.AddDays(61)));

        var jean = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 4 })).Single();

        Assert.Equal("a manager ruled out a conflict of interest on this case: Still on their payroll.", jean.Ineligible.Single().ToString());
    }

    [Fact]
    public void Unsigned_inactive_and_engaged_against_the_same_party_elsewhere_are_listed_as_ineligible_with_the_reason()
    {
        var c = MiningCase();
        var inactive = Expert(7, "Inés Ruiz", disciplines: "Legal");
        inactive.EditDetails(null, 12, null, [], ExpertStatus.Inactive, CaseBuilder.Start);
        var roster = new RosterIndex([Expert(6, "Unsigned Expert", disciplines: "Legal"), inactive, Expert(8, "Busy Expert", disciplines: "Legal")]);
        var elsewhere = new Dictionary<int, IReadOnlyList<ConflictFinding>>
        {
            [8] = [new ConflictFinding("Kalemba Gold Mining SA", "engaged on CNX-2026-0003", true, "is engaged on case CNX-2026-0003, which faces Kalemba Gold Mining SA too")],
        };

        var ranked = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 7, 8 }, elsewhere: elsewhere)).ToDictionary(m => m.Expert.Id);

        Assert.Equal("has not signed the current Code of Conduct (2026-1)", ranked[6].Ineligible.Single().ToString());
        Assert.Equal("inactive on the roster", ranked[7].Ineligible.Single().ToString());
        Assert.Contains("is engaged on case CNX-2026-0003", ranked[8].Ineligible.Single().ToString(), StringComparison.Ordinal);
        Assert.All(ranked.Values, m => Assert.False(m.Eligible));
    }

    [Fact]
    public void An_expert_named_by_the_government_is_marked_and_judged_the_same_way()
    {
        var c = MiningCase();
        c.ChangeDetails(new CaseDetails("SN", c.Title, Sector: Sector.Mining, RequestedExperts: ["Dr. Claire DUBOIS"], Language: "fr"), CaseBuilder.Officer, CaseBuilder.Start, null);
        var roster = new RosterIndex([Expert(3, "Claire Dubois", disciplines: "Legal"), Expert(9, "Other Person", disciplines: "Legal")]);

        var claire = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 9 })).Single(m => m.Expert.Id == 3);

        Assert.True(claire.NamedByGovernment);
        Assert.Equal("named by the government in its request", claire.Reasons[0].ToString());
        Assert.False(claire.Eligible);
    }

    [Fact]
    public void Unavailability_in_the_period_and_current_engagements_lower_the_score()
    {
        var c = MiningCase();
        var away = Expert(10, "Away Expert", disciplines: "Legal");
        away.EditDetails(null, null, null, [new DatePeriod(new DateOnly(2026, 12, 15), new DateOnly(2027, 1, 10))], ExpertStatus.Active, CaseBuilder.Start);
        var roster = new RosterIndex([away, Expert(11, "Busy Expert", disciplines: "Legal"), Expert(12, "Free Expert", disciplines: "Legal")]);

        var ranked = ExpertMatching.Rank(roster, Context(c, new HashSet<int> { 10, 11, 12 }, workload: new Dictionary<int, int> { [11] = 2 }));

        Assert.Equal(["Free Expert", "Busy Expert", "Away Expert"], ranked.Select(m => m.Expert.Name));
        Assert.Equal([57.5, 53.5, 47.5], ranked.Select(m => m.Score));
        Assert.Contains("2 current engagement(s) on other cases", ranked[1].Reasons.Select(r => r.ToString()));
        Assert.Contains("unavailable 2026-12-15 to 2027-01-10 within the period needed", ranked[2].Reasons.Select(r => r.ToString()));
    }

    private static ExpertProposal Proposal(ExpertMatch match) =>
        new(match.Expert.Id, match.Expert.Name, "Mining lawyer", 15, [.. match.Conflicts.Select(f => f.Reason)], match.Ineligible);
}
