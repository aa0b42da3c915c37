using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Infrastructure;

/// <summary>How times and durations read on the pages: UTC, because the unit and its partners sit in many time zones.</summary>
public static class Display
{
    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Days worked or budgeted: "1", "2.5".</summary>
    public static string Days(decimal days) => days.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Duration(TimeSpan span, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        if (span.TotalDays >= 1)
            return localizer["{0} d {1} h", (int)span.TotalDays, span.Hours];
        if (span.TotalHours >= 1)
            return localizer["{0} h {1} min", (int)span.TotalHours, span.Minutes];
        return localizer["{0} min", Math.Max(0, (int)span.TotalMinutes)];
    }
}
