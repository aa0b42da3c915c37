using System.Threading.RateLimiting;

namespace ConnexDesk.Features.Intake;

/// <summary>At most a few contact-form messages per sending address and hour; viewing the form is never limited.</summary>
public sealed class ContactFormLimiter(int perHour) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public bool Allow(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
