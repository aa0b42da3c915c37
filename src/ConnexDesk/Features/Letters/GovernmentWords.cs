using System.Globalization;
using ConnexDesk.Domain.Experts;

namespace ConnexDesk.Features.Letters;

/// <summary>Words of the unit's emails to a government, in the government's language (en, fr, es or pt).</summary>
public static class GovernmentWords
{
    /// <summary>A language's name in the language of the email ("fr:C1" reads "français (C1)" in French).</summary>
    public static string Language(string languageAndLevel, string language)
    {
        var parts = languageAndLevel.Split(':', 2);
        var name = parts[0];
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            // ICU names a culture in the current UI culture's language.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            name = CultureInfo.GetCultureInfo(parts[0]).DisplayName;
        }
        catch (CultureNotFoundException)
        {
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        return parts.Length > 1 ? $"{name} ({parts[1]})" : name;
    }

    /// <summary>A discipline in the words of the email's language; the government reads them, not the unit.</summary>
    public static string Discipline(Discipline discipline, string language)
    {
        var (fr, es, pt) = discipline switch
        {
            Domain.Experts.Discipline.Legal => ("juridique", "jurídica", "jurídica"),
            Domain.Experts.Discipline.FiscalAndFinancialModelling => ("fiscalité et modélisation financière", "fiscalidad y modelización financiera", "fiscalidade e modelação financeira"),
            Domain.Experts.Discipline.Tax => ("impôts", "impuestos", "impostos"),
            Domain.Experts.Discipline.Economics => ("économie", "economía", "economia"),
            Domain.Experts.Discipline.GeologyAndMiningEngineering => ("géologie et génie minier", "geología e ingeniería de minas", "geologia e engenharia de minas"),
            Domain.Experts.Discipline.PetroleumEngineering => ("génie pétrolier", "ingeniería petrolera", "engenharia de petróleo"),
            Domain.Experts.Discipline.PowerAndRenewableEnergy => ("électricité et énergies renouvelables", "electricidad y energías renovables", "eletricidade e energias renováveis"),
            Domain.Experts.Discipline.InfrastructureAndPpp => ("infrastructures et PPP", "infraestructura y APP", "infraestruturas e PPP"),
            Domain.Experts.Discipline.Environmental => ("environnement", "medio ambiente", "ambiente"),
            Domain.Experts.Discipline.SocialAndCommunity => ("social et communautés", "social y comunidades", "social e comunidades"),
            Domain.Experts.Discipline.NegotiationStrategy => ("stratégie de négociation", "estrategia de negociación", "estratégia de negociação"),
            Domain.Experts.Discipline.Other => ("autre", "otra", "outra"),
        };
        return language switch
        {
            "fr" => fr,
            "es" => es,
            "pt" => pt,
            _ => ExpertWords.Discipline(discipline),
        };
    }
}
