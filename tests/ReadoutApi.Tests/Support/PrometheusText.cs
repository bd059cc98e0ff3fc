using System.Globalization;
using System.Text;

namespace ReadoutApi.Tests.Support;

/// <summary>One sample of a Prometheus text exposition: a metric name, its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(params (string Label, string Value)[] labels) =>
        labels.All(l => Labels.TryGetValue(l.Label, out var v) && v == l.Value);
}

/// <summary>
/// Reads the Prometheus text format (version 0.0.4): <c># HELP</c> and <c># TYPE</c> lines, then one sample a line,
/// <c>name{label="value",...} value [timestamp]</c>, label values escaped with <c>\\</c>, <c>\"</c> and <c>\n</c>.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            samples.Add(ParseLine(line));
        }

        return samples;
    }

    /// <summary>The one sample of <paramref name="name"/> with these labels (others may differ); 0 when there is none.</summary>
    public static double Value(this IReadOnlyList<PrometheusSample> samples, string name, params (string Label, string Value)[] labels)
    {
        var matching = samples.Where(s => s.Name == name && s.Has(labels)).ToList();
        Assert.True(matching.Count <= 1, $"{matching.Count} samples of {name} with {string.Join(", ", labels)}");
        return matching.Count == 0 ? 0 : matching[0].Value;
    }

    private static PrometheusSample ParseLine(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
        {
            i++;
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq];
                Assert.Equal('"', line[eq + 1]);
                i = eq + 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', var c => c });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                labels[label] = value.ToString();
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var fields = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}
