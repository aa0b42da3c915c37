using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ConnexDesk.Features.Delivery;

/// <summary>
/// An iCalendar invitation (RFC 5545, METHOD:REQUEST) for a day or days of a case: a negotiation round or the scoping
/// mission. It names the case by its reference only: calendars are synchronised to services outside the unit.
/// </summary>
public static class CalendarInvitation
{
    public static byte[] Write(string uid, string summary, string description, DateOnly firstDay, DateOnly lastDay, string? location, string organizerEmail, string organizerName,
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
            Location = location,
        };
        foreach (var (email, name) in attendees)
            invitation.Attendees.Add(new Attendee($"mailto:{email}") { CommonName = name, Rsvp = true, ParticipationStatus = "NEEDS-ACTION", Role = "REQ-PARTICIPANT" });
        calendar.Events.Add(invitation);
        return System.Text.Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }

    /// <summary>The invitation as a document of the case: stored encrypted like every other file.</summary>
    public static async Task<CaseDocument> StoreAsync(BlobStore blobs, byte[] ics, string fileName, string addedBy, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(ics);
        // The charset travels with the file: without it a mail client reads the names of the attendees as ASCII.
        return new CaseDocument(CaseDocumentKind.CalendarInvitation, fileName, "text/calendar; charset=utf-8; method=REQUEST", await blobs.PutAsync(ics, cancellationToken), ics.Length, now, addedBy);
    }

    /// <summary>One email per person through the outbox, each with the invitation attached.</summary>
    public static void Queue(DeskDb db, Case @case, CaseDocument invitation, IEnumerable<(string Email, string? Name)> invited, string subject, string body, string language, string mailDomain, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(invited);
        foreach (var (to, name) in invited)
        {
            db.Outbox.Add(new OutgoingMail(OutgoingKind.Invitation, @case.Id, $"{Guid.NewGuid():N}.invitation@{mailDomain}", to, name, subject, body, null, language, now)
            {
                AttachmentSha256s = [invitation.Sha256],
            });
        }
    }
}
