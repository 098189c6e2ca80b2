using System.Diagnostics;

namespace SmartEldercare.Tests.Deployment;

/// <summary>
/// The verdict of <c>tests/run.sh</c> (and <c>.ci/run</c>) itself, on the fixture project tests/fixtures/RunnerCheck: a
/// test that only passes when run again fails a CI run with its name, a hung test fails with its name, SKIP_E2E is refused
/// under CI, and <c>.ci/run</c> is CI even when the caller did not say so.
/// </summary>
public sealed class TestRunnerTests : IDisposable
{
    private const string Fixture = "tests/fixtures/RunnerCheck/RunnerCheck.csproj";
    private const string FlakyTest = "RunnerCheck.RunnerCheckTests.Fails_once_then_passes";
    private readonly string work = Directory.CreateTempSubdirectory("runner-check-").FullName;

    [Fact]
    public async Task Under_CI_a_test_that_passes_only_when_run_again_fails_the_run_with_its_name()
    {
        var run = await RunAsync("tests/run.sh", "flaky", ("CI", "true"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FLAKY " + FlakyTest, run.Output, StringComparison.Ordinal);
        Assert.Contains("FAILED " + FlakyTest, run.Output, StringComparison.Ordinal);
        Assert.Equal(["Flaky: 1", "Tests: 2 passed, 1 failed, 0 skipped"], run.LastLines(2));
    }

    [Fact]
    public async Task CI_set_to_1_is_CI_too()
    {
        var run = await RunAsync("tests/run.sh", "flaky", ("CI", "1"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Tests: 2 passed, 1 failed, 0 skipped", run.LastLines(1)[0]);
    }

    [Fact]
    public async Task Outside_CI_a_flaky_test_is_named_and_counted_as_passed()
    {
        var run = await RunAsync("tests/run.sh", "flaky", ("CI", ""));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("FLAKY " + FlakyTest, run.Output, StringComparison.Ordinal);
        Assert.Equal(["Flaky: 1", "Tests: 3 passed, 0 failed, 0 skipped"], run.LastLines(2));
    }

    [Fact]
    public async Task The_CI_entry_point_is_CI_without_being_told()
    {
        var run = await RunAsync(".ci/run", "flaky", ("CI", ""));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Tests: 2 passed, 1 failed, 0 skipped", run.LastLines(1)[0]);
    }

    [Fact]
    public async Task A_test_that_never_returns_fails_the_run_with_its_name_at_the_hang_limit()
    {
        var run = await RunAsync("tests/run.sh", "hang", ("CI", "true"), ("HANG_LIMIT", "10s"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("HUNG RunnerCheck: RunnerCheck.RunnerCheckTests.Never_returns", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"^Tests: \d+ passed, [1-9]\d* failed, 0 skipped$", run.LastLines(1)[0]);
    }

    [Fact]
    public async Task SKIP_E2E_is_refused_under_CI()
    {
        var run = await RunAsync("tests/run.sh", "flaky", ("CI", "true"), ("SKIP_E2E", "1"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SKIP_E2E=1 is refused under CI", run.Output, StringComparison.Ordinal);
        Assert.Equal("Tests: 0 passed, 1 failed, 0 skipped", run.LastLines(1)[0]);
    }

    private async Task<Run> RunAsync(string script, string mode, params (string Name, string Value)[] environment)
    {
        var state = Directory.CreateDirectory(Path.Combine(work, Guid.NewGuid().ToString("N"))).FullName;
        var start = new ProcessStartInfo("bash", [script])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TEST_PROJECT"] = Fixture;
        start.Environment["TEST_RESULTS_DIR"] = Path.Combine(state, "results");
        start.Environment["RUNNER_CHECK_MODE"] = mode;
        start.Environment["RUNNER_CHECK_STATE"] = state;
        start.Environment.Remove("SKIP_E2E");
        start.Environment.Remove("HANG_LIMIT");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Run(process.ExitCode, await stdout + await stderr, await stdout);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private sealed record Run(int ExitCode, string Output, string StandardOutput)
    {
        public string[] LastLines(int count) =>
            StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^count..];
    }
}
