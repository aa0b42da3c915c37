namespace ConnexDesk.Domain.Timeliness;

/// <summary>Working days: Monday to Friday, except the unit's holidays.</summary>
public sealed class BusinessCalendar(IEnumerable<DateOnly> holidays)
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    public bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The business day <paramref name="days"/> business days after <paramref name="from"/> (the start day itself not counted).</summary>
    public DateOnly AddBusinessDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
                days--;
        }
        return day;
    }

    /// <summary>Business days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
                count++;
        }
        return count;
    }
}
