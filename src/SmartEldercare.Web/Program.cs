using SmartEldercare.Web.Hosting;
using SmartEldercare.Web.Hosting.Commands;

var builder = WebApplication.CreateBuilder(args);
builder.AddEldercare();
var app = builder.Build();

if (await app.RunCommandAsync(args))
{
    return;
}

await app.PrepareDatabaseAsync();
app.UseEldercare();
await app.RunAsync();

public partial class Program;
