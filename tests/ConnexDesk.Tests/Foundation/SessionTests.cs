using System.Net;
using ConnexDesk.Domain;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConnexDesk.Tests.Foundation;

/// <summary>A desk whose clock the test moves.</summary>
public sealed class ClockedDesk() : DeskFactory(DatabaseProvider.Sqlite)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Cookie flags, security headers, and sessions that end when idle or too old.</summary>
public sealed class SessionTests(ClockedDesk desk) : IClassFixture<ClockedDesk>
{
    [Fact]
    public async Task The_cookies_are_host_only_secure_http_only_and_same_site()
    {
        var user = await desk.CreateUserAsync(Role.CaseOfficer);
        var client = desk.Client();

        var form = await client.GetAsync("/sign-in");
        var password = await client.SignInAsync(user.Email, user.Password);
        var secondStep = password.Headers.Location!.OriginalString;
        var signedIn = await client.PostFormAsync(secondStep, secondStep, new Dictionary<string, string> { ["code"] = user.AuthenticatorCode(), ["rememberBrowser"] = "true" });

        var cookies = form.Headers.GetValues("Set-Cookie").Concat(password.Headers.GetValues("Set-Cookie")).Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        var auth = Assert.Single(cookies, c => c.StartsWith("__Host-connexdesk.auth=", StringComparison.Ordinal));
        var antiforgery = Assert.Single(cookies, c => c.StartsWith("__Host-connexdesk.antiforgery=", StringComparison.Ordinal));
        var betweenFactors = cookies.First(c => c.StartsWith("__Host-connexdesk.2fa=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        var rememberedBrowser = Assert.Single(cookies, c => c.StartsWith("__Host-connexdesk.2fa-remember=", StringComparison.Ordinal));
        foreach (var cookie in new[] { auth, antiforgery, betweenFactors, rememberedBrowser })
        {
            var flags = cookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", flags);
            Assert.Contains("httponly", flags);
            Assert.Contains("path=/", flags);
            Assert.DoesNotContain(flags, f => f.StartsWith("domain=", StringComparison.Ordinal));
        }
        Assert.Contains("samesite=lax", auth.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("samesite=strict", antiforgery.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_case_content_is_never_cached()
    {
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));

        var response = await client.GetAsync("/cases");

        var headers = response.Headers;
        Assert.Equal("max-age=31536000; includeSubDomains", headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
        var policy = headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.True(headers.CacheControl?.NoStore, "Cache-Control: no-store");
    }

    [Fact]
    public async Task A_page_asked_for_over_plain_http_says_how_to_reach_the_desk_and_the_health_check_still_answers()
    {
        var http = desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var signIn = await http.GetAsync("/sign-in");
        var health = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpsOnly.Explanation, await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_session_left_idle_past_the_limit_ends()
    {
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);

        desk.Clock.Advance(TimeSpan.FromMinutes(29));
        var stillThere = await client.GetAsync("/cases");
        desk.Clock.Advance(TimeSpan.FromMinutes(31));
        var gone = await client.GetAsync("/cases");

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.StartsWith("/sign-in", gone.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_session_still_ends_ten_hours_after_its_sign_in()
    {
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        var answers = new List<HttpStatusCode>();

        // A request every 20 minutes keeps the session from going idle.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(10.5); elapsed += TimeSpan.FromMinutes(20))
        {
            answers.Add((await client.GetAsync("/desk")).StatusCode);
            desk.Clock.Advance(TimeSpan.FromMinutes(20));
        }

        var lastOk = answers.FindLastIndex(a => a == HttpStatusCode.OK);
        Assert.InRange(lastOk, 28, 30);
        Assert.All(answers.Skip(lastOk + 1), a => Assert.Equal(HttpStatusCode.Redirect, a));
        Assert.All(answers.Take(lastOk + 1), a => Assert.Equal(HttpStatusCode.OK, a));
    }
}
