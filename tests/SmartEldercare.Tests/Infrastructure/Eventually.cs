namespace SmartEldercare.Tests.Infrastructure;

/// <summary>A bounded poll for a real asynchronous event (network, another instance, a timer), not a timed sleep standing in for one.</summary>
public static class Eventually
{
    public static async Task Until(Func<bool> condition, string what, int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            Assert.True(await tick.WaitForNextTickAsync(timeout.Token).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default), $"timed out waiting for {what}");
        }
    }
}
