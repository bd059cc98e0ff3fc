using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ReadoutApi.Seed;

/// <summary>
/// One seed file: its name, the array of records it holds (<c>{"claims": [...]}</c>), and how they are read, strictly:
/// a missing required member, a null where null is not allowed or an unknown member is a problem with its path and line.
/// </summary>
/// <param name="Name">The file name.</param>
/// <param name="ArrayName">The top-level property holding the records.</param>
internal abstract record SeedFileKind(string Name, string ArrayName)
{
    protected static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>The file's records (an <c>IReadOnlyList</c> of the record type), or null with its problems added.</summary>
    public abstract object? Read(SeedFile file, List<SeedProblem> problems);

    /// <summary>How many records of this file a data set holds.</summary>
    public abstract int Count(SeedData data);
}

/// <summary>A seed file of records of type <typeparamref name="T"/>.</summary>
/// <param name="Name">The file name.</param>
/// <param name="ArrayName">The top-level property holding the records.</param>
/// <param name="Records">Where the records are in a data set.</param>
internal sealed record SeedFileKind<T>(string Name, string ArrayName, Func<SeedData, IReadOnlyList<T>> Records) : SeedFileKind(Name, ArrayName)
{
    /// <inheritdoc />
    public override int Count(SeedData data) => Records(data).Count;

    /// <inheritdoc />
    public override object? Read(SeedFile file, List<SeedProblem> problems)
    {
        // Each file gets its own pool of short strings (StringPool), and the envelope's array property its file's name.
        var options = new JsonSerializerOptions(Strict)
        {
            Converters = { new StringPool() },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameTheArray } },
        };
        try
        {
            if (JsonSerializer.Deserialize<Envelope>(file.Bytes, options) is { } envelope)
            {
                return envelope.Records;
            }

            problems.Add(new SeedProblem(file.DisplayPath, "$", 1, "the file holds null, not an object"));
            return null;
        }
        catch (JsonException e)
        {
            var path = e.Path ?? "$";
            var line = e.LineNumber is { } l ? l + 1 : file.Lines.LineOf(path);
            problems.Add(new SeedProblem(file.DisplayPath, path, line, SeedLoader.Describe(e)));
            return null;
        }
        catch (Exception e)
        {
            problems.Add(new SeedProblem(file.DisplayPath, "$", null, $"could not be read: {e.Message}"));
            return null;
        }
    }

    private void NameTheArray(JsonTypeInfo info)
    {
        if (info.Type == typeof(Envelope))
        {
            info.Properties.Single(p => p.Name == "records").Name = ArrayName;
        }
    }

    private sealed record Envelope(IReadOnlyList<T> Records, [property: JsonPropertyName("$schema")] string? Schema = null);
}
