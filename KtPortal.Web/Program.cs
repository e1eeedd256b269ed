using KtPortal.Web;
using KtPortal.Web.Cli;

// Composition only: each feature registers itself in PortalComposition.
var (command, hostArgs) = CliCommand.Parse(args);
if (command is CliCommand.Invalid invalid)
{
    await Console.Error.WriteLineAsync(invalid.Message);
    return 2;
}

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddKtPortal();
var app = builder.Build();
app.UseKtPortal();
return await command.RunAsync(app);

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
