using ConnexDesk.Domain.Timeliness;

namespace ConnexDesk.Features.Reporting;

/// <summary>The unit's service levels in business days, and its holidays (configuration section "Timeliness").</summary>
public sealed class TimelinessOptions
{
    public const string Section = "Timeliness";

    /// <summary>Days the unit does not work, besides weekends, e.g. "2026-12-25".</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    public int AcknowledgeWithin { get; set; } = new ServiceTargets().AcknowledgeWithin;
    public int EligibilityWithin { get; set; } = new ServiceTargets().EligibilityWithin;
    public int ApprovalWithin { get; set; } = new ServiceTargets().ApprovalWithin;
    public int FieldWithin { get; set; } = new ServiceTargets().FieldWithin;

    /// <summary>The hour (UTC) from which the day's digests go out, on business days.</summary>
    public int DigestHourUtc { get; set; } = 6;

    /// <summary>How often the digest loop looks whether today's digests are due; 0 turns it off.</summary>
    public int DigestPollMinutes { get; set; } = 15;

    public ServiceTargets Targets => new(AcknowledgeWithin, EligibilityWithin, ApprovalWithin, FieldWithin);

    public BusinessCalendar Calendar => new(Holidays);
}
