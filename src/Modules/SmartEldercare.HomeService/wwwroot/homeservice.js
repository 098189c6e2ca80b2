// Browser helper of the home-service pages: the device's position for check-in.
export function position() {
  return new Promise(function (resolve) {
    if (!('geolocation' in navigator)) { resolve({ ok: false, error: 'unsupported' }); return; }
    navigator.geolocation.getCurrentPosition(
      function (p) { resolve({ ok: true, latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }); },
      function (e) { resolve({ ok: false, error: e && e.code === 1 ? 'denied' : 'unavailable' }); },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
  });
}
