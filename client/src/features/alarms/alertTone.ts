import { priorityBand, type PriorityBand } from '@vigil/shared';
import { isReplaying } from '../../lib/screenClock';
import { useSound } from './soundStore';
import { startsTone } from './stormTone';
import { toneMutedNow } from './toneMuteStore';

/** One note of an alert: pitch, start and length in seconds, loudness 0..1. */
interface Note {
  hz: number;
  at: number;
  length: number;
  gain: number;
}

/** A two-tone "dee-daa"; louder, longer and repeated for the more urgent bands. */
function pattern(band: PriorityBand): Note[] {
  const twoTone = (at: number, high: number, low: number, gain: number, length = 0.18): Note[] => [
    { hz: high, at, length, gain },
    { hz: low, at: at + length + 0.03, length, gain },
  ];
  switch (band) {
    case 'critical':
      return [0, 0.45, 0.9, 1.6, 2.05, 2.5].flatMap((at) => twoTone(at, 988, 740, 0.7));
    case 'high':
      return [0, 0.5].flatMap((at) => twoTone(at, 880, 660, 0.45));
    case 'medium':
      return twoTone(0, 784, 587, 0.3, 0.16);
    case 'low':
      return [{ hz: 660, at: 0, length: 0.2, gain: 0.2 }];
  }
}

let context: AudioContext | null = null;

function publishState(): void {
  const state = context?.state;
  useSound.setState({ state: context === null ? 'unsupported' : state === 'running' ? 'running' : 'suspended' });
}

/** The page's one AudioContext, made on first use; its state drives the "enable sound" button. */
export function audioContext(): AudioContext | null {
  if (context) return context;
  if (typeof AudioContext === 'undefined') {
    publishState();
    return null;
  }
  context = new AudioContext();
  context.addEventListener('statechange', publishState);
  publishState();
  return context;
}

/** Resumes sound after a click (browsers allow it only from a user gesture). */
export async function enableSound(): Promise<void> {
  await audioContext()?.resume();
  publishState();
}

function playNote(audio: AudioContext, destination: AudioNode, note: Note, start: number): void {
  const oscillator = audio.createOscillator();
  const envelope = audio.createGain();
  oscillator.type = 'square';
  oscillator.frequency.value = note.hz;
  const begin = start + note.at;
  const end = begin + note.length;
  envelope.gain.setValueAtTime(0.0001, begin);
  envelope.gain.exponentialRampToValueAtTime(note.gain, begin + 0.015);
  envelope.gain.setValueAtTime(note.gain, end - 0.03);
  envelope.gain.exponentialRampToValueAtTime(0.0001, end);
  oscillator.connect(envelope).connect(destination);
  oscillator.start(begin);
  oscillator.stop(end + 0.01);
}

export function playAlert(band: PriorityBand): void {
  const audio = audioContext();
  if (!audio || audio.state !== 'running') return;
  // Square waves are harsh at full scale: a master gain keeps the loudest band below clipping.
  const master = audio.createGain();
  master.gain.value = 0.35;
  master.connect(audio.destination);
  const start = audio.currentTime + 0.02;
  for (const note of pattern(band)) playNote(audio, master, note, start);
}

/**
 * One alert for a batch of new alarms, as urgent as the most urgent of them.
 *
 * While the operator has muted the tone, a new alarm of the critical band still sounds, once: a
 * mute is taken against the repeats of alarms already on screen, and a fire or an SOS raised
 * during those minutes must not arrive in silence. Everything below critical stays quiet.
 */
export function playAlertFor(priorities: readonly number[], now = Date.now()): void {
  if (isReplaying()) return;
  const audible = toneMutedNow() ? priorities.filter((priority) => priorityBand(priority) === 'critical') : priorities;
  if (audible.length === 0) return;
  const band = priorityBand(Math.min(...audible));
  if (!startsTone(band, now, lastAlert)) return;
  lastAlert = { band, at: now };
  playAlert(band);
}

/** The last alert tone started, so that alarms arriving faster than it plays make one tone (see startsTone). */
let lastAlert: { band: PriorityBand; at: number } | null = null;

/** The repeat of alarms still waiting for someone: silent while the tone is muted. */
export function playReminderFor(priorities: readonly number[]): void {
  // A replay sounds nothing: its alarms are history, and the room may be on duty.
  if (priorities.length === 0 || toneMutedNow() || isReplaying()) return;
  playAlert(priorityBand(Math.min(...priorities)));
}
