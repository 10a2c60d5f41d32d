// What a table row's Host, Exposed and Type cells say about its port, besides the port itself:
// whether anything publishes it (`-`, `no`), the machine it runs on (`nas`), the scheme it speaks
// (`HTTPS`) or its transport (`UDP`).
import { cleanName, roleFromWords, serviceKey } from '../../syntax/names';
import type { Cell } from './cells';

/** `| Service | Host | Port |` with `localhost` or `-`, `| Exposed |` with yes or no: whether the row's port is published at all. */
export const EXPOSURE_HEADER = /^(?:host|exposed|published|public|bind|exposed to host|published on host)$/i;
// What such a column says of a port nothing publishes.
const NOT_PUBLISHED = /^(?:-|—|–|no|none|n\/a|internal|container|false|not published|unpublished|✗|❌)$/i;

/** `| Port | Service | Type |` with HTTPS or gRPC: how each row's port is reached. */
export const SCHEME_HEADER = /^(?:type|protocols?|proto|schemes?)$/i;
const SCHEME_CELL = /^(?:https?|grpc|wss?|websocket|tls|ssl)$/i;

// A machine's name in a Host column (`nas`, `pi 4`): not this machine, a marker, or a domain.
const MACHINE_CELL = /^[\p{L}][\p{L}\p{N}_-]*(?: [\p{L}\p{N}_-]+){0,2}$/u;
const NOT_A_MACHINE = /^(?:localhost|yes|no|none|all|any|both|host|internal|external|container|docker|n\/a)$/i;
// Its name on the network or its address (`plug-a.lan`, `192.168.1.20`): a device of its own, or
// a virtual host a proxy tells apart; not this machine.
const NETWORK_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_-]*(?:\.[\p{L}\p{N}_-]+)+$/u;
const LOOPBACK = /^(?:localhost\.localdomain|127(?:\.\d{1,3}){3}|0\.0\.0\.0)$/i;

/** A Host or Exposed cell that says nothing publishes the row's port (`-`, `no`): a port inside its container, named only. */
export function unpublished(cell: Cell | undefined): boolean {
  return NOT_PUBLISHED.test((cell?.text ?? '').replace(/[*_`]/g, '').trim());
}

/** The machine a Host (Machine, Node, Server) cell names or gives the address of, as a host key. */
export function machineOf(cell: Cell | undefined): string | undefined {
  const written = cleanName(cell?.text ?? '');
  const machine = (MACHINE_CELL.test(written) && !NOT_A_MACHINE.test(written)) || (NETWORK_NAME.test(written) && !LOOPBACK.test(written));
  return machine ? serviceKey(written) || undefined : undefined;
}

/** The role a Type or Protocol cell names when it is one scheme (`HTTPS` → https); not `TCP`, `UDP` or a category. */
export function schemeOf(cell: Cell | undefined): string | undefined {
  const written = cleanName(cell?.text ?? '');
  return SCHEME_CELL.test(written) ? roleFromWords(written) ?? written.toLowerCase() : undefined;
}

// A Protocol cell that says the port is UDP alone (`UDP`, `udp only`); `TCP + UDP` keeps TCP's.
const UDP_CELL = /^udp(?: only)?$/i;

/** The transport a Type or Protocol cell gives the row's port: UDP where it says UDP alone. */
export function transportOf(cell: Cell | undefined): 'udp' | undefined {
  return UDP_CELL.test(cleanName(cell?.text ?? '')) ? 'udp' : undefined;
}

/** A row's name cell as the scheme count keys it. */
export function nameOf(cells: Cell[], name: number | undefined): string {
  return name === undefined ? '' : cleanName(cells[name]?.text ?? '').toLowerCase();
}

/**
 * The schemes each name's rows give (`Heimdall | HTTP`, `Heimdall | HTTPS`). Only a service the
 * table lists on several schemes has a port per scheme, each its role: the one scheme of a
 * service's one row (`Router | gRPC`) is how its main port speaks, compared with a compose port.
 */
export function schemesByName(rows: Cell[][], name: number | undefined, scheme: number): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const cells of rows) {
    const written = schemeOf(cells[scheme]);
    if (written === undefined) continue;
    const key = nameOf(cells, name);
    const set = out.get(key);
    if (set) set.add(written);
    else out.set(key, new Set([written]));
  }
  return out;
}
