using ReadoutApi;
using ReadoutApi.Seed;

if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddReadoutServices();

    var app = builder.Build();

    app.UseReadoutPipeline();
    app.MapReadoutApi();

    await app.RunAsync();
    return 0;
}
catch (SeedValidationException e)
{
    // A bad seed folder is the editor's mistake, not a crash: say where, exit 1, serve nothing.
    Console.Error.WriteLine(e.Message);
    return 1;
}
