using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Features.Access;
using ConnexDesk.Features.Cases;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Infrastructure;

/// <summary>Builds the desk: the same services for the web app, the admin CLI and the tests.</summary>
public static class DeskApplication
{
    public static WebApplicationBuilder CreateBuilder(string[] args, bool forCommandLine = false)
    {
        // Mail arrives in windows-1252, ISO-8859-x, KOI8 and more: .NET Core knows only Unicode and Latin-1 without this.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var builder = WebApplication.CreateBuilder(args);
        if (forCommandLine)
        {
            // Standard output belongs to the command's result (often --json); every log line goes to stderr.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // EF logs its probe for the migrations table of a fresh database as an error; the CLI reports real failures itself.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
            // Likewise its probe for a PostgreSQL database that migrate is about to create; a real failure still ends the command with its one line.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.Critical);
        }
        AddDeskServices(builder.Services, builder.Configuration, builder.Environment);
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var app = CreateBuilder(args).Build();
        UseDeskPipeline(app);
        return app;
    }

    public static void AddDeskServices(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<DeskOptions>().Bind(configuration.GetSection(DeskOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddDeskDatabase(configuration, environment.ContentRootPath);

        services.AddIdentity<DeskUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length protects better than composition rules (NIST SP 800-63B); see docs/decisions.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = SignInRules.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = SignInRules.LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<DeskDb>()
            .AddErrorDescriber<Features.Access.LocalisedIdentityErrors>()
            .AddClaimsPrincipalFactory<DeskClaimsFactory>()
            .AddDefaultTokenProviders();

        // The session settings come from the same bound DeskOptions as everything else (IOptions), not a second reading.
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: a link from the unit's email to a case must open signed in.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/access-denied";
            options.SlidingExpiration = true;
            options.Events.OnSigningIn = context =>
            {
                context.Properties.Items.TryAdd(SignedInAt, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                // The absolute limit first; then Identity's check of the account against the database.
                var services = context.HttpContext.RequestServices;
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var limit = TimeSpan.FromHours(services.GetRequiredService<IOptions<DeskOptions>>().Value.AbsoluteSessionHours);
                if (!context.Properties.Items.TryGetValue(SignedInAt, out var signedIn)
                    || !DateTimeOffset.TryParse(signedIn, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    || now - at > limit)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        // The cookie's own expiry counts on the desk's clock, so that tests can move it.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider, IOptions<DeskOptions>>((options, clock, desk) =>
            {
                options.TimeProvider = clock;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(desk.Value.IdleTimeoutMinutes);
                SecureCookie(options.Cookie, desk.Value, "auth");
            });
        // Between the password and the authenticator code; and the browser a person chose to remember for 14 days.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
            .Configure<IOptions<DeskOptions>>((options, desk) => SecureCookie(options.Cookie, desk.Value, "2fa"));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme)
            .Configure<TimeProvider, IOptions<DeskOptions>>((options, clock, desk) =>
            {
                options.TimeProvider = clock;
                SecureCookie(options.Cookie, desk.Value, "2fa-remember");
            });
        services.AddAntiforgery(options => options.Cookie.SameSite = SameSiteMode.Strict);
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<DeskOptions>>((options, desk) => SecureCookie(options.Cookie, desk.Value, "antiforgery"));
        services.AddOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>().Configure<IOptions<DeskOptions>>((options, desk) =>
        {
            options.Cookie.SameSite = SameSiteMode.Lax;
            SecureCookie(options.Cookie, desk.Value, "notice");
        });

        // Every request checks the account against the database: a closed account or a changed role takes effect
        // at once, not when the cookie is next refreshed.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        services.AddAuthorizationBuilder()
            // Secure by default: a page is closed unless it says [AllowAnonymous] or names its roles.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.UnitStaff, p => p.RequireRole(Roles.CaseOfficer, Roles.Manager))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager))
            .AddPolicy(Policies.FocalPoint, p => p.RequireRole(Roles.FocalPoint))
            .AddPolicy(Policies.Expert, p => p.RequireRole(Roles.Expert))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.UnitSettings, p => p.RequireRole(Roles.Administrator, Roles.Manager));

        var dataProtection = services.AddDataProtection()
            .SetApplicationName("ConnexDesk")
            .PersistKeysToDbContext<DeskDb>();
        // The key ring unlocks every stored document: with a certificate configured, its keys are stored encrypted, so
        // that a copy of the database and the data directory alone opens nothing.
        if (KeyProtectionCertificate(configuration, environment.ContentRootPath) is { } certificate)
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);

        services.AddLocalization();
        // French, Spanish and Portuguese text goes out as UTF-8 characters, not as &#xE9; entities: smaller pages on slow links.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddMvcOptions(options => options.Filters.Add<Features.Audit.AuditPageFilter>())
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddHealthChecks().AddDbContextCheck<DeskDb>("database");
        services.AddSingleton(new Features.Intake.ContactFormLimiter(configuration.GetValue("Desk:ContactFormPerHour", 5)));

        services.AddSingleton<Features.Audit.AuditTrail>();
        services.AddScoped<AddUser>();
        services.AddScoped<DisableUser>();
        services.AddScoped<PasswordLink>();
        services.AddScoped<ResetTwoFactor>();
        services.AddScoped<OpenCase>();
        services.AddScoped<Features.Eligibility.ReferenceLists>();
        services.AddScoped<Features.Eligibility.AssessEligibility>();
        services.AddOptions<Features.Intake.MailOptions>().Bind(configuration.GetSection(Features.Intake.MailOptions.Section));
        services.AddOptions<Features.Reporting.TimelinessOptions>().Bind(configuration.GetSection(Features.Reporting.TimelinessOptions.Section));
        services.AddSingleton<BlobStore>();
        services.AddScoped<Features.Intake.IngestMessage>();
        services.AddSingleton<Features.Intake.MaildirIntake>();
        services.AddHostedService<Features.Intake.MaildirIntakeLoop>();
        services.AddSingleton<Features.Intake.ImapIntake>();
        services.AddHostedService<Features.Intake.ImapIntakeLoop>();
        services.AddScoped<Features.Outbox.OutboxSender>();
        services.AddSingleton<Features.Letters.LetterComposer>();
        services.AddSingleton<Features.Sanctions.SanctionsIndexCache>();
        services.AddSingleton<Features.Matching.RosterIndexCache>();
        services.AddScoped<Features.Matching.MatchExperts>();
        services.AddScoped<Features.Reporting.WaitingGovernments>();
        services.AddScoped<Features.Reporting.DailyDigest>();
        services.AddHostedService<Features.Reporting.DailyDigestLoop>();
        services.AddScoped<Features.Sanctions.SanctionsLists>();
        services.AddScoped<Features.Sanctions.ScreenCounterparties>();
        services.AddScoped<Features.Experts.ExpertRoster>();
        services.AddScoped<Features.Experts.CodeOfConductRegister>();
        services.AddScoped<Features.Letters.IssueLetter>();
        services.AddHostedService<Features.Outbox.OutboxLoop>();
        services.AddScoped<DemoData>();
        services.AddScoped<Features.Backup.DeskBackup>();
        services.AddSingleton<Features.Backup.PostgresTools>();
    }

    private const string SignedInAt = "signed-in-at";

    /// <summary>__Host-connexdesk.{purpose}, Secure, over HTTPS (path /, no domain); connexdesk.{purpose} over plain http.</summary>
    private static void SecureCookie(CookieBuilder cookie, DeskOptions options, string purpose)
    {
        cookie.Name = (options.HttpsCookies ? "__Host-" : "") + "connexdesk." + purpose;
        cookie.SecurePolicy = options.HttpsCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    public static void UseDeskPipeline(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<HttpsOnly>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        app.UseRequestLocalization(LocalizationOptions());
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<Features.Cases.OutsideReaders>();
        app.UseMiddleware<Features.Access.TwoFactorRequired>();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapGet("/language/{language}", (string language, string? returnUrl, HttpContext http) =>
        {
            if (!Languages.Contains(language))
                return Results.NotFound();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(!string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/");
        }).AllowAnonymous();
        app.MapRazorPages();
    }

    /// <summary>The certificate (a PKCS#12 file, Desk:KeyProtectionCertificate, with Desk:KeyProtectionCertificatePassword) that protects the key ring; null when none is set.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2? KeyProtectionCertificate(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Desk:KeyProtectionCertificate"];
        if (string.IsNullOrWhiteSpace(configured))
            return null;
        var path = Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured);
        try
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Desk:KeyProtectionCertificatePassword"]);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"Desk:KeyProtectionCertificate {path} holds no private key; the desk could not read its own keys back.");
        }
        catch (Exception failure) when (failure is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Desk:KeyProtectionCertificate {path} could not be loaded: {failure.Message}", failure);
        }
    }

