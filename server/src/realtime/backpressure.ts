import type { Server } from 'socket.io';

/**
 * What one connection may have waiting to be sent before the server stops feeding it. A screen
 * on a LAN drains megabytes in a fraction of a second; a client that does not read (a frozen
 * tab, a phone that lost its radio without a FIN, an attacker) would otherwise keep every event
 * and video segment alive in memory for as long as it stays connected.
 */
export interface BacklogLimits {
  /** Past this many bytes the connection is "backed up": video answers wait until it is not. */
  softBytes: number;
  /**
   * Past this many bytes of events and frames, or packets, queued behind the batch in flight, the
   * connection is closed; the client reconnects and resumes from its lastSeq. Binary answers (video)
   * are held back by `whenClear` instead, so they do not count here.
   */
  hardBytes: number;
  hardPackets: number;
  /** A connection whose transport has not accepted a write for this long while data waits is closed too. */
  stallMs: number;
  /**
   * What all connections together may hold, the batches in flight included (each socket's own
   * snapshot is its own copy). Over it, the connections that made no progress since the last
   * sweep are closed, largest backlog first, until the rest fit.
   */
  totalBytes: number;
}

export const DEFAULT_BACKLOG_LIMITS: BacklogLimits = {
  softBytes: 4 * 1024 * 1024,
  hardBytes: 16 * 1024 * 1024,
  hardPackets: 2_000,
  stallMs: 15_000,
  // Counted as bytes not yet sent; measured, a connection stuck on one large message (its own
  // snapshot) holds about five times that in the process (the encoded strings and buffers).
  totalBytes: 64 * 1024 * 1024,
};

/** How often every connection's backlog is looked at (on top of the check at each packet). */
const SWEEP_MS = 1_000;
/** How often a waiting answer looks again. */
const CLEAR_POLL_MS = 20;

interface EnginePacket {
  type: string;
  data?: unknown;
}

/** The parts of an engine.io connection this reads: engine.io exposes no backlog of its own (engine.io#420). */
interface EngineConnection {
  id: string;
  readyState: string;
  writeBuffer: EnginePacket[];
  transport: { name: string; writable: boolean; socket?: { bufferedAmount?: number; terminate?: () => void } };
  on(event: 'packetCreate', listener: (packet: EnginePacket) => void): void;
  on(event: 'flush' | 'close', listener: () => void): void;
  close(discard?: boolean): void;
}

export interface Backlog {
  bytes: number;
  packets: number;
}

interface Tracked {
  conn: EngineConnection;
  /** `bufferedAmount` at the last sweep: falling means the peer is reading. */
  lastBuffered: number;
  /** Bytes of the packets in the engine's writeBuffer (created since the last flush to the transport). */
  queuedBytes: number;
  /** The text part of them: events and frames, what the hard byte limit is about. */
  queuedTextBytes: number;
  stalledSince: number | null;
  closing: boolean;
}

