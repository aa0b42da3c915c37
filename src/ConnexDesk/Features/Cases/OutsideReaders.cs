using ConnexDesk.Data;
using ConnexDesk.Domain;

namespace ConnexDesk.Features.Cases;

/// <summary>
/// Sets the database's second line of need-to-know for each request of someone outside the unit: whatever a page of
/// theirs asks the database for, cases they may not see are not there.
/// </summary>
public sealed class OutsideReaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, DeskDb db)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(db);
        if (context.User.Identity?.IsAuthenticated == true && Roles.All.Any(r => !Roles.IsUnitStaff(r) && context.User.IsInRole(r.ToString())))
            db.ReadFor(context.User.ToActor());
        return next(context);
    }
}
