using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SmartEldercare.Tests.Deployment;

/// <summary>
/// What an operator relies on in deploy/ without running it (this machine has no container engine or cluster API):
/// the compose files and Kubernetes manifests parse, and carry the production settings docs/operations.md promises.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = RepositoryRoot.Path;

    private static Dictionary<object, object> Map(object? node) => Assert.IsType<Dictionary<object, object>>(node);

    private static object? At(object? node, params string[] path)
    {
        foreach (var key in path)
        {
            var map = Map(node);
            Assert.True(map.TryGetValue(key, out node), $"missing '{key}' (path {string.Join('.', path)})");
        }

        return node;
    }

    /// <summary>One YAML document, with merge keys (<c>&lt;&lt;: *app</c>) resolved as docker compose does.</summary>
    private static object Compose(string file)
    {
        using var reader = File.OpenText(Path.Combine(Root, "deploy", "compose", file));
        return new DeserializerBuilder().Build().Deserialize<object>(new MergingParser(new Parser(reader)))!;
    }

    private static List<Dictionary<object, object>> Manifests()
    {
        var documents = new List<Dictionary<object, object>>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml"))
        {
            using var reader = File.OpenText(file);
            var parser = new Parser(reader);
            parser.Consume<YamlDotNet.Core.Events.StreamStart>();
            var deserializer = new DeserializerBuilder().Build();
            while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            {
                if (deserializer.Deserialize<object>(parser) is Dictionary<object, object> document)
                {
                    documents.Add(document);
                }
            }
        }

        return documents;
    }

    [Theory]
    [InlineData("docker-compose.postgres.yml", "PostgreSql", "postgres")]
    [InlineData("docker-compose.sqlserver.yml", "SqlServer", "sqlserver")]
    public void The_compose_files_run_two_instances_behind_nginx_with_redis_and_production_settings(string file, string provider, string database)
    {
        var services = Map(At(Compose(file), "services"));
        foreach (var name in new[] { "app-1", "app-2", "nginx", "redis", database, "migrate" })
        {
            Assert.True(services.ContainsKey(name), $"{file}: service {name}");
        }

        foreach (var app in new[] { "app-1", "app-2", "migrate" })
        {
            var env = Map(At(services[app], "environment"));
            Assert.Equal(provider, env["Database__Provider"]);
            Assert.Equal("false", env["Seed__Demo"]);
            Assert.Equal("false", env["Database__MigrateOnStartup"]);
            Assert.Equal("Production", env["ASPNETCORE_ENVIRONMENT"]);
            Assert.Contains("abortConnect=false", (string)env["Live__Redis"], StringComparison.Ordinal);
            Assert.StartsWith("${", (string)env["Metrics__ScrapeToken"], StringComparison.Ordinal); // a secret from .env, not in the file
        }

        Assert.Contains("/health", string.Join(' ', (List<object>)At(services["app-1"], "healthcheck", "test")!), StringComparison.Ordinal);
        var nginxDepends = Map(At(services["nginx"], "depends_on"));
        Assert.Equal("service_healthy", At(nginxDepends["app-1"], "condition"));
        Assert.Equal("service_healthy", At(nginxDepends["app-2"], "condition"));
        var nginxConf = ((List<object>)At(services["nginx"], "volumes")!).Cast<string>().Single(v => v.EndsWith("default.conf:ro", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Root, "deploy", "compose", nginxConf.Split(':')[0]))), nginxConf);
    }

    [Fact]
    public void The_nginx_configuration_keeps_a_browser_on_its_instance_and_passes_websockets()
    {
        var conf = File.ReadAllText(Path.Combine(Root, "deploy", "nginx", "eldercare.conf"));
        Assert.Contains("hash $eldercare_route consistent", conf, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade", conf, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto", conf, StringComparison.Ordinal);
        Assert.Contains("location = /metrics", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kubernetes_deployment_probes_readiness_and_liveness_runs_non_root_and_the_ingress_keeps_affinity()
    {
        var manifests = Manifests();
        var deployment = Assert.Single(manifests, m => (string)m["kind"] == "Deployment");
        Assert.True(int.Parse((string)At(deployment, "spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var pod = At(deployment, "spec", "template", "spec");
        Assert.Equal("true", At(pod, "securityContext", "runAsNonRoot"));
        var container = Map(((List<object>)At(pod, "containers")!)[0]);
        Assert.Equal("/health", At(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/alive", At(container, "livenessProbe", "httpGet", "path"));
        var sources = ((List<object>)container["envFrom"]).Select(Map).SelectMany(m => m.Keys.Cast<string>()).ToList();
        Assert.Contains("configMapRef", sources);
        Assert.Contains("secretRef", sources);

        var ingress = Assert.Single(manifests, m => (string)m["kind"] == "Ingress");
        Assert.Equal("cookie", Map(At(ingress, "metadata", "annotations"))["nginx.ingress.kubernetes.io/affinity"]);
        var config = Map(At(Assert.Single(manifests, m => (string)m["kind"] == "ConfigMap"), "data"));
        Assert.Equal("false", config["Seed__Demo"]);
        Assert.Equal("false", config["Database__MigrateOnStartup"]);
        Assert.Contains(manifests, m => (string)m["kind"] == "CronJob"); // nightly backup
        Assert.Contains(manifests, m => (string)m["kind"] == "Job"); // migrations once per release
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_with_a_health_check()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "deploy", "Dockerfile"));
        var runtime = dockerfile[dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", runtime, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", runtime, StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK", runtime, StringComparison.Ordinal);
        Assert.Contains("/alive", runtime, StringComparison.Ordinal);
    }
}
