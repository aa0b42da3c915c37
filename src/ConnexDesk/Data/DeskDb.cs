using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Eligibility;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Access;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConnexDesk.Data;

/// <summary>
/// The one DbContext of the desk. Each database provider has its own subclass so that each keeps its own
/// migration set (see docs/decisions/0002-one-migration-set-per-provider.md); the model itself is defined once, here.
/// </summary>
public abstract class DeskDb(DbContextOptions options) : IdentityDbContext<DeskUser>(options), IDataProtectionKeyContext
{
    public DbSet<RequestingOrganisation> Organisations => Set<RequestingOrganisation>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<ConnexDesk.Domain.Audit.AuditEntry> AuditEntries => Set<ConnexDesk.Domain.Audit.AuditEntry>();

    public DbSet<ColleagueInvitation> ColleagueInvitations => Set<ColleagueInvitation>();

    public DbSet<CaseNumberSequence> CaseNumberSequences => Set<CaseNumberSequence>();
    public DbSet<LetterNumberSequence> LetterNumberSequences => Set<LetterNumberSequence>();
    public DbSet<ChecklistLine> ChecklistLines => Set<ChecklistLine>();
    public DbSet<ConnexDesk.Domain.Experts.Expert> Experts => Set<ConnexDesk.Domain.Experts.Expert>();
    public DbSet<ConnexDesk.Domain.Timeliness.DigestSent> DigestsSent => Set<ConnexDesk.Domain.Timeliness.DigestSent>();
    public DbSet<ConnexDesk.Domain.Experts.CodeOfConductVersion> CodeOfConductVersions => Set<ConnexDesk.Domain.Experts.CodeOfConductVersion>();
    public DbSet<ConnexDesk.Domain.Experts.CodeOfConductSignature> CodeOfConductSignatures => Set<ConnexDesk.Domain.Experts.CodeOfConductSignature>();
    public DbSet<ConnexDesk.Domain.Sanctions.SanctionsListVersion> SanctionsListVersions => Set<ConnexDesk.Domain.Sanctions.SanctionsListVersion>();
    public DbSet<ConnexDesk.Domain.Letters.LetterTemplate> LetterTemplates => Set<ConnexDesk.Domain.Letters.LetterTemplate>();

    public DbSet<ReferenceListVersion> ReferenceListVersions => Set<ReferenceListVersion>();

    public DbSet<CaseMessage> Messages => Set<CaseMessage>();

    public DbSet<OutgoingMail> Outbox => Set<OutgoingMail>();

    public DbSet<MailboxPosition> MailboxPositions => Set<MailboxPosition>();

    /// <summary>
    /// The person outside the unit (a focal point, an expert, an administrator) this context reads for, if any. Set
    /// for each request by <see cref="Features.Cases.OutsideReaders"/>; null for staff, the intake and the background loops.
    /// </summary>
    public CaseActor? OutsideReader { get; private set; }

    private Role? OutsideRole => OutsideReader?.Role;
    private int? OutsideOrganisationId => OutsideReader?.OrganisationId;
    private int? OutsideExpertId => OutsideReader?.ExpertId;
    private bool OutsideSignedCurrentCode => OutsideReader?.SignedCurrentCode == true;

    /// <summary>From now on, every query of cases in this context returns only what <paramref name="reader"/> may see.</summary>
    public void ReadFor(CaseActor reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsUnitStaff)
            throw new InvalidOperationException("Staff read cases through CaseAccess.VisibleTo; the query filter fences the people outside the unit.");
        OutsideReader = reader;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every instant is stored in UTC; SQLite forgets the kind and PostgreSQL's timestamptz insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<DeskUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasOne<RequestingOrganisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        // The roles are part of the schema, not data an operator manages: every database has all five after `migrate`.
        builder.Entity<IdentityRole>().HasData(Domain.Roles.All.Select(role => new IdentityRole
        {
            Id = $"role-{role}",
            Name = role.ToString(),
            NormalizedName = role.ToString().ToUpperInvariant(),
            ConcurrencyStamp = $"role-{role}",
        }));

