namespace ConnexDesk.Domain.Cases;

/// <summary>Where a case stands (DESIGN.md section 4). The order is the order of the process.</summary>
public enum CaseStage
{
    Inquiry,
    AwaitingFormalRequest,
    FormalRequestReceived,
    DueDiligence,
    PendingApproval,
    Approved,
    Scoping,
    ExpertSelection,
    Delivery,
    Evaluation,
    Closed,
    Declined,
    Withdrawn,
}

/// <summary>What someone does to move a case on. Each step is one row (or one row per source stage) of <see cref="CaseLifecycle"/>.</summary>
public enum CaseStep
{
    AskForFormalRequest,
    RecordFormalRequest,
    StartDueDiligence,
    SubmitForApproval,
    Approve,
    StartScoping,
    StartExpertSelection,
    StartDelivery,
    StartEvaluation,
    Close,
    Decline,
    Withdraw,
}

public enum Sector
{
    Mining,
    OilAndGas,
    RenewableEnergy,
    Power,
    TransportInfrastructure,
    Water,
    AgricultureAndLand,
    Telecommunications,
    Other,
}

public enum NegotiationStage
{
    PreNegotiation,
    Negotiation,
    Renegotiation,
    Implementation,
}

[Flags]
public enum SupportServices
{
    None = 0,
    Legal = 1,
    FiscalAndFinancialModelling = 2,
    Technical = 4,
    EnvironmentalAndSocial = 8,
    Other = 16,
}

public enum CounterpartyKind
{
    Company,
    Investor,
    StateOwnedEnterprise,
    State,
}

/// <summary>Words shown to people for the enums above; the web layer passes them through the localizer.</summary>
public static class CaseWords
{
    public static string Stage(CaseStage stage) => stage switch
    {
        CaseStage.Inquiry => "Inquiry",
        CaseStage.AwaitingFormalRequest => "Awaiting formal request",
        CaseStage.FormalRequestReceived => "Formal request received",
        CaseStage.DueDiligence => "Due diligence",
        CaseStage.PendingApproval => "Pending approval",
        CaseStage.Approved => "Approved",
        CaseStage.Scoping => "Scoping",
        CaseStage.ExpertSelection => "Expert selection",
        CaseStage.Delivery => "Delivery",
        CaseStage.Evaluation => "Evaluation",
        CaseStage.Closed => "Closed",
        CaseStage.Declined => "Declined",
        CaseStage.Withdrawn => "Withdrawn",
    };

    public static string Step(CaseStep step) => step switch
    {
        CaseStep.AskForFormalRequest => "Ask for the formal request",
        CaseStep.RecordFormalRequest => "Record the formal request",
        CaseStep.StartDueDiligence => "Start due diligence",
        CaseStep.SubmitForApproval => "Submit for approval",
        CaseStep.Approve => "Approve",
        CaseStep.StartScoping => "Start a scoping mission",
        CaseStep.StartExpertSelection => "Start expert selection",
        CaseStep.StartDelivery => "Start delivery",
        CaseStep.StartEvaluation => "Start the evaluation",
        CaseStep.Close => "Close the case",
        CaseStep.Decline => "Decline",
        CaseStep.Withdraw => "Record a withdrawal",
    };

    public static string Sector(Sector sector) => sector switch
    {
        Cases.Sector.Mining => "Mining",
        Cases.Sector.OilAndGas => "Oil and gas",
        Cases.Sector.RenewableEnergy => "Renewable energy",
        Cases.Sector.Power => "Power",
        Cases.Sector.TransportInfrastructure => "Transport infrastructure",
        Cases.Sector.Water => "Water",
        Cases.Sector.AgricultureAndLand => "Agriculture and land",
        Cases.Sector.Telecommunications => "Telecommunications",
        Cases.Sector.Other => "Other",
    };

