/**
 * The server's clock as this page knows it: each sync carries the server's time, and the
 * difference to the local clock is kept. Tours change cameras at the same moment on every
 * monitor, and ages read right on a PC whose clock is off. (The sync's transit, a few ms,
 * is not corrected for.)
 */
let offsetMs = 0;

export function noteServerTime(serverTime: string, receivedAt = Date.now()): void {
  const server = Date.parse(serverTime);
  if (Number.isFinite(server)) offsetMs = server - receivedAt;
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
