using System.Text;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>The line of a value: mapped path by path in a file of many lines, line 1 throughout a compact one.</summary>
public sealed class JsonLineMapTests
{
    [Theory]
    [InlineData("$.claims[1].eventKind", 4L)]
    [InlineData("$.claims[1].unknown", 3L)]
    [InlineData("$.claims[0]", 2L)]
    [InlineData("$", 1L)]
    public void AFileOfManyLinesMapsEachValue(string path, long line)
    {
        var map = JsonLineMap.Build(Encoding.UTF8.GetBytes("{\"claims\": [\n  {\"eventKind\": \"strike\"},\n  {\n    \"eventKind\": \"strik\"}\n]}\n"));

        Assert.Equal(line, map.LineOf(path));
    }

    [Theory]
    [InlineData("{\"claims\":[{\"eventKind\":\"strike\"},{\"eventKind\":\"strik\"}]}\n", 1L)]
    [InlineData("{\"claims\":[{\"eventKind\":\"strike\"},{\"eventKind\":", 1L)]
    [InlineData("", null)]
    [InlineData("}", null)]
    public void ACompactFileIsAllOnLineOne(string json, long? line)
    {
        var map = JsonLineMap.Build(Encoding.UTF8.GetBytes(json));

        Assert.Equal(line, map.LineOf("$.claims[1].eventKind"));
        Assert.Equal(line, map.LineOf("$"));
    }
}
