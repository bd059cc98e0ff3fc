using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ReadoutApi.Changes;
using ReadoutApi.Observability;
using ReadoutApi.Querying;
using ReadoutApi.Seed;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ReadoutApi.Tests.Deploy;

/// <summary>
/// The kustomize output of <c>deploy/kubernetes/</c> points at what the app really reads: the probes at the health
/// endpoints it serves, <c>Seed__Path</c> at the ConfigMap of the seed files (from which the app loads the same data
/// as from <c>seed/</c>), <c>Cursor__SigningKey</c> at the Secret the docs say to make, <c>Metrics__Port</c> at the
/// port that is scraped and that only the monitoring namespace may reach, <c>State__Path</c> at a writable volume; the
/// journal overlay runs the same pod with a persistent volume per replica there. Renders with kubectl (skipped without it, unless CI=true).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(TestPaths.RepoSeed, ".."));

    [SkippableFact]
    public async Task TheBaseProbesMountsAndSecretPointAtWhatTheAppReads()
    {
        var objects = Render("deploy/kubernetes/base");
        var workload = Single(objects, "Deployment", "readoutapi");
        Assert.Equal(2, int.Parse((string)workload["spec"]!["replicas"]!, System.Globalization.CultureInfo.InvariantCulture));
        var pod = workload["spec"]!["template"]!;
        var container = Container(pod);
        var env = Env(container);
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(env.Where(e => e.Value is string).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();

        // The API listens where the probes and the Service go: the container port named http.
        var http = Port(container, "http");
        Assert.Equal($"http://+:{http}", config["ASPNETCORE_URLS"]);
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();
        foreach (var (probe, expected) in new[] { ("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready") })
        {
            var get = container[probe]!["httpGet"]!;
            Assert.Equal(expected, (string)get["path"]!);
            Assert.Equal("http", (string)get["port"]!);
            using var response = await client.GetAsync(expected);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ready = await client.GetJson("/health/ready");
        Assert.NotNull(ready["checks"]!["snapshot"]);
        Assert.Empty((await client.GetJson("/health/live"))["checks"]!.AsObject());

        // Seed__Path is the app's Seed:Path, and the ConfigMap of every seed file is mounted there, read-only.
        var seedPath = config.GetSection(SeedOptions.Section).Get<SeedOptions>()!.Path;
        var seedMount = Assert.Single(container["volumeMounts"]!.AsArray(), m => (string)m!["mountPath"]! == seedPath)!;
        Assert.Equal("true", (string)seedMount["readOnly"]!);
        var volume = Assert.Single(pod["spec"]!["volumes"]!.AsArray(), v => (string)v!["name"]! == (string)seedMount["name"]!)!;
        var configMap = Single(objects, "ConfigMap", (string)volume["configMap"]!["name"]!);
        var files = configMap["data"]!.AsObject().ToDictionary(f => f.Key, f => (string)f.Value!);
        Assert.Equal(SeedLoader.FileNames.Order(), files.Keys.Order());

        // Laid out as the kubelet lays out a ConfigMap volume, the app loads from it the data it loads from seed/.
        var volumeDir = Path.Combine(Path.GetTempPath(), "readoutapi-configmap-" + Guid.NewGuid().ToString("N"));
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(volumeDir, "..2026_11_30_00_00_00.1")).FullName;
            foreach (var (name, text) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(data, name), text);
                File.CreateSymbolicLink(Path.Combine(volumeDir, name), Path.Combine("..data", name));
            }

            File.CreateSymbolicLink(Path.Combine(volumeDir, "..data"), "..2026_11_30_00_00_00.1");
            await using var fromConfigMap = new ApiFactory(new() { [$"{SeedOptions.Section}:{nameof(SeedOptions.Path)}"] = volumeDir });
            Assert.Equal(
                (string)(await client.GetJson("/v1"))["dataVersion"]!,
                (string)(await fromConfigMap.CreateClient().GetJson("/v1"))["dataVersion"]!);
        }
        finally
        {
            Directory.Delete(volumeDir, recursive: true);
        }

        // Cursor__SigningKey is the app's Cursor:SigningKey, from the Secret that docs/operations.md makes.
        var secret = env[$"{CursorOptions.Section}__{nameof(CursorOptions.SigningKey)}"] as JsonNode;
        var secretRef = secret!["secretKeyRef"]!;
        var made = $"kubectl create secret generic {(string)secretRef["name"]!} --from-literal={(string)secretRef["key"]!}=";
        Assert.Contains(made, await File.ReadAllTextAsync(Path.Combine(Root, "docs", "operations.md")), StringComparison.Ordinal);
        Assert.Contains(made, await File.ReadAllTextAsync(Path.Combine(Root, "deploy", "kubernetes", "base", "kustomization.yaml")), StringComparison.Ordinal);

        // Metrics__Port is the app's Metrics:Port: the port scraped, reachable only from the monitoring namespace, not
        // exposed by the Service.
        var metricsPort = config.GetSection(MetricsOptions.Section).Get<MetricsOptions>()!.Port;
        Assert.Equal(Port(container, "metrics"), metricsPort);
        Assert.Equal(metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)pod["metadata"]!["annotations"]!["prometheus.io/port"]!);
        Assert.Equal("/metrics", (string)pod["metadata"]!["annotations"]!["prometheus.io/path"]!);
        var service = Single(objects, "Service", "readoutapi");
        Assert.Equal(["http"], service["spec"]!["ports"]!.AsArray().Select(p => (string)p!["targetPort"]!));
        // Each replica's journal answers its own change-feed tokens: the Service keeps a client on one replica.
        Assert.Equal("ClientIP", (string)service["spec"]!["sessionAffinity"]!);
        var ingress = Single(objects, "NetworkPolicy", "readoutapi")["spec"]!["ingress"]!.AsArray();
        var metricsRule = Assert.Single(ingress, rule => rule!["ports"]!.AsArray().Any(p => (string)p!["port"]! == "metrics"))!;
        Assert.Equal("monitoring", (string)metricsRule["from"]![0]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!);

        // Non-root, read-only root filesystem, memory bounded; what the app writes is on a writable volume: the change
        // journal at State__Path (the app's State:Path) and /tmp.
        Assert.Equal("true", (string)pod["spec"]!["securityContext"]!["runAsNonRoot"]!);
        Assert.Equal("true", (string)container["securityContext"]!["readOnlyRootFilesystem"]!);
        var statePath = config.GetSection(StateOptions.Section).Get<StateOptions>()!.Path!;
        foreach (var written in new[] { Path.GetDirectoryName(statePath)!, "/tmp" })
        {
            var writable = Assert.Single(container["volumeMounts"]!.AsArray(), m => (string)m!["mountPath"]! == written)!;
            Assert.Null(writable["readOnly"]);
            Assert.NotNull(Assert.Single(pod["spec"]!["volumes"]!.AsArray(), v => (string)v!["name"]! == (string)writable["name"]!)!["emptyDir"]);
        }

        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        Assert.Equal("Deployment", (string)Single(objects, "HorizontalPodAutoscaler", "readoutapi")["spec"]!["scaleTargetRef"]!["kind"]!);
    }

    [SkippableFact]
    public void TheJournalOverlayRunsTheBasePodWithAVolumePerReplicaAtStatePath()
    {
        var objects = Render("deploy/kubernetes/overlays/journal");
        Assert.DoesNotContain(objects, o => (string)o["kind"]! == "Deployment");
        var workload = Single(objects, "StatefulSet", "readoutapi");
        // Only a StatefulSet's fields (the schema validation in CI lets unknown ones through): nothing left of the Deployment.
        string[] statefulSetFields =
        [
            "replicas", "selector", "template", "serviceName", "podManagementPolicy", "updateStrategy", "revisionHistoryLimit",
            "persistentVolumeClaimRetentionPolicy", "volumeClaimTemplates", "minReadySeconds", "ordinals",
        ];
        Assert.Empty(workload["spec"]!.AsObject().Select(f => f.Key).Except(statefulSetFields));
        var pod = workload["spec"]!["template"]!.DeepClone();
        var container = Container(pod);

        // The journal's mount (at State__Path) is the replica's own claim, in place of the base's emptyDir.
        var statePath = (string)Assert.Single(container["env"]!.AsArray(), e => (string)e!["name"]! == $"{StateOptions.Section}__{nameof(StateOptions.Path)}")!["value"]!;
        var mount = Assert.Single(container["volumeMounts"]!.AsArray(), m => (string)m!["mountPath"]! == Path.GetDirectoryName(statePath))!;
        var claim = Assert.Single(workload["spec"]!["volumeClaimTemplates"]!.AsArray())!;
        Assert.Equal((string)claim["metadata"]!["name"]!, (string)mount["name"]!);
        Assert.Equal(["ReadWriteOnce"], claim["spec"]!["accessModes"]!.AsArray().Select(m => (string)m!));
        var volumes = pod["spec"]!["volumes"]!.AsArray();
        Assert.DoesNotContain(volumes, v => (string)v!["name"]! == (string)mount["name"]!);

        // With the emptyDir, the pod is the base Deployment's, so the two cannot drift apart.
        var basePod = Single(Render("deploy/kubernetes/base"), "Deployment", "readoutapi")["spec"]!["template"]!;
        volumes.Add(Assert.Single(basePod["spec"]!["volumes"]!.AsArray(), v => (string)v!["name"]! == (string)mount["name"]!)!.DeepClone());
        Assert.True(JsonNode.DeepEquals(basePod, pod), $"the overlay's pod differs from the base's:\n{pod}\n{basePod}");

        Assert.Equal("StatefulSet", (string)Single(objects, "HorizontalPodAutoscaler", "readoutapi")["spec"]!["scaleTargetRef"]!["kind"]!);
    }

    private static JsonNode Container(JsonNode pod) =>
        Assert.Single(pod["spec"]!["containers"]!.AsArray(), c => (string)c!["name"]! == "readoutapi")!;

    private static Dictionary<string, object?> Env(JsonNode container) =>
        container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!["value"] is { } v ? (object?)(string)v! : e["valueFrom"]);

    private static int Port(JsonNode container, string name) => int.Parse(
        (string)Assert.Single(container["ports"]!.AsArray(), p => (string)p!["name"]! == name)!["containerPort"]!,
        System.Globalization.CultureInfo.InvariantCulture);

    private static JsonNode Single(List<JsonNode> objects, string kind, string name) =>
        Assert.Single(objects, o => (string)o["kind"]! == kind && (string)o["metadata"]!["name"]! == name);

    // kubectl kustomize's output, each object as JSON (every scalar a string, as YAML gives it untyped).
    private static List<JsonNode> Render(string directory)
    {
        // KUBECTL names the kubectl to use: .ci/run gives Debian's (1.20), the oldest the manifests are written for.
        var kubectl = Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } named ? named : "kubectl";
        var start = new ProcessStartInfo(kubectl, ["kustomize", directory])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception) when (Environment.GetEnvironmentVariable("CI") != "true")
        {
            throw new SkipException("kubectl is not installed (apt-get install kubernetes-client); the manifest tests need it.");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "kubectl kustomize did not finish");
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory}: {stderr.Result}");
            var parser = new Parser(new StringReader(stdout.Result));
            var deserializer = new DeserializerBuilder().Build();
            var json = new SerializerBuilder().JsonCompatible().Build();
            parser.Consume<StreamStart>();
            var objects = new List<JsonNode>();
            while (parser.Accept<DocumentStart>(out _))
            {
                objects.Add(JsonNode.Parse(json.Serialize(deserializer.Deserialize(parser)))!);
            }

            return objects;
        }
    }
}