        // The second line of need-to-know (the first is CaseAccess.VisibleTo): for a person outside the unit,
        // a case of another organisation, or one they are not accepted on, does not exist in this context.
        builder.Entity<Case>().HasQueryFilter(x => OutsideReader == null
            || (OutsideRole == Role.FocalPoint && OutsideOrganisationId != null && x.OrganisationId == OutsideOrganisationId)
            || (OutsideRole == Role.Expert && OutsideSignedCurrentCode && x.Engagements.Any(e => e.ExpertId == OutsideExpertId && Engagement.AcceptedStatuses.Contains(e.Status))));

        builder.Entity<RequestingOrganisation>(organisation =>
        {
            organisation.ToTable("Organisations");
            organisation.Property(o => o.Name).HasMaxLength(300);
            organisation.Property(o => o.CountryCode).HasMaxLength(2);
            organisation.Property(o => o.Level).HasConversion<string>().HasMaxLength(20);
            organisation.HasIndex(o => new { o.CountryCode, o.Name }).IsUnique();
            organisation.Property(o => o.MailDomain).HasMaxLength(253);
            organisation.HasIndex(o => o.MailDomain);
            organisation.HasMany(o => o.Contacts).WithOne().HasForeignKey("OrganisationId").OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrganisationContact>(contact =>
        {
            contact.ToTable("OrganisationContacts");
            contact.Property(c => c.Name).HasMaxLength(200);
            contact.Property(c => c.Email).HasMaxLength(320);
            contact.Property(c => c.Phone).HasMaxLength(50);
            contact.Property(c => c.Position).HasMaxLength(200);
            contact.HasIndex(c => c.Email);
        });

        MapCases(builder);

        builder.Entity<CaseMessage>(m =>
        {
            m.ToTable("Messages");
            m.Property(x => x.Direction).HasConversion<string>().HasMaxLength(10);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            m.Property(x => x.MessageId).HasMaxLength(998);
            m.Property(x => x.InReplyTo).HasMaxLength(998);
            m.Property(x => x.FromAddress).HasMaxLength(320);
            m.Property(x => x.FromName).HasMaxLength(300);
            m.Property(x => x.To).HasMaxLength(2000);
            m.Property(x => x.Subject).HasMaxLength(998);
            m.Property(x => x.RawSha256).HasMaxLength(64);
            m.Property(x => x.Source).HasMaxLength(30);
            m.Property(x => x.SourceKey).HasMaxLength(500);
            m.Property(x => x.AutomaticReason).HasMaxLength(300);
            m.Property(x => x.QuarantineReason).HasMaxLength(1000);
            // Exactly once: the same delivery (source key) or the same bytes never make a second message.
            m.HasIndex(x => x.SourceKey).IsUnique();
            m.HasIndex(x => x.RawSha256).IsUnique();
            m.HasIndex(x => x.MessageId);
            m.HasIndex(x => new { x.CaseId, x.ReceivedAt });
            m.HasIndex(x => x.Status);
            m.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            m.HasOne<RequestingOrganisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            m.HasMany(x => x.Attachments).WithOne().HasForeignKey("CaseMessageId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<OutgoingMail>(o =>
        {
            o.ToTable("Outbox");
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            o.Property(x => x.MessageId).HasMaxLength(998);
            o.HasIndex(x => x.MessageId).IsUnique();
            o.Property(x => x.ToAddress).HasMaxLength(320);
            o.Property(x => x.ToName).HasMaxLength(300);
            o.Property(x => x.Subject).HasMaxLength(998);
            o.Property(x => x.InReplyTo).HasMaxLength(998);
            o.Property(x => x.Language).HasMaxLength(5);
            o.Property(x => x.LastError).HasMaxLength(1000);
            o.HasIndex(x => new { x.Status, x.NextAttemptAt });
            o.HasIndex(x => new { x.ToAddress, x.Kind, x.CreatedAt });
            o.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<MailboxPosition>(p =>
        {
            p.ToTable("MailboxPositions");
            p.HasKey(x => x.Mailbox);
            p.Property(x => x.Mailbox).HasMaxLength(400);
        });
        builder.Entity<MessageAttachment>(a =>
        {
            a.ToTable("MessageAttachments");
            a.Property(x => x.FileName).HasMaxLength(200);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.Sha256).HasMaxLength(64);
        });
    }

    private static void MapCases(ModelBuilder builder)
    {
        builder.Entity<CaseNumberSequence>(sequence =>
        {
            sequence.HasKey(s => s.Year);
            sequence.Property(s => s.Year).ValueGeneratedNever();
        });

        builder.Entity<LetterNumberSequence>(sequence =>
        {
            sequence.HasKey(s => s.Year);
            sequence.Property(s => s.Year).ValueGeneratedNever();
        });
        builder.Entity<ConnexDesk.Domain.Letters.LetterTemplate>(t =>
        {
            t.ToTable("LetterTemplates");
            t.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            t.Property(x => x.Language).HasMaxLength(2);
            t.Property(x => x.Subject).HasMaxLength(1000);
            t.Property(x => x.Body).HasMaxLength(50_000);
            t.Property(x => x.Signature).HasMaxLength(2000);
            t.Property(x => x.SavedById).HasMaxLength(450);
            t.Property(x => x.SavedBy).HasMaxLength(200);
            t.HasIndex(x => new { x.Kind, x.Language, x.Version }).IsUnique();
        });

        builder.Entity<Case>(c =>
        {
            c.ToTable("Cases");
            c.Property(x => x.Reference).HasMaxLength(20);
            c.HasIndex(x => x.Reference).IsUnique();
            c.HasIndex(x => new { x.Year, x.Number }).IsUnique();
            c.Property(x => x.Stage).HasConversion<string>().HasMaxLength(30);
            c.HasIndex(x => x.Stage);
            c.Property(x => x.CountryCode).HasMaxLength(2);
            c.HasIndex(x => x.CountryCode);
            c.Property(x => x.Title).HasMaxLength(300);
            c.Property(x => x.Summary).HasMaxLength(8000);
            c.Property(x => x.Sector).HasConversion<string>().HasMaxLength(40);
            c.HasIndex(x => x.Sector);
            c.Property(x => x.NegotiationStage).HasConversion<string>().HasMaxLength(30);
            c.HasIndex(x => x.AssignedOfficerId);
            c.HasIndex(x => x.OpenedAt);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne<RequestingOrganisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<DeskUser>().WithMany().HasForeignKey(x => x.AssignedOfficerId).OnDelete(DeleteBehavior.Restrict);
            c.HasMany(x => x.Counterparties).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Documents).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.EligibilityDecisions).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.DueDiligenceItems).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Engagements).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.ConflictRulings).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Notes).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.History).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Letters).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.SanctionsHits).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Consultations).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.Property(x => x.Recommendation).HasMaxLength(Case.MaxRecommendationLength);
            c.Property(x => x.RecommendedBy).HasMaxLength(200);
            c.Property(x => x.ScreenedAgainst).HasMaxLength(1000);
            c.Property(x => x.PublicationConsentGivenBy).HasMaxLength(200);
            c.Property(x => x.PublicationConsentRecordedBy).HasMaxLength(200);
            c.HasOne(x => x.Agreement).WithOne().HasForeignKey<Agreement>("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasOne(x => x.Evaluation).WithOne().HasForeignKey<Evaluation>("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Rounds).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.ScopeVersions).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasOne(x => x.ScopingMission).WithOne().HasForeignKey<ScopingMission>("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.Property(x => x.Language).HasMaxLength(2).HasDefaultValue("en");
        });
        builder.Entity<Consultation>(k =>
        {
            k.ToTable("Consultations");
            k.Property(x => x.Body).HasMaxLength(300);
            k.Property(x => x.Advice).HasMaxLength(8000);
            k.Property(x => x.RecordedBy).HasMaxLength(200);
        });
        builder.Entity<SanctionsHit>(h =>
        {
            h.ToTable("SanctionsHits");
            h.Property(x => x.CounterpartyName).HasMaxLength(300);
            h.Property(x => x.List).HasConversion<string>().HasMaxLength(30);
            h.Property(x => x.ListReference).HasMaxLength(100);
            h.Property(x => x.ListedName).HasMaxLength(1000);
            h.Property(x => x.MatchedName).HasMaxLength(1000);
            h.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.DecisionReason).HasMaxLength(4000);
            h.Property(x => x.DecidedBy).HasMaxLength(200);
        });
        builder.Entity<IssuedLetter>(l =>
        {
            l.ToTable("Letters");
            l.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            l.Property(x => x.Number).HasMaxLength(20);
            l.HasIndex(x => x.Number).IsUnique();
            l.HasIndex(x => new { x.Year, x.Sequence }).IsUnique();
            l.Property(x => x.Language).HasMaxLength(2);
            l.Property(x => x.Subject).HasMaxLength(1000);
            l.Property(x => x.IssuedById).HasMaxLength(450);
            l.Property(x => x.IssuedBy).HasMaxLength(200);
            l.Property(x => x.SentTo).HasMaxLength(320);
            l.Property(x => x.PdfSha256).HasMaxLength(64);
            l.Property(x => x.DocxSha256).HasMaxLength(64);
            l.Property(x => x.Reason).HasMaxLength(4000);
        });
        builder.Entity<Agreement>(a =>
        {
            a.ToTable("Agreements");
            a.HasIndex("CaseId").IsUnique();
            a.Property(x => x.RequestLetterFileName).HasMaxLength(300);
            a.Property(x => x.RequestLetterSha256).HasMaxLength(64);
            a.Property(x => x.ApprovalLetterNumber).HasMaxLength(20);
            a.Property(x => x.ApprovalLetterSha256).HasMaxLength(64);
            a.Property(x => x.SupportRecipient).HasMaxLength(300);
            a.Property(x => x.SupportProvider).HasMaxLength(300);
            a.Property(x => x.RecordedById).HasMaxLength(450);
            a.Property(x => x.RecordedBy).HasMaxLength(200);
        });

        builder.Entity<Counterparty>(c =>
        {
            c.ToTable("Counterparties");
            c.Property(x => x.Name).HasMaxLength(300);
            c.Property(x => x.CountryCode).HasMaxLength(2);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            c.HasIndex(x => x.Name);
        });
        builder.Entity<CaseDocument>(d =>
        {
            d.ToTable("CaseDocuments");
            d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            d.Property(x => x.FileName).HasMaxLength(300);
            d.Property(x => x.ContentType).HasMaxLength(100);
            d.Property(x => x.Sha256).HasMaxLength(64);
            d.Property(x => x.AddedBy).HasMaxLength(450);
        });
        builder.Entity<EligibilityDecision>(e =>
        {
            e.ToTable("EligibilityDecisions");
            e.Property(x => x.CountryCode).HasMaxLength(2);
            e.Property(x => x.Basis).HasMaxLength(200);
            e.Property(x => x.ListVersion).HasMaxLength(1000);
            e.Property(x => x.Explanation).HasMaxLength(4000);
            e.Property(x => x.DecidedById).HasMaxLength(450);
            e.Property(x => x.DecidedBy).HasMaxLength(200);
            e.Property(x => x.OverrideJustification).HasMaxLength(4000);
        });
        builder.Entity<ReferenceListVersion>(v =>
        {
            v.ToTable("ReferenceListVersions");
            v.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            v.Property(x => x.Label).HasMaxLength(200);
            v.Property(x => x.Source).HasMaxLength(2000);
            v.Property(x => x.ImportedBy).HasMaxLength(200);
            v.Property(x => x.Sha256).HasMaxLength(64);
            v.HasIndex(x => new { x.Kind, x.Label }).IsUnique();
            v.HasMany(x => x.Entries).WithOne().HasForeignKey("VersionId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ReferenceListEntry>(e =>
        {
            e.ToTable("ReferenceListEntries");
            e.Property(x => x.CountryCode).HasMaxLength(2);
            e.Property(x => x.Group).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
        });
        builder.Entity<ConnexDesk.Domain.Sanctions.SanctionsListVersion>(v =>
        {
            v.ToTable("SanctionsListVersions");
            v.Property(x => x.List).HasConversion<string>().HasMaxLength(30);
            v.Property(x => x.Label).HasMaxLength(300);
            v.Property(x => x.Sha256).HasMaxLength(64);
            v.Property(x => x.ImportedBy).HasMaxLength(200);
            v.HasIndex(x => new { x.List, x.Sha256 }).IsUnique();
            v.HasMany(x => x.Entries).WithOne().HasForeignKey("VersionId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ConnexDesk.Domain.Sanctions.SanctionsEntry>(e =>
        {
            e.ToTable("SanctionsEntries");
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.PrimaryName).HasMaxLength(1000);
        });
        builder.Entity<ConnexDesk.Domain.Experts.Expert>(e =>
        {
            e.ToTable("Experts");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(320);
            e.HasIndex(x => x.Email).IsUnique();
            e.Property(x => x.Phone).HasMaxLength(50);
            e.Property(x => x.Nationality).HasMaxLength(2);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.DailyRate).HasPrecision(12, 2);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.References).HasMaxLength(4000);
            e.Property(x => x.CvSha256).HasMaxLength(64);
            e.Property(x => x.CvFileName).HasMaxLength(255);
            e.HasIndex(x => x.UpdatedAt);
            AsNames(e.Property(x => x.Disciplines));
            AsNames(e.Property(x => x.Sectors));
            e.HasMany(x => x.PastClients).WithOne().HasForeignKey("ExpertId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ConnexDesk.Domain.Experts.CodeOfConductVersion>(v =>
        {
            v.ToTable("CodeOfConductVersions");
            v.Property(x => x.Label).HasMaxLength(50);
            v.HasIndex(x => x.Label).IsUnique();
            v.Property(x => x.Text).HasMaxLength(100_000);
            v.Property(x => x.Sha256).HasMaxLength(64);
            v.Property(x => x.PublishedBy).HasMaxLength(200);
        });
        builder.Entity<ConnexDesk.Domain.Experts.CodeOfConductSignature>(g =>
        {
            g.ToTable("CodeOfConductSignatures");
            g.HasOne<ConnexDesk.Domain.Experts.Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
            g.HasOne<ConnexDesk.Domain.Experts.CodeOfConductVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
            g.HasIndex(x => new { x.ExpertId, x.VersionId }).IsUnique();
            g.Property(x => x.VersionLabel).HasMaxLength(50);
            g.Property(x => x.TextSha256).HasMaxLength(64);
            g.Property(x => x.TypedName).HasMaxLength(200);
            g.Property(x => x.SignedByUserId).HasMaxLength(450);
        });
        builder.Entity<ConnexDesk.Domain.Experts.ExpertTie>(t =>
        {
            t.ToTable("ExpertTies");
            t.Property(x => x.Organisation).HasMaxLength(300);
            t.Property(x => x.Role).HasMaxLength(200);
            t.Property(x => x.CountryCode).HasMaxLength(2);
            t.HasIndex(x => x.Organisation);
        });
        builder.Entity<ChecklistLine>(l =>
        {
            l.ToTable("ChecklistLines");
            l.Property(x => x.Title).HasMaxLength(300);
            l.Property(x => x.Guidance).HasMaxLength(2000);
            l.Property(x => x.SavedBy).HasMaxLength(200);
        });
        builder.Entity<DueDiligenceItem>(d =>
        {
            d.ToTable("DueDiligenceItems");
            d.Property(x => x.Title).HasMaxLength(300);
            d.Property(x => x.Guidance).HasMaxLength(2000);
            d.Property(x => x.Mitigation).HasMaxLength(4000);
            d.Property(x => x.Evidence).HasMaxLength(4000);
            d.Property(x => x.Comment).HasMaxLength(4000);
            d.Property(x => x.ReviewedById).HasMaxLength(450);
            d.Property(x => x.ReviewedBy).HasMaxLength(200);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.Risk).HasConversion<string>().HasMaxLength(10);
        });
        builder.Entity<Engagement>(e =>
        {
            e.ToTable("Engagements");
            e.Property(x => x.ExpertName).HasMaxLength(200);
            e.HasOne<ConnexDesk.Domain.Experts.Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ExpertId, x.Status });
            e.Property(x => x.Role).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.ProposedBy).HasMaxLength(200);
            e.Property(x => x.GovernmentDecisionRecordedBy).HasMaxLength(200);
            e.Property(x => x.GovernmentDecisionNote).HasMaxLength(4000);
            e.Property(x => x.Declaration).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.DeclarationText).HasMaxLength(4000);
            e.Property(x => x.DeclarationRecordedBy).HasMaxLength(200);
            e.Property(x => x.CancellationReason).HasMaxLength(4000);
            e.Property(x => x.ContractReference).HasMaxLength(200);
            e.HasMany(x => x.Work).WithOne().HasForeignKey("EngagementId").OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Deliverables).WithOne().HasForeignKey("EngagementId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Evaluation>(v =>
        {
            v.ToTable("Evaluations");
            v.Property(x => x.CapacityBuilt).HasMaxLength(8000);
            v.Property(x => x.AnsweredBy).HasMaxLength(200);
            v.Property(x => x.AnswersRecordedBy).HasMaxLength(200);
            v.Property(x => x.LessonsLearned).HasMaxLength(20_000);
            v.Property(x => x.LessonsLearnedBy).HasMaxLength(200);
            v.HasMany(x => x.Answers).WithOne().HasForeignKey("EvaluationId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ColleagueInvitation>(i =>
        {
            i.ToTable("ColleagueInvitations");
            i.Property(x => x.Name).HasMaxLength(ColleagueInvitation.MaxNameLength);
            i.Property(x => x.Email).HasMaxLength(254);
            i.Property(x => x.Position).HasMaxLength(ColleagueInvitation.MaxNameLength);
            i.Property(x => x.InvitedById).HasMaxLength(450);
            i.Property(x => x.InvitedBy).HasMaxLength(200);
            i.Property(x => x.DecidedBy).HasMaxLength(200);
            i.Property(x => x.Reason).HasMaxLength(ColleagueInvitation.MaxReasonLength);
            i.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            i.HasIndex(x => x.Status);
            i.HasOne<RequestingOrganisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ConnexDesk.Domain.Audit.AuditEntry>(a =>
        {
            a.ToTable("AuditEntries");
            a.HasKey(x => x.Sequence);
            a.Property(x => x.Sequence).ValueGeneratedNever();
            a.Property(x => x.ActorId).HasMaxLength(450);
            a.Property(x => x.ActorName).HasMaxLength(200);
            a.Property(x => x.Address).HasMaxLength(64);
            a.Property(x => x.CaseReference).HasMaxLength(20);
            a.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Target).HasMaxLength(1000);
            a.Property(x => x.PreviousHash).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(64);
            a.HasIndex(x => x.At);
            a.HasIndex(x => new { x.CaseReference, x.At });
            a.HasIndex(x => new { x.ActorId, x.At });
        });
        builder.Entity<NegotiationRound>(r =>
        {
            r.ToTable("NegotiationRounds");
            r.Property(x => x.Place).HasMaxLength(200);
            r.Property(x => x.Agenda).HasMaxLength(2000);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Outcome).HasMaxLength(Case.MaxRecommendationLength);
        });
        builder.Entity<ScopingMission>(m =>
        {
            m.ToTable("ScopingMissions");
            m.Property(x => x.Place).HasMaxLength(200);
            m.Property(x => x.Findings).HasMaxLength(Case.MaxRecommendationLength);
            m.Property(x => x.FindingsBy).HasMaxLength(200);
            m.HasOne(x => x.TermsOfReference).WithMany().HasForeignKey("TermsOfReferenceId").OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ScopeVersion>(v =>
        {
            v.ToTable("ScopeVersions");
            v.Property(x => x.Notes).HasMaxLength(Case.MaxRecommendationLength);
            v.Property(x => x.ProposedBy).HasMaxLength(200);
            v.Property(x => x.SentTo).HasMaxLength(320);
            v.Property(x => x.ConfirmedBy).HasMaxLength(200);
            v.Property(x => x.ConfirmationRecordedBy).HasMaxLength(200);
            v.HasMany(x => x.Needs).WithOne().HasForeignKey("ScopeVersionId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ExpertiseNeed>(n =>
        {
            n.ToTable("ExpertiseNeeds");
            n.Property(x => x.Discipline).HasConversion<string>().HasMaxLength(40);
            n.Property(x => x.Sector).HasConversion<string>().HasMaxLength(40);
            n.Property(x => x.Language).HasMaxLength(3);
        });
        builder.Entity<EvaluationAnswer>(a =>
        {
            a.ToTable("EvaluationAnswers");
            a.Property(x => x.Criterion).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Comment).HasMaxLength(4000);
        });
        builder.Entity<ConnexDesk.Domain.Timeliness.DigestSent>(d =>
        {
            d.ToTable("DigestsSent");
            d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.UserId).HasMaxLength(450);
            d.HasIndex(x => new { x.Kind, x.UserId, x.Day }).IsUnique();
        });
        builder.Entity<WorkRecord>(w =>
        {
            w.ToTable("WorkRecords");
            w.Property(x => x.Days).HasPrecision(4, 1);
            w.Property(x => x.Note).HasMaxLength(2000);
            w.Property(x => x.RecordedBy).HasMaxLength(200);
            w.Property(x => x.DecidedBy).HasMaxLength(200);
            w.Property(x => x.DecisionReason).HasMaxLength(4000);
        });
        builder.Entity<Deliverable>(d =>
        {
            d.ToTable("Deliverables");
            d.Property(x => x.Title).HasMaxLength(300);
            d.Property(x => x.SubmittedBy).HasMaxLength(200);
            d.Property(x => x.AcceptedBy).HasMaxLength(200);
            d.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ConflictRuling>(r =>
        {
            r.ToTable("ConflictRulings");
            r.Property(x => x.ExpertName).HasMaxLength(200);
            r.Property(x => x.Conflict).HasMaxLength(4000);
            r.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(10);
            r.Property(x => x.Reason).HasMaxLength(4000);
            r.Property(x => x.RuledById).HasMaxLength(450);
            r.Property(x => x.RuledBy).HasMaxLength(200);
        });
        builder.Entity<CaseNote>(n =>
        {
            n.ToTable("CaseNotes");
            n.Property(x => x.AuthorId).HasMaxLength(450);
            n.Property(x => x.AuthorName).HasMaxLength(200);
        });
        builder.Entity<CaseHistoryEntry>(h =>
        {
            h.ToTable("CaseHistory");
            h.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.FromStage).HasConversion<string>().HasMaxLength(30);
            h.Property(x => x.ToStage).HasConversion<string>().HasMaxLength(30);
            h.Property(x => x.ActorId).HasMaxLength(450);
            h.Property(x => x.ActorName).HasMaxLength(200);
            h.Property(x => x.Field).HasMaxLength(100);
        });
    }

    /// <summary>A list of enum values stored as their names, separated by ";", readable in the database.</summary>
    private static void AsNames<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<List<T>> property) where T : struct, Enum =>
        property.HasConversion(
                v => string.Join(';', v),
                v => v.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<T>).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList()))
            .HasMaxLength(1000);

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Utc ? toStore : toStore.ToUniversalTime(),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}

public sealed class SqliteDeskDb(DbContextOptions<SqliteDeskDb> options) : DeskDb(options);

public sealed class PostgresDeskDb(DbContextOptions<PostgresDeskDb> options) : DeskDb(options);
