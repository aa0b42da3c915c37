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
    /// The scope the government confirmed, when there is one. Until then what the case says: the disciplines of the
    /// services requested (technical ones by sector), the case's sector, its language and the country's, the period
    /// from today to the next negotiation round (or the deadline; otherwise eight weeks).
    /// </summary>
    public static ExpertiseNeeds For(Case @case, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var until = @case.NextRoundOn ?? @case.DeadlineOn ?? today.AddDays(56);
        if (@case.AgreedScope is { } scope)
            return FromScope(@case, scope, today, until);
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

    /// <summary>The agreed needs: their disciplines and languages, the sector they name, the period they span, the largest number of days one of them asks.</summary>
    private static ExpertiseNeeds FromScope(Case @case, ScopeVersion scope, DateOnly today, DateOnly until)
    {
        var needs = scope.Needs;
        var from = needs.Select(n => n.From).Where(d => d is not null).Min() ?? today;
        var to = needs.Select(n => n.To).Where(d => d is not null).Max() ?? until;
        from = from < today ? today : from;
        return new ExpertiseNeeds(
            [.. needs.Select(n => n.Discipline).Distinct()],
            needs.Select(n => n.Sector).FirstOrDefault(s => s is not null) ?? @case.Sector,
            [.. needs.Select(n => n.Language).Distinct(StringComparer.Ordinal)],
            @case.CountryCode,
            null,
            from,
            to < from ? from : to,
            needs.Max(n => n.Days));
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
    IReadOnlyDictionary<int, IReadOnlyList<ConflictFinding>> EngagedAgainstSameParty,
    IReadOnlyDictionary<int, PastEvaluation>? PastEvaluations = null);

/// <summary>How the governments rated the support on the cases an expert completed: the mean of their ratings (1 to 4), over how many cases.</summary>
public sealed record PastEvaluation(double Average, int Cases);

/// <summary>
/// One expert's place in the ranking for a case: the score, whether they may be proposed and why not, the ties found.
/// The reasons for the place are written when first read: a page reads them for the few experts it shows, not for
/// the whole roster.
/// </summary>
public sealed class ExpertMatch(Expert expert, double score, bool eligible, IReadOnlyList<ConflictFinding> conflicts, IReadOnlyList<Reason> ineligible,
    bool namedByGovernment, bool onThisCase, Func<IReadOnlyList<Reason>> explain)
{
    private IReadOnlyList<Reason>? _reasons;

    public Expert Expert { get; } = expert;
    public double Score { get; } = score;
    public bool Eligible { get; } = eligible;
    public IReadOnlyList<Reason> Reasons => _reasons ??= explain();
    public IReadOnlyList<ConflictFinding> Conflicts { get; } = conflicts;
    public IReadOnlyList<Reason> Ineligible { get; } = ineligible;
    public bool NamedByGovernment { get; } = namedByGovernment;
    public bool OnThisCase { get; } = onThisCase;
}

/// <summary>
/// The whole roster in ranked order: eligible experts first, by score, then by name. Each expert's match is made when
/// read, so that a page showing the first twenty of 100,000 does not build the other 99,980.
/// </summary>
public sealed class RosterRanking(int[] order, int eligibleCount, Func<int, ExpertMatch> match, IReadOnlyList<int> named) : IReadOnlyList<ExpertMatch>
{
    public int Count => order.Length;

    /// <summary>How many may be proposed; they are the first in the ranking.</summary>
    public int EligibleCount { get; } = eligibleCount;

    public ExpertMatch this[int index] => match(order[index]);

    /// <summary>The experts who may be proposed, best first.</summary>
    public IEnumerable<ExpertMatch> Eligible => Enumerable.Range(0, EligibleCount).Select(i => this[i]);

    /// <summary>The experts who may not be proposed, best score first.</summary>
    public IEnumerable<ExpertMatch> NotEligible => Enumerable.Range(EligibleCount, Count - EligibleCount).Select(i => this[i]);

    /// <summary>The experts the government named, wherever the ranking puts them.</summary>
    public IEnumerable<ExpertMatch> NamedByGovernment => named.Select(match);

    public IEnumerator<ExpertMatch> GetEnumerator()
    {
        foreach (var position in order)
            yield return match(position);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

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
/// (10), a light current workload (5) and past evaluations (5; half of it when there are none yet). Hard filters make an expert ineligible, never hidden: inactive, the
/// current Code of Conduct not signed, a blocking tie to a counterparty that no manager cleared, or one a manager
/// rejected. Experts the government named are marked and judged the same way.
/// </summary>
public static class ExpertMatching
{
    public static RosterRanking Rank(RosterIndex roster, MatchContext context)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(context);
        var conflicts = roster.Conflicts(context.Case.Counterparties, context.CurrentYear, context.LookBackYears);
        var needs = new Needs(context.Needs, roster);
        var named = context.Case.RequestedExperts.Select(n => NameMatching.Tokens(n)).Where(t => t.Count > 0).ToList();
        var rejected = context.Case.ConflictRulings.Select(r => r.ExpertId).Distinct()
            .Select(context.Case.LatestRulingFor).Where(r => r!.Outcome == ConflictRulingOutcome.Rejected).ToDictionary(r => r!.ExpertId, r => r!);
        var cleared = context.Case.ConflictRulings.Where(r => r.EngagementId is null).Select(r => r.ExpertId).Distinct()
            .Where(id => context.Case.ScreeningRulingFor(id)!.Outcome == ConflictRulingOutcome.Cleared).ToHashSet();
        var profiles = roster.ProfileArray;
        // Most cases have no engagement elsewhere, ruling or named expert: skip those lookups for 100,000 experts.
        var elsewhere = context.EngagedAgainstSameParty.Count > 0 ? context.EngagedAgainstSameParty : null;
        var workloads = context.CurrentEngagements.Count > 0 ? context.CurrentEngagements : null;
        var evaluations = context.PastEvaluations is { Count: > 0 } rated ? rated : null;
        var scores = new double[profiles.Length];
        var found = new Dictionary<int, IReadOnlyList<ConflictFinding>>();
        var eligibleCount = 0;
        var ruledOut = rejected.Count > 0 ? rejected : null;
        var namedExperts = new HashSet<int>();
        // Eligible first, then by score, then by name: one number per expert, so that a roster of 100,000 sorts fast.
        var keys = new long[profiles.Length];
        var order = new int[profiles.Length];
        for (var i = 0; i < profiles.Length; i++)
        {
            var facts = profiles[i];
            var ties = Combined(conflicts.GetValueOrDefault(i), elsewhere?.GetValueOrDefault(facts.Id));
            if (ties.Count > 0)
                found[i] = ties;
            var isNamed = named.Count > 0 && IsNamed(facts, named);
            if (isNamed)
                namedExperts.Add(i);
            scores[i] = Math.Round(Assess(i, facts, needs, workloads?.GetValueOrDefault(facts.Id) ?? 0, evaluations?.GetValueOrDefault(facts.Id), isNamed, null), 1);
            var eligible = Eligible(facts, ties, context.CodeOfConduct, ruledOut?.GetValueOrDefault(facts.Id), cleared.Count > 0 && cleared.Contains(facts.Id), null);
            if (eligible)
                eligibleCount++;
            keys[i] = ((eligible ? 1L : 0L) * 1001 + (long)Math.Round(scores[i] * 10)) * (profiles.Length + 1) + (profiles.Length - facts.NameOrder);
            order[i] = i;
        }
        Array.Sort(keys, order);
        Array.Reverse(order);
        var onCase = context.Case.Engagements.Where(e => e.IsCurrent).Select(e => e.ExpertId).ToHashSet();
        return new RosterRanking(order, eligibleCount, position =>
        {
            var facts = profiles[position];
            var expert = facts.Expert;
            var isNamed = namedExperts.Contains(position);
            var workload = context.CurrentEngagements.GetValueOrDefault(expert.Id);
            var ties = found.GetValueOrDefault(position) ?? [];
            var ineligible = new List<Reason>();
            var eligible = Eligible(facts, ties, context.CodeOfConduct, rejected.GetValueOrDefault(facts.Id), cleared.Contains(facts.Id), ineligible);
            return new ExpertMatch(expert, scores[position], eligible, ties, ineligible, isNamed, onCase.Contains(expert.Id), () =>
                {
                    var reasons = new List<Reason>();
                    Assess(position, facts, needs, workload, context.PastEvaluations?.GetValueOrDefault(expert.Id), isNamed, reasons);
                    return reasons;
                });
        }, [.. namedExperts]);
    }

    private static IReadOnlyList<ConflictFinding> Combined(List<ConflictFinding>? past, IReadOnlyList<ConflictFinding>? elsewhere) => (past, elsewhere) switch
    {
        (null, null) => [],
        (null, _) => elsewhere,
        (_, null) => past,
        _ => [.. past, .. elsewhere],
    };

    /// <summary>Every word of the expert's name is in a name the government gave ("Dr. Claire DUBOIS" names Claire Dubois).</summary>
    private static bool IsNamed(ExpertFacts expert, List<IReadOnlyList<string>> named)
    {
        var tokens = expert.NameTokens;
        return tokens.Count > 1 && named.Any(n => tokens.All(t => n.Any(w => NameMatching.Similarity(t, w) >= NameMatching.TokenThreshold)));
    }

    /// <summary>The needs in the shape scoring reads them, worked out once per ranking.</summary>
    /// <summary>
    /// The needs in the shape scoring reads them, worked out once per ranking: through the roster's indexes, which
    /// language needed each expert speaks best and whether they know the country or the region.
    /// </summary>
    private sealed class Needs
    {
        public Needs(ExpertiseNeeds needs, RosterIndex roster)
        {
            Of = needs;
            Disciplines = needs.Disciplines.Aggregate(0, (mask, d) => mask | ExpertFacts.Bit(d));
            DisciplineCount = needs.Disciplines.Distinct().Count();
            Sector = needs.Sector is { } sector ? ExpertFacts.Bit(sector) : 0;
            LanguageNames = string.Join(", ", needs.Languages.Select(l => new LanguageName(l)));
            BestLanguage = new sbyte[roster.Profiles.Count];
            Array.Fill(BestLanguage, (sbyte)-1);
            foreach (var code in needs.Languages.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                foreach (var (position, language) in roster.Speaking(code))
                {
                    var current = BestLanguage[position];
                    if (current < 0 || roster.Profiles[position].Languages[language].Weight > roster.Profiles[position].Languages[current].Weight)
                        BestLanguage[position] = (sbyte)language;
                }
            }
            Place = new byte[roster.Profiles.Count];
            if (!string.IsNullOrWhiteSpace(needs.Region))
            {
                Region = needs.Region.Trim();
                foreach (var position in roster.Experienced(Region))
                    Place[position] = InRegion;
            }
            if (needs.CountryCode is { } country)
            {
                foreach (var position in roster.Experienced(country).Concat(roster.Experienced(Countries.Name(country))))
                    Place[position] = InCountry;
            }
        }

        public const byte InCountry = 1;
        public const byte InRegion = 2;

        public ExpertiseNeeds Of { get; }
        public int Disciplines { get; }
        public int DisciplineCount { get; }
        public int Sector { get; }
        public string LanguageNames { get; }

        /// <summary>By position in the roster: which of the expert's languages is the best needed one, or -1.</summary>
        public sbyte[] BestLanguage { get; }

        /// <summary>By position in the roster: <see cref="InCountry"/>, <see cref="InRegion"/> or 0.</summary>
        public byte[] Place { get; }
        public string? Region { get; }
    }

    /// <summary>
    /// The points an expert earns for the case; with <paramref name="reasons"/>, also why. One function for both, so
    /// the reasons shown always add up to the score.
    /// </summary>
    private static double Assess(int position, ExpertFacts facts, Needs needs, int workload, PastEvaluation? evaluated, bool named, List<Reason>? reasons)
    {
        double score = 0;
        if (named)
            reasons?.Add(new Reason("named by the government in its request"));
        if (needs.DisciplineCount > 0)
        {
            var covered = System.Numerics.BitOperations.PopCount((uint)(needs.Disciplines & facts.Disciplines));
            score += 40.0 * covered / needs.DisciplineCount;
            if (reasons is not null)
            {
                var names = needs.Of.Disciplines.Distinct().Where(d => (facts.Disciplines & ExpertFacts.Bit(d)) != 0).Select(ExpertWords.Discipline);
                reasons.Add(covered == 0
                    ? new Reason("covers none of the disciplines needed")
                    : new Reason("covers {0} ({1} of {2} disciplines needed)", string.Join(", ", names), covered, needs.DisciplineCount));
            }
        }
        if (needs.Of.Sector is { } sector && (facts.Sectors & needs.Sector) != 0)
        {
            score += 10;
            reasons?.Add(new Reason("has worked in the {0} sector", CaseWords.Sector(sector)));
        }
        if (needs.Of.Languages.Count > 0)
        {
            if (needs.BestLanguage[position] is >= 0 and var best)
            {
                var spoken = facts.Languages[best];
                score += 20 * spoken.Weight;
                reasons?.Add(spoken.Level is null
                    ? new Reason("speaks {0}", new LanguageName(spoken.Code))
                    : new Reason("speaks {0} ({1})", new LanguageName(spoken.Code), spoken.Level));
            }
            else
            {
                reasons?.Add(new Reason("speaks none of the languages needed ({0})", needs.LanguageNames));
            }
        }
        if (needs.Place[position] == Needs.InCountry)
        {
            score += 10;
            reasons?.Add(new Reason("has worked in {0}", new CountryName(needs.Of.CountryCode!)));
        }
        else if (needs.Place[position] == Needs.InRegion)
        {
            score += 6;
            reasons?.Add(new Reason("has experience in {0}", needs.Region!));
        }
        var away = facts.Unavailable.Count == 0 ? [] : facts.Unavailable.Where(p => p.Overlaps(needs.Of.From, needs.Of.To)).ToList();
        if (away.Count == 0)
        {
            score += 10;
            reasons?.Add(new Reason("available from {0:yyyy-MM-dd} to {1:yyyy-MM-dd}", needs.Of.From, needs.Of.To));
        }
        else
        {
            reasons?.Add(new Reason("unavailable {0} within the period needed", string.Join(", ", away.Select(p => $"{p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd}"))));
        }
        score += Math.Max(0, 5 - 2 * workload);
        reasons?.Add(workload == 0 ? new Reason("no other current engagement") : new Reason("{0} current engagement(s) on other cases", workload));
        if (evaluated is { } past)
        {
            score += 5 * (past.Average - EvaluationAnswer.Lowest) / (EvaluationAnswer.Highest - EvaluationAnswer.Lowest);
            reasons?.Add(new Reason("governments rated the support {0:0.0} of {1} on {2} past case(s)", past.Average, EvaluationAnswer.Highest, past.Cases));
        }
        else
        {
            // A newcomer is neither rewarded nor punished for having no evaluation yet.
            score += 2.5;
            reasons?.Add(new Reason("no past evaluation yet"));
        }
        return score;
    }

    /// <summary>
    /// Whether the expert may be proposed; with <paramref name="reasons"/>, also why not. The hard filters: active, the
    /// Code of Conduct in force signed, no conflict a manager rejected, no blocking tie a manager has not cleared.
    /// </summary>
    private static bool Eligible(ExpertFacts expert, IReadOnlyList<ConflictFinding> conflicts, CodeOfConductStanding? code, ConflictRuling? rejected, bool cleared, List<Reason>? reasons)
    {
        var eligible = true;
        if (!expert.Active)
        {
            eligible = false;
            reasons?.Add(new Reason("inactive on the roster"));
        }
        if (code is null || !code.SignedBy.Contains(expert.Id))
        {
            eligible = false;
            reasons?.Add(code is null ? new Reason("no Code of Conduct is in force") : new Reason("has not signed the current Code of Conduct ({0})", code.CurrentVersion));
        }
        if (rejected is not null)
        {
            eligible = false;
            reasons?.Add(new Reason("a manager ruled out a conflict of interest on this case: {0}", rejected.Reason));
        }
        else if (!cleared && conflicts.Count > 0)
        {
            foreach (var blocking in conflicts.Where(c => c.Blocking))
            {
                eligible = false;
                reasons?.Add(new Reason("conflict of interest with {0}: {1}", blocking.Counterparty, blocking.Reason));
            }
        }
        return eligible;
    }

    /// <summary>How much a language counts at a level: full at C1, C2 or native, and when the level is not recorded.</summary>
    internal static double LevelWeight(string? level) => level?.Trim().ToUpperInvariant() switch
    {
        null or "" or "C1" or "C2" or "NATIVE" => 1,
        "B2" => 0.75,
        "B1" => 0.5,
        _ => 0.25,
    };
}
