namespace ConnexDesk.Features.Access;

public static class SignInRules
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}
