// Listening TCP sockets from Linux's /proc/net/tcp and /proc/net/tcp6 (the kernel's socket tables:
// no connection is made). Each line after the header is one socket: `sl local_address
// rem_address st ...`, the addresses as hex `ADDR:PORT` with the address in the kernel's byte
// order (32-bit little-endian words) and `st` 0A meaning LISTEN.

export interface Listener {
  port: number;
  /** The local address it listens on: `0.0.0.0`, `127.0.0.1`, `::`, `::1`, ... */
  address: string;
  family: 4 | 6;
}

const LISTEN = '0A';

export function parseProcNetTcp(text: string, family: 4 | 6): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || fields[3].toUpperCase() !== LISTEN) continue;
    const m = /^([0-9A-Fa-f]+):([0-9A-Fa-f]{4})$/.exec(fields[1]);
    if (!m) continue;
    const address = family === 4 ? ipv4(m[1]) : ipv6(m[1]);
    if (address === undefined) continue;
    out.push({ port: parseInt(m[2], 16), address, family });
  }
  return out;
}

/** `0100007F` → `127.0.0.1`. */
function ipv4(hex: string): string | undefined {
  if (hex.length !== 8) return undefined;
  return littleEndianWord(hex).join('.');
}

/** Four little-endian words → `::1`, `::`, `fe80::1`, `::ffff:127.0.0.1` style (zeros compressed). */
function ipv6(hex: string): string | undefined {
  if (hex.length !== 32) return undefined;
  const bytes = [0, 8, 16, 24].flatMap((i) => littleEndianWord(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // The longest run of zero groups (two or more) becomes `::`.
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const text = groups.map((g) => g.toString(16));
  if (best.len < 2) return text.join(':');
  return `${text.slice(0, best.at).join(':')}::${text.slice(best.at + best.len).join(':')}`;
}

function littleEndianWord(hex: string): number[] {
  const bytes = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return bytes.reverse();
}