    public static string NegotiationStage(NegotiationStage stage) => stage switch
    {
        Cases.NegotiationStage.PreNegotiation => "Pre-negotiation",
        Cases.NegotiationStage.Negotiation => "Negotiation",
        Cases.NegotiationStage.Renegotiation => "Renegotiation",
        Cases.NegotiationStage.Implementation => "Implementation",
    };

    public static string Service(SupportServices service) => service switch
    {
        SupportServices.Legal => "Legal",
        SupportServices.FiscalAndFinancialModelling => "Fiscal and financial modelling",
        SupportServices.Technical => "Technical",
        SupportServices.EnvironmentalAndSocial => "Environmental and social",
        SupportServices.Other => "Other",
        _ => service.ToString(),
    };

    public static string CounterpartyKind(CounterpartyKind kind) => kind switch
    {
        Cases.CounterpartyKind.Company => "Company",
        Cases.CounterpartyKind.Investor => "Investor",
        Cases.CounterpartyKind.StateOwnedEnterprise => "State-owned enterprise",
        Cases.CounterpartyKind.State => "State",
    };

    public static string DocumentKind(CaseDocumentKind kind) => kind switch
    {
        CaseDocumentKind.RequestLetter => "Formal request letter",
        CaseDocumentKind.AcknowledgementLetter => "Acknowledgement letter",
        CaseDocumentKind.ApprovalLetter => "Approval letter",
        CaseDocumentKind.DeclineLetter => "Decline letter",
        CaseDocumentKind.Deliverable => "Deliverable",
        CaseDocumentKind.ExpertReport => "Expert's report",
        CaseDocumentKind.CalendarInvitation => "Calendar invitation",
        CaseDocumentKind.TermsOfReference => "Terms of reference",
        CaseDocumentKind.Other => "Other document",
    };

    public static string LetterKind(LetterKind kind) => kind switch
    {
        Cases.LetterKind.Acknowledgement => "Acknowledgement letter",
        Cases.LetterKind.Approval => "Approval letter",
        Cases.LetterKind.Decline => "Decline letter",
        Cases.LetterKind.RequestLetterTemplate => "Request-letter template",
    };

    public static string DueDiligenceStatus(DueDiligenceStatus status) => status switch
    {
        Cases.DueDiligenceStatus.Open => "Open",
        Cases.DueDiligenceStatus.Satisfied => "Satisfied",
        Cases.DueDiligenceStatus.RiskIdentified => "Risk identified",
        Cases.DueDiligenceStatus.NotApplicable => "Not applicable",
    };

    public static string RiskRating(RiskRating rating) => rating switch
    {
        Cases.RiskRating.Low => "Low",
        Cases.RiskRating.Medium => "Medium",
        Cases.RiskRating.High => "High",
    };

    public static string Criterion(EvaluationCriterion criterion) => criterion switch
    {
        EvaluationCriterion.Relevance => "Relevance",
        EvaluationCriterion.Coherence => "Coherence",
        EvaluationCriterion.Effectiveness => "Effectiveness",
        EvaluationCriterion.Efficiency => "Efficiency",
        EvaluationCriterion.Impact => "Impact",
        EvaluationCriterion.Sustainability => "Sustainability",
    };

    public static string EngagementStatus(EngagementStatus status) => status switch
    {
        Cases.EngagementStatus.Proposed => "Proposed to the government",
        Cases.EngagementStatus.AcceptedByGovernment => "Accepted by the government",
        Cases.EngagementStatus.DeclinedByGovernment => "Declined by the government",
        Cases.EngagementStatus.Contracted => "Contracted",
        Cases.EngagementStatus.Active => "Active",
        Cases.EngagementStatus.Completed => "Completed",
        Cases.EngagementStatus.Cancelled => "Cancelled",
    };

    public static IEnumerable<SupportServices> Each(SupportServices services) =>
        Enum.GetValues<SupportServices>().Where(s => s != SupportServices.None && services.HasFlag(s));
}
