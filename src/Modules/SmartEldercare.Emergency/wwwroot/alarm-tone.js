// An audible tone for unacknowledged critical alarms. Browsers may keep audio muted until the page was touched
// once; the red highlight and the tone indicator show regardless.
let context = null;
let timer = null;

function beep() {
  if (!context) {
    return;
  }
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.2, context.currentTime);
  oscillator.connect(gain);
  gain.connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.35);
}

export function start() {
  if (timer) {
    return;
  }
  try {
    context = context || new (window.AudioContext || window.webkitAudioContext)();
    document.addEventListener('pointerdown', () => context && context.resume(), { once: true });
  } catch {
    context = null;
  }
  beep();
  timer = setInterval(beep, 1500);
}

export function stop() {
  if (timer) {
    clearInterval(timer);
    timer = null;
  }
}
