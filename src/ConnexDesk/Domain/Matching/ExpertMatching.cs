using System.Globalization;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Domain.Matching;

/// <summary>What a case needs from its experts: disciplines, sector, languages, where, when, and how many days.</summary>
public sealed record ExpertiseNeeds(
    IReadOnlyList<Discipline> Disciplines,
    Sector? Sector,
    IReadOnlyList<string> Languages,
    string? CountryCode,
    string? Region,
    DateOnly From,
    DateOnly To,
    int? Days)
{
    /// <summary>
    /// What the case says until scoping agrees better: the disciplines of the services requested (technical ones by
    /// sector), the case's sector, its language and the country's, the period from today to the next negotiation
    /// round (or the deadline; otherwise eight weeks).
    /// </summary>
    public static ExpertiseNeeds For(Case @case, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var until = @case.NextRoundOn ?? @case.DeadlineOn ?? today.AddDays(56);
        return new ExpertiseNeeds(
            DisciplinesFor(@case.ServicesNeeded, @case.Sector),
            @case.Sector,
            [.. new[] { @case.Language }.Concat(CountryLanguages.Of(@case.CountryCode)).Distinct(StringComparer.Ordinal)],
            @case.CountryCode,
            null,
            today,
            until < today ? today : until,
            null);
    }

    public static IReadOnlyList<Discipline> DisciplinesFor(SupportServices services, Sector? sector)
    {
        var disciplines = new List<Discipline>();
        if (services.HasFlag(SupportServices.Legal))
            disciplines.Add(Discipline.Legal);
        if (services.HasFlag(SupportServices.FiscalAndFinancialModelling))
            disciplines.AddRange([Discipline.FiscalAndFinancialModelling, Discipline.Tax]);
        if (services.HasFlag(SupportServices.Technical))
        {
            disciplines.Add(sector switch
            {
                Cases.Sector.Mining => Discipline.GeologyAndMiningEngineering,
                Cases.Sector.OilAndGas => Discipline.PetroleumEngineering,
                Cases.Sector.Power or Cases.Sector.RenewableEnergy => Discipline.PowerAndRenewableEnergy,
                Cases.Sector.TransportInfrastructure or Cases.Sector.Water or Cases.Sector.Telecommunications => Discipline.InfrastructureAndPpp,
                Cases.Sector.AgricultureAndLand or Cases.Sector.Other or null => Discipline.Other,
            });
        }
        if (services.HasFlag(SupportServices.EnvironmentalAndSocial))
            disciplines.AddRange([Discipline.Environmental, Discipline.SocialAndCommunity]);
        if (services.HasFlag(SupportServices.Other))
            disciplines.Add(Discipline.Other);
        return disciplines;
    }
}

/// <summary>
/// The case to match and what else matching needs that is not on the case or the profiles, gathered by the caller:
/// the Code of Conduct standing, the year and look-back window, every expert's current engagements on other cases,
/// and those cases' counterparties an expert already faces.
/// </summary>
public sealed record MatchContext(
    Case Case,
    ExpertiseNeeds Needs,
    CodeOfConductStanding? CodeOfConduct,
    int CurrentYear,
    int LookBackYears,
    IReadOnlyDictionary<int, int> CurrentEngagements,
    IReadOnlyDictionary<int, IReadOnlyList<ConflictFinding>> EngagedAgainstSameParty);

/// <summary>One expert's place in the ranking for a case: the score, why, the ties found, and whether they may be proposed.</summary>
public sealed record ExpertMatch(
    Expert Expert,
    double Score,
    bool Eligible,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<ConflictFinding> Conflicts,
    IReadOnlyList<Reason> Ineligible,
    bool NamedByGovernment,
    bool OnThisCase);

/// <summary>A language by its ISO 639-1 code; reads as its English name.</summary>
public sealed record LanguageName(string Code)
{
    public override string ToString()
    {
        try
        {
            return CultureInfo.GetCultureInfo(Code).EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return Code;
        }
    }
}