    /// <summary>Applies migrations, encrypts what an earlier version stored as plaintext, and, in Development, makes sure the demo exists. Runs before the desk takes requests.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDb>();
        await DeskDatabase.MigrateAsync(db);
        await scope.ServiceProvider.GetRequiredService<BlobStore>().EncryptPlaintextFilesAsync();
        if (app.Environment.IsDevelopment())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
        if (!app.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(app.Configuration["Desk:KeyProtectionCertificate"]))
            app.Logger.LogWarning("The keys that unlock stored documents are kept unencrypted in the database. Set Desk:KeyProtectionCertificate to a PKCS#12 file kept outside the data directory (docs/decisions/0007-encrypted-document-store.md).");
        if (!app.Environment.IsDevelopment() && !await FirstAdministrator.ExistsAsync(db))
            app.Logger.LogWarning("No administrator exists yet. Create the first one with: ConnexDesk user add --email EMAIL --name NAME --role Administrator (the password is read from standard input).");
    }

    /// <summary>The languages of the desk. The public pages are translated in full; staff pages show English where a translation is missing.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "es", "pt"];

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var supported = Languages.Select(l => new CultureInfo(l)).ToArray();
        // Query string (?culture=fr), then the visitor's choice (cookie), then the browser's Accept-Language.
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = supported,
            SupportedUICultures = supported,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
    }
}

public static class Policies
{
    public const string UnitStaff = nameof(UnitStaff);
    public const string Manager = nameof(Manager);
    public const string FocalPoint = nameof(FocalPoint);
    public const string Expert = nameof(Expert);
    public const string Administrator = nameof(Administrator);

    /// <summary>Who edits what the unit writes and checks (letter wording, the due-diligence checklist): administrators, and managers, who answer for both.</summary>
    public const string UnitSettings = nameof(UnitSettings);
}
