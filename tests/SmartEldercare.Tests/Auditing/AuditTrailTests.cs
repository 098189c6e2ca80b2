using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Features.Admin;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Features.Rosters;

namespace SmartEldercare.Tests.Auditing;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private SliceFixture app = null!;

    public async ValueTask InitializeAsync() => app = await SliceFixture.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Task<List<AuditEntry>> Entries() => app.Db(db => db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync());

    private AuditTrail Trail => app.Services.GetRequiredService<AuditTrail>();

    [Fact]
    public async Task Every_command_is_recorded_with_who_what_which_record_and_outcome()
    {
        var created = await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.As(TestUsers.Worker, m => m.Send(NewElder.Command())));
        await Assert.ThrowsAsync<ValidationException>(() => app.As(TestUsers.Village, m => m.Send(NewElder.Command(name: ""))));
        var outside = await app.As(TestUsers.Street2, m => m.Send(new ChangeElderStatus.Command { Id = created.Value, Status = SmartEldercare.Platform.Elders.ElderStatus.Deceased, Date = new DateOnly(2026, 11, 1) }));
        await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query()));

        var entries = await Entries();

        Assert.Equal(ResultStatus.NotFound, outside.Status);
        Assert.Equal(4, entries.Count); // queries are not commands: the search left no entry
        Assert.Equal(("Elders.SaveElder", "village", AuditOutcome.Succeeded, created.Value.ToString()), (entries[0].Action, entries[0].UserName, entries[0].Outcome, entries[0].RecordId));
        Assert.Equal((AuditOutcome.Refused, "worker"), (entries[1].Outcome, entries[1].UserName));
        Assert.Contains("forbidden", entries[1].Detail, StringComparison.Ordinal);
        Assert.Contains("invalid: Name", entries[2].Detail, StringComparison.Ordinal);
        Assert.Equal(("Elders.ChangeElderStatus", AuditOutcome.Refused, created.Value.ToString()), (entries[3].Action, entries[3].Outcome, entries[3].RecordId));
        Assert.All(entries, e => Assert.Equal(SliceFixture.Now.UtcDateTime, e.AtUtc));
        Assert.True((await Trail.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
    }

    [Fact]
    public async Task Opening_an_elders_page_and_a_roster_are_recorded_with_how_many_rows_they_handed_out()
    {
        var id = (await app.As(TestUsers.Village, m => m.Send(NewElder.Command()))).Value;
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Street2, m => m.Send(new GetElder.Query(id)))).Status); // handed nothing out: no access entry
        Assert.True((await app.As(TestUsers.Village, m => m.Send(new GetElder.Query(id)))).IsSuccess);
        var roster = await app.As(TestUsers.Village, m => m.Send(new GetRoster.Query()));

        var entries = await Entries();
        var opened = Assert.Single(entries, e => e.Action == "Elders.GetElder");
        Assert.Equal(("village", id.ToString(), AuditOutcome.Succeeded, "personal data; rows: 1"), (opened.UserName, opened.RecordId, opened.Outcome, opened.Detail));
        Assert.NotEmpty(roster.Items);
        Assert.Equal($"personal data; rows: {roster.Items.Count}", Assert.Single(entries, e => e.Action == "Rosters.GetRoster").Detail);
        Assert.True((await Trail.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
    }

    [Fact]
    public async Task Without_its_audit_entry_no_reveal_and_no_elders_page_is_handed_out()
    {
        var id = (await app.As(TestUsers.Village, m => m.Send(NewElder.Command()))).Value;
        await app.Db(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Platform_AuditTrail\" RENAME TO \"Platform_AuditTrail_Gone\"", TestContext.Current.CancellationToken));

        await Assert.ThrowsAnyAsync<Exception>(() => app.As(TestUsers.Village, m => m.Send(new RevealElderField.Command { Id = id, Field = PersonalField.IdNumber, Reason = "核对高龄津贴" })));
        await Assert.ThrowsAnyAsync<Exception>(() => app.As(TestUsers.Village, m => m.Send(new GetElder.Query(id))));
    }

    [Fact]
    public async Task A_reveal_needs_a_reason_shows_the_full_value_and_is_audited_with_the_reason()
    {
        var command = NewElder.Command(phone: "13812345678");
        var id = (await app.As(TestUsers.Village, m => m.Send(command))).Value;

        await Assert.ThrowsAsync<ValidationException>(() => app.As(TestUsers.Village, m => m.Send(new RevealElderField.Command { Id = id, Field = PersonalField.IdNumber, Reason = " " })));
        var revealed = await app.As(TestUsers.Village, m => m.Send(new RevealElderField.Command { Id = id, Field = PersonalField.IdNumber, Reason = "核对高龄津贴" }));
        var otherStreet = await app.As(TestUsers.Street2, m => m.Send(new RevealElderField.Command { Id = id, Field = PersonalField.Phone, Reason = "随便看看看" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.As(TestUsers.Responder, m => m.Send(new RevealElderField.Command { Id = id, Field = PersonalField.Phone, Reason = "应急联系家属" })));

        Assert.Equal(command.IdNumber, revealed.Value);
        Assert.Equal(ResultStatus.NotFound, otherStreet.Status);
        var reveals = (await Entries()).Where(e => e.Action == "Elders.RevealElderField").ToList();
        Assert.Equal(4, reveals.Count);
        Assert.Contains(reveals, e => e is { Outcome: AuditOutcome.Succeeded, UserName: "village" } && e.Detail == "reveal IdNumber: 核对高龄津贴" && e.RecordId == id.ToString());
        Assert.Contains(reveals, e => e is { Outcome: AuditOutcome.Refused, UserName: "street2" });
        Assert.DoesNotContain(reveals, e => (e.Detail ?? string.Empty).Contains(command.IdNumber!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("delete")]
    [InlineData("reorder")]
    public async Task Verification_detects_an_edited_deleted_or_reordered_entry(string tampering)
    {
        var user = new CurrentUser();
        user.Set(TestUsers.District);
        for (var i = 0; i < 5; i++)
        {
            await Trail.AppendAsync(user, new AuditRecord("Test.Action", i.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditOutcome.Succeeded), TestContext.Current.CancellationToken);
        }

        Assert.True((await Trail.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
        await app.Db(db => tampering switch
        {
            "edit" => db.AuditEntries.Where(a => a.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "someone-else")),
            "delete" => db.AuditEntries.Where(a => a.Sequence == 3).ExecuteDeleteAsync(),
            _ => db.AuditEntries.Where(a => a.Sequence == 2 || a.Sequence == 4)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.RecordId, a => a.Sequence == 2 ? "3" : "1")),
        });

        var result = await Trail.VerifyAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Intact);
        Assert.InRange(result.FirstBrokenSequence!.Value, 2, 4);
    }

    [Fact]
    public async Task Purging_refuses_entries_younger_than_twelve_months_and_records_itself()
    {
        var user = new CurrentUser();
        user.Set(TestUsers.District);
        await Trail.AppendAsync(user, new AuditRecord("Test.Action", null, AuditOutcome.Succeeded), TestContext.Current.CancellationToken);

        var tooYoung = await Trail.PurgeAsync(user, new DateOnly(2026, 1, 1), TestContext.Current.CancellationToken);
        var allowed = await Trail.PurgeAsync(user, new DateOnly(2025, 11, 28), TestContext.Current.CancellationToken);

        Assert.Equal(ResultStatus.Invalid, tooYoung.Status);
        Assert.True(allowed.IsSuccess);
        Assert.Equal(0, allowed.Value);
        Assert.Equal(["Test.Action", "Audit.Purge"], (await Entries()).Select(e => e.Action));
        Assert.True((await Trail.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
    }

    [Fact]
    public async Task A_keyed_chain_cannot_be_rebuilt_by_a_database_writer_and_its_start_cannot_be_cut_unseen()
    {
        var kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var keyed = await SliceFixture.CreateAsync(settings: new Dictionary<string, string?> { [SmartEldercare.Platform.Privacy.KeyRingProtection.ConfigurationKey] = kek });
        var trail = keyed.Services.GetRequiredService<AuditTrail>();
        var user = new CurrentUser();
        user.Set(TestUsers.District);
        for (var i = 0; i < 5; i++)
        {
            await trail.AppendAsync(user, new AuditRecord("Test.Action", i.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditOutcome.Succeeded), TestContext.Current.CancellationToken);
        }

        var entries = await keyed.Db(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal(AuditEntry.KeyedAction, entries[0].Action);
        Assert.True((await trail.VerifyAsync(TestContext.Current.CancellationToken)).Intact);

        // A writer edits entry 4 and rebuilds every hash from there the only way open to them, unkeyed SHA-256.
        await keyed.Db(async db =>
        {
            var all = await db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync();
            var previous = all[2].Hash;
            foreach (var e in all.Skip(3))
            {
                var forged = new AuditEntry
                {
                    Sequence = e.Sequence, AtUtc = e.AtUtc, UserId = e.UserId, UserName = e.Sequence == 4 ? "someone-else" : e.UserName, IpAddress = e.IpAddress,
                    Action = e.Action, RecordId = e.RecordId, Outcome = e.Outcome, Detail = e.Detail, PreviousHash = previous,
                };
                previous = forged.ComputeHash();
                await db.AuditEntries.Where(a => a.Sequence == e.Sequence).ExecuteUpdateAsync(x => x
                    .SetProperty(a => a.UserName, forged.UserName).SetProperty(a => a.PreviousHash, forged.PreviousHash).SetProperty(a => a.Hash, previous));
            }

            return 0;
        });
        var rebuilt = await trail.VerifyAsync(TestContext.Current.CancellationToken);
        Assert.False(rebuilt.Intact);
        Assert.Equal(4, rebuilt.FirstBrokenSequence);
    }

    [Fact]
    public async Task Cutting_the_newest_entries_is_seen_against_the_witness_outside_the_database_and_a_forged_witness_line_too()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Path.GetTempPath(), "eldercare-witness", Guid.NewGuid().ToString("N"), "audit-witness.log");
        var kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var witnessed = await SliceFixture.CreateAsync(settings: new Dictionary<string, string?>
        {
            [SmartEldercare.Platform.Privacy.KeyRingProtection.ConfigurationKey] = kek, [AuditWitness.FileKey] = file,
        });
        var trail = witnessed.Services.GetRequiredService<AuditTrail>();
        var witness = witnessed.Services.GetRequiredService<AuditWitness>();
        var user = new CurrentUser();
        user.Set(TestUsers.District);
        for (var i = 0; i < 5; i++)
        {
            await trail.AppendAsync(user, new AuditRecord("Test.Action", null, AuditOutcome.Succeeded), ct);
        }

        var head = await witness.WitnessAsync(ct);
        Assert.Equal(6, head?.Sequence); // the keyed marker and five entries
        Assert.Null(await witness.WitnessAsync(ct)); // an unmoved head is not written again
        await trail.AppendAsync(user, new AuditRecord("Test.Action", null, AuditOutcome.Succeeded), ct);
        Assert.True((await trail.VerifyAsync(ct)).Intact);

        // A database writer removes the last three entries: the chain alone is still consistent, the witness is not.
        await witnessed.Db(db => db.AuditEntries.Where(a => a.Sequence >= 5).ExecuteDeleteAsync());
        var cut = await trail.VerifyAsync(ct);
        Assert.False(cut.Intact);
        Assert.Contains("the witness saw entry 6", cut.Problem, StringComparison.Ordinal);

        // Appending new entries in their place does not help: entry 6 is not the one the witness saw.
        await trail.AppendAsync(user, new AuditRecord("Test.Other", null, AuditOutcome.Succeeded), ct);
        await trail.AppendAsync(user, new AuditRecord("Test.Other", null, AuditOutcome.Succeeded), ct);
        var replaced = await trail.VerifyAsync(ct);
        Assert.False(replaced.Intact);
        Assert.Equal(6, replaced.FirstBrokenSequence);

        // A witness line written by anyone but the application (without the chain key) is refused, not trusted.
        await File.AppendAllTextAsync(file, $"99 {new string('0', 64)} 2026-12-01T00:00:00.0000000Z {new string('a', 64)}\n", ct);
        var forged = await trail.VerifyAsync(ct);
        Assert.False(forged.Intact);
        Assert.Contains("not one the application wrote", forged.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cutting_the_oldest_entries_without_a_purge_is_seen_and_a_recorded_purge_anchors_the_new_start()
    {
        var user = new CurrentUser();
        user.Set(TestUsers.District);
        for (var i = 0; i < 5; i++)
        {
            await Trail.AppendAsync(user, new AuditRecord("Test.Action", null, AuditOutcome.Succeeded), TestContext.Current.CancellationToken);
        }

        await app.Db(db => db.AuditEntries.Where(a => a.Sequence <= 2).ExecuteDeleteAsync());
        var cut = await Trail.VerifyAsync(TestContext.Current.CancellationToken);
        Assert.False(cut.Intact);
        Assert.Equal(3, cut.FirstBrokenSequence);
        Assert.Contains("not anchored", cut.Problem, StringComparison.Ordinal);

        // Everything older than the retention goes by a purge, which names the chain's new start: intact again.
        await app.Db(db => db.AuditEntries.ExecuteUpdateAsync(x => x.SetProperty(a => a.AtUtc, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        Assert.True((await Trail.PurgeAsync(user, new DateOnly(2025, 1, 1), TestContext.Current.CancellationToken)).IsSuccess);
        var purge = Assert.Single(await Entries());
        Assert.Contains("chain starts at (this entry)", purge.Detail, StringComparison.Ordinal);
        Assert.True((await Trail.VerifyAsync(TestContext.Current.CancellationToken)).Intact);
    }

    [Fact]
    public async Task The_audit_search_is_for_administrators_and_filters_by_record()
    {
        var id = (await app.As(TestUsers.Village, m => m.Send(NewElder.Command()))).Value;
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command(name: "李四")));
        var admin = TestUsers.Make("admin", Roles.SystemAdmin, "120111");

        var byRecord = await app.As(admin, m => m.Send(new SearchAuditTrail.Query(RecordId: id.ToString())));

        Assert.Equal(id.ToString(), Assert.Single(byRecord.Items).RecordId);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.As(TestUsers.District, m => m.Send(new SearchAuditTrail.Query())));
    }
}
