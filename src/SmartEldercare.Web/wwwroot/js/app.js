// Browser-side helpers of the platform. Sign-in posts here because a Blazor circuit cannot set cookies.
window.eldercare = {
  post: async function (url, body) {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Eldercare-Request': '1' },
      body: body === undefined || body === null ? null : JSON.stringify(body)
    });
    let title = null;
    if (!response.ok) {
      try { title = (await response.json()).title ?? null; } catch { title = null; }
    }
    return { status: response.status, title: title };
  }
};

// The reconnect banner's reload links (no inline handlers: the content security policy forbids them).
document.addEventListener('click', function (e) {
  const link = e.target instanceof Element ? e.target.closest('.reload-page') : null;
  if (link) { e.preventDefault(); location.reload(); }
});
