using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Privacy;

public sealed class EncryptionAtRestTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Personal_fields_are_stored_encrypted_and_exact_search_still_finds_them(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        var command = NewElder.Command(phone: "13987654321");
        command.HealthNotes = "冠心病，随身携带硝酸甘油";
        var id = (await app.As(TestUsers.Village, m => m.Send(command))).Value;

        var raw = await app.Db(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var sql = connection.CreateCommand();
            sql.CommandText = """SELECT "IdNumber", "Phone", "Address", "HealthNotes", "IdNumberHash" FROM "Platform_Elders" """;
            await using var reader = await sql.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
            return Enumerable.Range(0, 5).Select(reader.GetString).ToArray();
        });

        Assert.DoesNotContain(raw, v => v.Contains(command.IdNumber!, StringComparison.Ordinal) || v.Contains("13987654321", StringComparison.Ordinal)
            || v.Contains("英伦名苑", StringComparison.Ordinal) || v.Contains("冠心病", StringComparison.Ordinal));
        Assert.Matches("^[0-9a-f]{64}$", raw[4]);

        var byId = await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Text: command.IdNumber)));
        var byPhone = await app.As(TestUsers.Village, m => m.Send(new SearchElders.Query(Text: "13987654321")));
        var revealed = await app.As(TestUsers.Village, m => m.Send(new RevealElderField.Command { Id = id, Field = PersonalField.HealthNotes, Reason = "上门前了解病史" }));
        Assert.Equal(id, Assert.Single(byId.Value!.Items).Id);
        Assert.Equal(id, Assert.Single(byPhone.Value!.Items).Id);
        Assert.Equal("冠心病，随身携带硝酸甘油", revealed.Value);
    }

    [Fact]
    public async Task A_second_instance_on_the_same_database_reads_what_the_first_encrypted()
    {
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        ServiceProvider Instance()
        {
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddEldercareCore(TestDatabases.Configuration(TestProvider.Sqlite, connectionString), Path.GetTempPath());
            return services.BuildServiceProvider();
        }

        await using var first = Instance();
        await using var second = Instance();
        Guid id;
        var command = NewElder.Command(phone: "13611112222");
        await using (var scope = first.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.Village);
            id = (await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command, TestContext.Current.CancellationToken)).Value;
        }

        await using (var scope = second.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.Village);
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            var phone = await mediator.Send(new RevealElderField.Command { Id = id, Field = PersonalField.Phone, Reason = "联系老人本人" }, TestContext.Current.CancellationToken);
            var found = await mediator.Send(new SearchElders.Query(Text: command.IdNumber), TestContext.Current.CancellationToken);
            Assert.Equal("13611112222", phone.Value);
            Assert.Single(found.Value!.Items);
        }

        SqliteConnection.ClearAllPools();
    }
}
