using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ConnexDesk.Features.Delivery;

/// <summary>
/// An iCalendar invitation (RFC 5545, METHOD:REQUEST) for a day or days of a case: the next negotiation round, say.
/// It names the case by its reference only: calendars are synchronised to services outside the unit.
/// </summary>
public static class CalendarInvitation
{
    public static byte[] Write(string uid, string summary, string description, DateOnly firstDay, DateOnly lastDay, string organizerEmail, string organizerName,
        IEnumerable<(string Email, string? Name)> attendees, DateTime stamp)
    {
        ArgumentNullException.ThrowIfNull(attendees);
        var calendar = new Calendar { Method = "REQUEST", ProductId = "-//ConnexDesk//Negotiation Support Unit//EN" };
        var invitation = new CalendarEvent
        {
            Uid = uid,
            Summary = summary,
            Description = description,
            // All-day: the first day, up to (not including) the day after the last.
            Start = new CalDateTime(firstDay.Year, firstDay.Month, firstDay.Day),
            End = new CalDateTime(lastDay.Year, lastDay.Month, lastDay.Day).AddDays(1),
            DtStamp = new CalDateTime(stamp, "UTC"),
            Organizer = new Organizer($"mailto:{organizerEmail}") { CommonName = organizerName },
            Class = "CONFIDENTIAL",
        };
        foreach (var (email, name) in attendees)
            invitation.Attendees.Add(new Attendee($"mailto:{email}") { CommonName = name, Rsvp = true, ParticipationStatus = "NEEDS-ACTION", Role = "REQ-PARTICIPANT" });
        calendar.Events.Add(invitation);
        return System.Text.Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }
}
