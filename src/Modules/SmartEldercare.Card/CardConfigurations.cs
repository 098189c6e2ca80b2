using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card;

internal sealed class ServiceCardConfiguration : IEntityTypeConfiguration<ServiceCard>
{
    public void Configure(EntityTypeBuilder<ServiceCard> b)
    {
        b.ToTable("Card_Cards");
        b.HasKey(x => x.Id);
        b.Property(x => x.Number).HasMaxLength(CardNumber.Length).IsUnicode(false).IsRequired();
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Uid).HasMaxLength(ServiceCard.UidMaxLength).IsUnicode(false);
        b.HasIndex(x => x.Uid);
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.IdNumberTail).HasMaxLength(8).IsUnicode(false);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.StatusReason).HasMaxLength(ServiceCard.ReasonMaxLength);
        b.Property(x => x.IssuedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.ElderId);
        b.HasIndex(x => new { x.RegionCode, x.Status });
    }
}

internal sealed class CardAccountConfiguration : IEntityTypeConfiguration<CardAccount>
{
    public void Configure(EntityTypeBuilder<CardAccount> b)
    {
        b.ToTable("Card_Accounts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(60).IsUnicode(false).IsRequired();
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.CardId);
        b.Ignore(x => x.IsCardAccount);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("Card_Entries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.IdempotencyKey).HasMaxLength(120).IsUnicode(false);
        // A terminal's retry, a double-tapped confirm, a second crediting run: one entry.
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false);
        b.Property(x => x.Note).HasMaxLength(LedgerEntry.NoteMaxLength);
        b.Property(x => x.By).HasMaxLength(100);
        b.HasIndex(x => new { x.CardId, x.AtUtc });
        b.HasIndex(x => new { x.ElderId, x.AtUtc });
        b.HasIndex(x => new { x.OrganisationId, x.AtUtc });
        b.HasIndex(x => new { x.Kind, x.AtUtc });
        b.HasIndex(x => new { x.Kind, x.Month });
        b.Ignore(x => x.IsBalanced);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LedgerLineConfiguration : IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerLine> b)
    {
        b.ToTable("Card_Lines");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.AccountId);
        b.HasOne<CardAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TerminalConfiguration : IEntityTypeConfiguration<Terminal>
{
    public void Configure(EntityTypeBuilder<Terminal> b)
    {
        b.ToTable("Card_Terminals");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(Terminal.CodeMaxLength).IsUnicode(false).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.OrganisationName).HasMaxLength(100);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.KeyHash).HasMaxLength(64).IsUnicode(false);
    }
}

internal sealed class CreditRuleConfiguration : IEntityTypeConfiguration<CreditRule>
{
    public void Configure(EntityTypeBuilder<CreditRule> b)
    {
        b.ToTable("Card_Rules");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(CreditRule.NameMaxLength).IsRequired();
        b.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(16);
    }
}
