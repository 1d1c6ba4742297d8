using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Features.Search;
using BaliProcess.Web.Features.Training;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;

var isCli = PlatformCli.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCli ? [] : args);
builder.AddPlatformLogging(toStandardError: isCli);

// The pages' CSS and scripts live in the BaliProcess.Web library; outside Development (tests, a build run from the
// source tree) its files are found only through the static web assets manifest. A published folder has no manifest
// and serves its own wwwroot.
builder.WebHost.UseStaticWebAssets();

builder.Services
    .AddPlatformWeb()
    .AddPlatformData(builder.Configuration, builder.Environment)
    .AddPlatformSecurity(builder.Configuration)
    .AddAudit()
    .AddAccounts()
    .AddDirectory()
    .AddLibrary(builder.Configuration)
    .AddActions(builder.Configuration)
    .AddTraining()
    .AddPlatformSearch(builder.Configuration, builder.Environment);

var app = builder.Build();

if (isCli)
{
    return await PlatformCli.RunAsync(app.Services, args);
}

app.UsePlatformWeb();
app.MapAudit();
app.MapAccounts();
app.MapDirectory();
app.MapLibrary();
app.MapActions();
app.MapTraining();
app.MapPlatformSearch();

if (!await app.PrepareDatabaseAsync())
{
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
