// Which ports are listening on this machine now. On Linux the kernel's socket tables
// (/proc/net/tcp, /proc/net/tcp6) give every listening port at once and no connection is made;
// elsewhere (or when /proc cannot be read) each candidate port gets a short TCP connect to
// 127.0.0.1. Answers are cached briefly, so a hover and a tree refresh share one look.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { parseProcNetTcp } from '../core/live/procNet';

export interface Listening {
  ports: Set<number>;
  /** 'proc': every listening port; 'connect': only the candidates asked about were probed. */
  method: 'proc' | 'connect';
}

export interface LiveStatusOptions {
  platform?: NodeJS.Platform;
  readFile?: (path: string) => string;
  /** Resolves true when something accepts a TCP connection on 127.0.0.1:port. */
  probe?: (port: number) => Promise<boolean>;
  cacheMs?: number;
}

const MAX_PROBES = 1024;
const CONCURRENCY = 64;
const CONNECT_TIMEOUT_MS = 250;

export class LiveStatus {
  private readonly platform: NodeJS.Platform;
  private readonly readFile: (path: string) => string;
  private readonly probe: (port: number) => Promise<boolean>;
  private readonly cacheMs: number;
  private proc: { at: number; ports: Set<number> } | undefined;
  private readonly probed = new Map<number, { at: number; open: boolean }>();

  constructor(options: LiveStatusOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.readFile = options.readFile ?? ((p) => fs.readFileSync(p, 'utf8'));
    this.probe = options.probe ?? connectProbe;
    this.cacheMs = options.cacheMs ?? 2000;
  }

  /** The listening ports among `candidates` (with /proc: every listening port). */
  async listening(candidates: Iterable<number>): Promise<Listening> {
    const fromProc = this.fromProc();
    if (fromProc) return { ports: fromProc, method: 'proc' };
    const now = Date.now();
    const wanted = [...new Set(candidates)].filter((p) => p >= 1 && p <= 65535).slice(0, MAX_PROBES);
    const stale = wanted.filter((p) => { const c = this.probed.get(p); return !c || now - c.at > this.cacheMs; });
    for (let i = 0; i < stale.length; i += CONCURRENCY) {
      const batch = stale.slice(i, i + CONCURRENCY);
      const results = await Promise.all(batch.map((p) => this.probe(p).catch(() => false)));
      batch.forEach((p, k) => this.probed.set(p, { at: Date.now(), open: results[k] }));
    }
    return { ports: new Set(wanted.filter((p) => this.probed.get(p)?.open)), method: 'connect' };
  }

  private fromProc(): Set<number> | undefined {
    if (this.platform !== 'linux') return undefined;
    if (this.proc && Date.now() - this.proc.at <= this.cacheMs) return this.proc.ports;
    try {
      const ports = new Set<number>();
      for (const [file, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
        let text: string;
        try {
          text = this.readFile(file);
        } catch (err) {
          // A kernel without IPv6 has no tcp6 table; without tcp, /proc is not usable at all.
          if (family === 6) continue;
          throw err;
        }
        for (const l of parseProcNetTcp(text, family)) ports.add(l.port);
      }
      this.proc = { at: Date.now(), ports };
      return ports;
    } catch {
      return undefined;
    }
  }
}

function connectProbe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
