using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ReadoutApi.Tests.Support;

/// <summary>The real app over the repository's seed folder (or another one), without file watching.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory() : this(new Dictionary<string, string?>())
    {
    }

    internal ApiFactory(Dictionary<string, string?> settings)
    {
        // Tests send thousands of requests from one address; the rate-limit test sets its own low limit.
        _settings = new Dictionary<string, string?> { ["Seed:Watch"] = "false", ["RateLimiting:PermitLimit"] = "1000000" };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>Paths of files the tests read.</summary>
public static class TestPaths
{
    public static string RepoSeed
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ReadoutApi.sln")))
                {
                    return Path.Combine(dir.FullName, "seed");
                }
            }

            throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