/// <summary>
/// Ranks the whole roster for a case. Points out of 100: disciplines needed that the expert covers (40), the sector
/// (10), a language needed, by level (20), experience of the country or region (10), availability over the period
/// (10), and a light current workload (10). Hard filters make an expert ineligible, never hidden: inactive, the
/// current Code of Conduct not signed, a blocking tie to a counterparty that no manager cleared, or one a manager
/// rejected. Experts the government named are marked and judged the same way.
/// </summary>
public static class ExpertMatching
{
    public static IReadOnlyList<ExpertMatch> Rank(RosterIndex roster, MatchContext context)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(context);
        var conflicts = roster.Conflicts(context.Case.Counterparties, context.CurrentYear, context.LookBackYears);
        var named = context.Case.RequestedExperts.Select(n => NameMatching.Tokens(n)).Where(t => t.Count > 0).ToList();
        var matches = new ExpertMatch[roster.Experts.Count];
        for (var i = 0; i < roster.Experts.Count; i++)
        {
            var expert = roster.Experts[i];
            IReadOnlyList<ConflictFinding> found = conflicts.GetValueOrDefault(i) ?? [];
            if (context.EngagedAgainstSameParty.TryGetValue(expert.Id, out var elsewhere))
                found = [.. found, .. elsewhere];
            var isNamed = named.Count > 0 && IsNamed(expert, named);
            matches[i] = Judge(expert, found, isNamed, context);
        }
        Array.Sort(matches, (a, b) =>
            a.Eligible != b.Eligible ? (a.Eligible ? -1 : 1)
            : b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : string.CompareOrdinal(a.Expert.Name, b.Expert.Name));
        return matches;
    }

    /// <summary>Every word of the expert's name is in a name the government gave ("Dr. Claire DUBOIS" names Claire Dubois).</summary>
    private static bool IsNamed(Expert expert, List<IReadOnlyList<string>> named)
    {
        var tokens = NameMatching.Tokens(expert.Name);
        return tokens.Count > 1 && named.Any(n => tokens.All(t => n.Any(w => NameMatching.Similarity(t, w) >= NameMatching.TokenThreshold)));
    }

    private static ExpertMatch Judge(Expert expert, IReadOnlyList<ConflictFinding> conflicts, bool named, MatchContext context)
    {
        var needs = context.Needs;
        var reasons = new List<Reason>();
        double score = 0;

        if (needs.Disciplines.Count > 0)
        {
            var covered = needs.Disciplines.Where(expert.Disciplines.Contains).ToList();
            score += 40.0 * covered.Count / needs.Disciplines.Count;
            reasons.Add(covered.Count == 0
                ? new Reason("covers none of the disciplines needed")
                : new Reason("covers {0} ({1} of {2} disciplines needed)", string.Join(", ", covered.Select(ExpertWords.Discipline)), covered.Count, needs.Disciplines.Count));
        }
        if (needs.Sector is { } sector && expert.Sectors.Contains(sector))
        {
            score += 10;
            reasons.Add(new Reason("has worked in the {0} sector", CaseWords.Sector(sector)));
        }
        if (needs.Languages.Count > 0)
        {
            var best = expert.LanguageLevels()
                .Where(l => needs.Languages.Contains(l.Code, StringComparer.OrdinalIgnoreCase))
                .OrderByDescending(l => LevelWeight(l.Level))
                .FirstOrDefault();
            if (best is null)
            {
                reasons.Add(new Reason("speaks none of the languages needed ({0})", string.Join(", ", needs.Languages.Select(l => new LanguageName(l)))));
            }
            else
            {
                score += 20 * LevelWeight(best.Level);
                reasons.Add(best.Level is null
                    ? new Reason("speaks {0}", new LanguageName(best.Code))
                    : new Reason("speaks {0} ({1})", new LanguageName(best.Code), best.Level));
            }
        }
        if (needs.CountryCode is { } country && expert.Regions.Any(r => string.Equals(r, country, StringComparison.OrdinalIgnoreCase) || string.Equals(r, Countries.Name(country), StringComparison.OrdinalIgnoreCase)))
        {
            score += 10;
            reasons.Add(new Reason("has worked in {0}", new CountryName(country)));
        }
        else if (needs.Region is { Length: > 0 } region && expert.Regions.Any(r => string.Equals(r.Trim(), region.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            score += 6;
            reasons.Add(new Reason("has experience in {0}", region.Trim()));
        }
        var away = expert.UnavailablePeriods().Where(p => p.Overlaps(needs.From, needs.To)).ToList();
        if (away.Count == 0)
        {
            score += 10;
            reasons.Add(new Reason("available from {0:yyyy-MM-dd} to {1:yyyy-MM-dd}", needs.From, needs.To));
        }
        else
        {
            reasons.Add(new Reason("unavailable {0} within the period needed", string.Join(", ", away.Select(p => $"{p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd}"))));
        }
        var workload = context.CurrentEngagements.GetValueOrDefault(expert.Id);
        score += Math.Max(0, 10 - 4 * workload);
        reasons.Add(workload == 0 ? new Reason("no other current engagement") : new Reason("{0} current engagement(s) on other cases", workload));
        if (named)
            reasons.Insert(0, new Reason("named by the government in its request"));

        var ineligible = new List<Reason>();
        if (expert.Status != ExpertStatus.Active)
            ineligible.Add(new Reason("inactive on the roster"));
        if (context.CodeOfConduct is not { } code)
            ineligible.Add(new Reason("no Code of Conduct is in force"));
        else if (!code.SignedBy.Contains(expert.Id))
            ineligible.Add(new Reason("has not signed the current Code of Conduct ({0})", code.CurrentVersion));
        if (context.Case.LatestRulingFor(expert.Id) is { Outcome: ConflictRulingOutcome.Rejected } rejected)
            ineligible.Add(new Reason("a manager ruled out a conflict of interest on this case: {0}", rejected.Reason));
        else if (context.Case.ScreeningRulingFor(expert.Id)?.Outcome != ConflictRulingOutcome.Cleared)
        {
            foreach (var blocking in conflicts.Where(c => c.Blocking))
                ineligible.Add(new Reason("conflict of interest with {0}: {1}", blocking.Counterparty, blocking.Reason));
        }
        return new ExpertMatch(expert, Math.Round(score, 1), ineligible.Count == 0, reasons, conflicts, ineligible, named, context.Case.Engagements.Any(e => e.ExpertId == expert.Id && e.IsCurrent));
    }

    /// <summary>How much a language counts at a level: full at C1, C2 or native, and when the level is not recorded.</summary>
    private static double LevelWeight(string? level) => level?.Trim().ToUpperInvariant() switch
    {
        null or "" or "C1" or "C2" or "NATIVE" => 1,
        "B2" => 0.75,
        "B1" => 0.5,
        _ => 0.25,
    };
}