function sizeOf(packet: EnginePacket): number {
  const data = packet.data;
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

export type ShedReason = 'backlog bytes' | 'backlog packets' | 'stalled' | 'server backlog';

/**
 * Bounds every connection's send backlog. engine.io keeps packets in its writeBuffer while the
 * transport is still busy with the previous batch, and a WebSocket keeps what the kernel has not
 * taken (`bufferedAmount`); neither has a limit of its own (engine.io#420).
 *
 * - Backed up (queued + in the WebSocket > softBytes): large answers the client asked for (video
 *   segments) wait in `whenClear` until it is not. Volatile packets (the positions lane) socket.io
 *   already drops while the transport is busy, which it is whenever anything is queued.
 * - Over the hard limit — more than hardBytes or hardPackets queued *behind* the batch in flight —
 *   the connection is cut at once: a disconnect packet would wait behind the very backlog it is
 *   about. The client's ordinary reconnect resumes from its lastSeq, so it loses nothing of the
 *   log. The batch in flight is not counted, so one large message (a catch-up `sync` after a long
 *   absence) can still reach a client that reads it.
 * - Stalled: data waiting and no progress (no flush, `bufferedAmount` not falling) for stallMs.
 * - All together over totalBytes: the connections making no progress go first, largest first.
 *
 * So a connection holds at most one batch in flight plus hardBytes, and the server about totalBytes.
 */
export class BacklogGuard {
  private readonly tracked = new Map<object, Tracked>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    io: Server,
    private readonly limits: BacklogLimits,
    private readonly onShed: (info: { id: string; reason: ShedReason; backlog: Backlog }) => void,
    private readonly now: () => number = Date.now,
  ) {
    io.engine.on('connection', (raw: unknown) => this.watch(raw as EngineConnection));
    this.timer = setInterval(() => this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  /** The backlog of the connection a socket rides on (both namespaces share it). */
  backlog(socket: { conn: object }): Backlog {
    const tracked = this.tracked.get(socket.conn);
    return tracked ? this.measure(tracked) : { bytes: 0, packets: 0 };
  }

  /**
   * Resolves true once the connection's backlog is under the soft limit, false if it is still
   * over after `timeoutMs` or the connection closed. For answers that are large and the
   * client's own asking (video segments): they wait here, one answer each, not in the queue.
   */
  async whenClear(socket: { conn: object }, timeoutMs: number): Promise<boolean> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      const tracked = this.tracked.get(socket.conn);
      if (!tracked || tracked.closing) return false;
      if (this.measure(tracked).bytes <= this.limits.softBytes) return true;
      if (this.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, CLEAR_POLL_MS));
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.tracked.clear();
  }

  private watch(conn: EngineConnection): void {
    const tracked: Tracked = { conn, lastBuffered: 0, queuedBytes: 0, queuedTextBytes: 0, stalledSince: null, closing: false };
    this.tracked.set(conn, tracked);
    conn.on('packetCreate', (packet) => {
      // Straight to an idle transport: it becomes the batch in flight, not a backlog.
      if (conn.transport.writable && conn.writeBuffer.length === 0) return;
      const size = sizeOf(packet);
      tracked.queuedBytes += size;
      if (typeof packet.data === 'string') tracked.queuedTextBytes += size;
      this.check(tracked);
    });
    // The transport took the queue, so it had finished the previous batch: the peer is reading.
    conn.on('flush', () => {
      tracked.queuedBytes = 0;
      tracked.queuedTextBytes = 0;
      tracked.stalledSince = null;
    });
    conn.on('close', () => {
      this.tracked.delete(conn);
    });
  }

  private measure(tracked: Tracked): Backlog {
    const { conn } = tracked;
    const inTransport = conn.transport.socket?.bufferedAmount ?? 0;
    return { bytes: tracked.queuedBytes + inTransport, packets: conn.writeBuffer.length };
  }

  /** Only what waits behind the batch in flight counts against the hard limits. */
  private check(tracked: Tracked): void {
    if (tracked.closing) return;
    if (tracked.queuedTextBytes > this.limits.hardBytes) this.shed(tracked, 'backlog bytes', this.measure(tracked));
    else if (tracked.conn.writeBuffer.length >= this.limits.hardPackets) this.shed(tracked, 'backlog packets', this.measure(tracked));
  }

  private sweep(): void {
    const now = this.now();
    const stuck: { tracked: Tracked; bytes: number }[] = [];
    let total = 0;
    for (const tracked of this.tracked.values()) {
      const bytes = this.measure(tracked).bytes;
      total += bytes;
      const buffered = tracked.conn.transport.socket?.bufferedAmount ?? 0;
      if (bytes > 0 && buffered >= tracked.lastBuffered && tracked.stalledSince !== null) stuck.push({ tracked, bytes });
    }
    if (total > this.limits.totalBytes) {
      for (const { tracked, bytes } of stuck.sort((a, b) => b.bytes - a.bytes)) {
        if (total <= this.limits.totalBytes) break;
        this.shed(tracked, 'server backlog', this.measure(tracked));
        total -= bytes;
      }
    }
    for (const tracked of this.tracked.values()) {
      const { conn } = tracked;
      const buffered = conn.transport.socket?.bufferedAmount ?? 0;
      const waiting = conn.writeBuffer.length > 0 || buffered > 0;
      if (!waiting || buffered < tracked.lastBuffered) tracked.stalledSince = null;
      else tracked.stalledSince ??= now;
      tracked.lastBuffered = buffered;
      if (tracked.stalledSince !== null && now - tracked.stalledSince > this.limits.stallMs) {
        this.shed(tracked, 'stalled', this.measure(tracked));
      } else {
        this.check(tracked);
      }
    }
  }

  private shed(tracked: Tracked, reason: ShedReason, backlog: Backlog): void {
    if (tracked.closing) return;
    tracked.closing = true;
    this.onShed({ id: tracked.conn.id, reason, backlog });
    const { conn } = tracked;
    // Let go of what is queued now, not after a close handshake the peer will never read.
    conn.writeBuffer.length = 0;
    tracked.queuedBytes = 0;
    tracked.queuedTextBytes = 0;
    const terminate = conn.transport.socket?.terminate;
    if (conn.transport.name === 'websocket' && terminate) terminate.call(conn.transport.socket);
    else conn.close(true);
  }
}
