namespace ConnexDesk.Domain;

/// <summary>The people who use the desk (DESIGN.md section 2). The names are stored as Identity role names.</summary>
public enum Role
{
    FocalPoint,
    CaseOfficer,
    Manager,
    Expert,
    Administrator,
}

public static class Roles
{
    public const string FocalPoint = nameof(Role.FocalPoint);
    public const string CaseOfficer = nameof(Role.CaseOfficer);
    public const string Manager = nameof(Role.Manager);
    public const string Expert = nameof(Role.Expert);
    public const string Administrator = nameof(Role.Administrator);

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>Staff of the unit: the people who work cases and see the shared inbox.</summary>
    public static bool IsUnitStaff(Role role) => role switch
    {
        Role.CaseOfficer => true,
        Role.Manager => true,
        Role.FocalPoint => false,
        Role.Expert => false,
        Role.Administrator => false,
    };

    public static bool TryParse(string? text, out Role role) =>
        Enum.TryParse(text?.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
            ignoreCase: true, out role) && Enum.IsDefined(role);
}
