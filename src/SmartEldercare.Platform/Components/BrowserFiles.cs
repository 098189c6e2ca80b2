using Microsoft.JSInterop;

namespace SmartEldercare.Platform.Components;

/// <summary>Downloads and printing from a page, through one script for every module (<c>_content/SmartEldercare.Platform/files.js</c>).</summary>
public sealed class BrowserFiles(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    /// <summary>Hands <paramref name="content"/> to the browser as a file download named <paramref name="fileName"/>.</summary>
    public async Task DownloadAsync(string fileName, string contentType, byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var reference = new DotNetStreamReference(stream);
        await (await ModuleAsync()).InvokeVoidAsync("download", fileName, contentType, reference);
    }

    /// <summary>Opens the browser's print dialog for the page.</summary>
    public async Task PrintAsync() => await (await ModuleAsync()).InvokeVoidAsync("print");

    private async ValueTask<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./_content/SmartEldercare.Platform/files.js");

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
