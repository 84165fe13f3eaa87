/**
 * What the alarm bench (alarms.bench.ts, the server side) and its client process
 * (alarms.clients.ts, the screens and the sender) share: the clock, the message tags, and the
 * messages they exchange over the IPC channel.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { DomainEvent } from '@vigil/shared';

/**
 * Milliseconds on the host's monotonic clock (CLOCK_MONOTONIC, read through libuv). Every process
 * and thread on the machine reads the same clock, so times taken by the server process and the
 * client process can be subtracted. (`performance.now()` has a per-thread origin, and
 * `performance.timeOrigin` is a wall-clock sample taken when each process starts.)
 */
export function clock(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export type PhaseName = 'warm' | 'run';
export const PHASES: readonly PhaseName[] = ['warm', 'run'];

export function phaseKey(phase: PhaseName, index: number): string {
  return `${phase}:${index}`;
}

/** The phase and index of a tag made by `phaseKey`, if `totals` says it is in range. */
export function parseKey(key: string, totals: Readonly<Record<PhaseName, number>>): { phase: PhaseName; index: number } | undefined {
  const [name, raw] = key.split(':');
  const phase = PHASES.find((candidate) => candidate === name);
  const index = Number(raw);
  return phase !== undefined && Number.isInteger(index) && index >= 0 && index < totals[phase] ? { phase, index } : undefined;
}

export const MESSAGE_PREFIX = 'Bench alarm ';

/** The bench tag of an `alarm.raised` event raised by the bench; undefined for any other event. */
export function keyOfEvent(data: unknown): string | undefined {
  const event = data as Partial<DomainEvent> | undefined;
  if (event?.type !== 'alarm.raised' || !event.payload || !('alarm' in event.payload)) return undefined;
  const message = event.payload.alarm.message;
  return message.startsWith(MESSAGE_PREFIX) ? message.slice(MESSAGE_PREFIX.length) : undefined;
}

// ---- Bare Socket.IO baseline events ------------------------------------------------------------

export interface Tick { key: string; event: DomainEvent | null }
export interface BareServerEvents { tick: (tick: Tick) => void }
export interface BareClientEvents { trigger: (tick: Tick) => void }

// ---- Parent ⇄ client process -------------------------------------------------------------------

interface CommonConfig {
  url: string;
  clients: number;
  /** Messages per second, by the clock, not back-to-back. */
  rate: number;
  totals: Record<PhaseName, number>;
  connectTimeoutMs: number;
  drainTimeoutMs: number;
}

/** Handed to the client process as its one command-line argument (JSON). */
export type ClientsConfig =
  | (CommonConfig & { target: 'vigil'; cookie: string; ingestKey: string })
  | (CommonConfig & { target: 'bare'; sample: DomainEvent | null });

/** One timed burst, as the client process saw it; every time is `clock()`. */
export interface PhaseRecord {
  phase: PhaseName;
  total: number;
  clients: number;
  /** Just before message i was POSTed / emitted (NaN if never). */
  sentAt: Float64Array;
  /** [i * clients + c]: when client c first received message i (NaN if never). */
  receivedAt: Float64Array;
  /** POST round trips (Vigil only). */
  responses: number[];
  /** How late each send left, behind its slot in the schedule. */
  sendLag: number[];
  failures: number;
  firstFailure: string;
}

/** What one process used between two instants. */
export interface Usage {
  /** Event-loop utilisation, 0..1. */
  eventLoop: number;
  /** CPU time (user + system, all threads of the process) per wall-clock time, 1 = one core. */
  cpu: number;
}

export interface UsageMark { at: number; eventLoop: EventLoopUtilization; cpu: NodeJS.CpuUsage }

export function markUsage(): UsageMark {
  return { at: clock(), eventLoop: performance.eventLoopUtilization(), cpu: process.cpuUsage() };
}

export function usageSince(mark: UsageMark): Usage {
  const cpu = process.cpuUsage(mark.cpu);
  const wallMs = Math.max(1e-9, clock() - mark.at);
  return { eventLoop: performance.eventLoopUtilization(mark.eventLoop).utilization, cpu: (cpu.user + cpu.system) / 1000 / wallMs };
}

export type ParentMessage = { type: 'go' } | { type: 'close' };

export type ChildMessage =
  | { type: 'warmed'; memory: NodeJS.MemoryUsage }
  | { type: 'done'; warm: PhaseRecord; run: PhaseRecord; sample: DomainEvent | null; memory: NodeJS.MemoryUsage; usage: Usage }
  | { type: 'failed'; message: string };

export function isMessage<T extends { type: string }>(value: unknown): value is T {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
