// Browser helpers of the home-service pages: the device's position for check-in, and file downloads.
export function position() {
  return new Promise(function (resolve) {
    if (!('geolocation' in navigator)) { resolve({ ok: false, error: 'unsupported' }); return; }
    navigator.geolocation.getCurrentPosition(
      function (p) { resolve({ ok: true, latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }); },
      function (e) { resolve({ ok: false, error: e && e.code === 1 ? 'denied' : 'unavailable' }); },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
  });
}

export async function download(fileName, contentType, streamRef) {
  const buffer = await streamRef.arrayBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

export function print() { window.print(); }
