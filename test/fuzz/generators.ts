// fast-check arbitraries for the fuzzers: port-ish tokens, generated documents of every source
// kind (registry, compose, env, Markdown with tables, lists, mermaid and fenced blocks, Kubernetes
// manifests and Helm templates, Dockerfiles), and
// mutations of real-looking seed texts (byte flips, line duplication and deletion, port tokens,
// unicode, CR/LF mixes).
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { SourceKind } from '../../src/core/model';
import type { Seed } from './seeds';

// ---------------------------------------------------------------------------------------------
// Tokens

/** Ports the generators share, so generated files clash, mismatch and fall in and out of ranges. */
export const COMMON_PORTS = [22, 80, 443, 3000, 5432, 6379, 8000, 8001, 8009, 8080, 8081, 8087, 8088, 9090, 50051];

const ODD_PORTS = [
  '0', '65535', '65536', '99999', '-1', '-8080', '0x1F90', '0o17', '1e3', '8080.0', '08080', '+8080', '８０８０', '٨٠٨٠', '4294967296',
  '999999999999', '${UNSET}', '${WEB_PORT:-8080}', '${WEB_PORT-8081}', '${A:?missing}', '${A:+9000}', '$PORT', '$$8080', '${', '${UNCLOSED',
  '%PORT%', 'true', 'random', '', ' ', '8080/udp', '8080/sctp', '8080/xyz', '8000-8009', '8009-8000', '9090-9091', '0-1023', '80xx',
  '300xx', '12000+', '8080–8081', '127.0.0.1:8001', '0.0.0.0:8080:80', '[::1]:6001', '::1:6000:6000', 'localhost:8080', ':8080', '8080:',
  '1:2:3:4', 'null', '~', '[8080]', '{port: 8080}', '8080 # comment', '8080, 8081', '8080 / 8443', '**8080**', '`8080`', '8080 (HTTP)',
];

export const portNumber = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COMMON_PORTS) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  { weight: 1, arbitrary: fc.integer({ min: -70000, max: 200000 }) },
);

/** A port as written somewhere: mostly plausible, sometimes hostile. */
export const portToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: portNumber.map(String) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_PORTS) },
  { weight: 1, arbitrary: fc.tuple(portNumber, portNumber).map(([a, b]) => `${a}-${b}`) },
  { weight: 1, arbitrary: fc.nat({ max: 99_999_999 }).map(String) },
);

const NAMES = [
  'gateway', 'api-gateway', 'API Gateway', 'Token Engine', 'token-engine', 'TOKEN_ENGINE', 'Settlement Engine', 'settlement', 'redis', 'Redis',
  'postgres', 'PostgreSQL', 'grafana', 'Grafana', 'NATS', 'NATS Monitoring', 'web', 'worker', 'mission-control', 'Backend API (FastAPI)',
  'Ollama (CPU)', 'Ollama (GPU)', 'n8n / Redis', '服务', 'サービス', 'Ünïcödé svc', '🚀 Launcher', 'Reserved', 'TBD', '-', 'db', 'x',
];

export const serviceName: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

const HOSTS = ['localhost', '127.0.0.1', '0.0.0.0', '[::1]', 'gateway', 'token-engine', 'redis', 'api.example.com', 'svc.ns.svc.cluster.local', 'host.docker.internal'];

export const url: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('http', 'https', 'redis', 'grpc', 'ws', 'postgres', 'tcp'), fc.constantFrom(...HOSTS), portToken, fc.constantFrom('', '/', '/metrics', '/health', '/api/v1?x=1', '/#/route'))
  .map(([scheme, host, port, p]) => `${scheme}://${host}:${port}${p}`);

const EOL = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

function joinLines(lines: string[], eols: string[]): string {
  return lines.map((l, i) => l + (eols[i % eols.length] ?? '\n')).join('');
}

/** Lines joined with a mix of line endings. */
function lines(arb: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc.tuple(arb, fc.array(EOL, { minLength: 1, maxLength: 4 })).map(([ls, eols]) => joinLines(ls, eols));
}

function quoted(s: string, style: number): string {
  if (style === 1) return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  if (style === 2) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

const quoteStyle = fc.constantFrom(0, 0, 1, 2);

// ---------------------------------------------------------------------------------------------
// Compose

const protocol = fc.constantFrom('', '', '', '/tcp', '/udp', '/sctp', '/TCP', '/xyz');
const hostIp = fc.constantFrom('', '', '127.0.0.1:', '0.0.0.0:', '[::1]:', '::1:', '${IP}:', '10.0.0.1:');

const shortPort = fc.oneof(
  fc.tuple(portToken, protocol).map(([c, p]) => `${c}${p}`),
  fc.tuple(hostIp, portToken, portToken, protocol).map(([ip, h, c, p]) => `${ip}${h}:${c}${p}`),
  fc.tuple(portNumber, portNumber, fc.nat(3), protocol).map(([h, c, n, p]) => `${h}-${h + n}:${c}-${c + n}${p}`),
);

const longPort = fc
  .record({
    target: fc.option(portToken, { nil: undefined }),
    published: fc.option(portToken, { nil: undefined }),
    protocol: fc.option(fc.constantFrom('tcp', 'udp', 'sctp', 'xyz'), { nil: undefined }),
    host_ip: fc.option(fc.constantFrom('127.0.0.1', '::1', '0.0.0.0'), { nil: undefined }),
    mode: fc.option(fc.constantFrom('host', 'ingress'), { nil: undefined }),
  })
  .map((r) => Object.entries(r).filter(([, v]) => v !== undefined));

const envEntry = fc.tuple(
  fc.constantFrom('PORT', 'HTTP_PORT', 'API_URL', 'REDIS_URL', 'DB_PORT', 'OTHER', 'X_PORT'),
  fc.oneof(portToken, url),
);

const composeService = fc.record({
  name: fc.oneof(fc.constantFrom('web', 'api', 'gateway', 'token-engine', 'redis', 'db', 'worker', 'x-ext', '"quoted name"', '<<'), fc.string({ maxLength: 6 })),
  ports: fc.array(fc.oneof({ weight: 3, arbitrary: shortPort.map((s) => ({ short: s })) }, { weight: 1, arbitrary: longPort.map((l) => ({ long: l })) }), { maxLength: 4 }),
  expose: fc.array(portToken, { maxLength: 2 }),
  env: fc.array(envEntry, { maxLength: 3 }),
  envAsList: fc.boolean(),
  flow: fc.boolean(),
  quote: quoteStyle,
  merge: fc.boolean(),
  build: fc.constantFrom(undefined, undefined, '.', 'svc', '{ context: ., target: build }', '{ context: ., dockerfile: svc/Dockerfile }', '{ context: svc, args: [PORT=1] }', '{ context: ${CTX} }'),
  command: fc.constantFrom(undefined, undefined, undefined, 'serve --port 8080'),
});

type ComposeService = typeof composeService extends fc.Arbitrary<infer T> ? T : never;

function renderComposeService(s: ComposeService, indent: string): string[] {
  const out = [`${indent}${s.name === '' ? '""' : s.name}:`];
  const i2 = `${indent}  `;
  const i3 = `${indent}    `;
  if (s.merge) out.push(`${i2}<<: *common`);
  out.push(`${i2}image: example/${s.name.replace(/[^a-z]/gi, '') || 'x'}:latest`);
  if (s.build !== undefined) out.push(`${i2}build: ${s.build}`);
  if (s.command !== undefined) out.push(`${i2}command: ${s.command}`);
  if (s.ports.length > 0) {
    if (s.flow && s.ports.every((p) => 'short' in p)) {
      out.push(`${i2}ports: [${s.ports.map((p) => quoted((p as { short: string }).short, s.quote || 1)).join(', ')}]`);
    } else {
      out.push(`${i2}ports:`);
      for (const p of s.ports) {
        if ('short' in p) out.push(`${i3}- ${quoted(p.short, s.quote)}`);
        else if (p.long.length === 0) out.push(`${i3}- {}`);
        else p.long.forEach(([k, v], j) => out.push(`${j === 0 ? `${i3}- ` : `${i3}  `}${k}: ${quoted(String(v), s.quote)}`));
      }
    }
  }
  if (s.expose.length > 0) out.push(`${i2}expose: [${s.expose.map((e) => quoted(e, 1)).join(', ')}]`);
  if (s.env.length > 0) {
    out.push(`${i2}environment:`);
    for (const [k, v] of s.env) out.push(s.envAsList ? `${i3}- ${quoted(`${k}=${v}`, s.quote || 1)}` : `${i3}${k}: ${quoted(v, s.quote || 1)}`);
  }
  return out;
}

export const composeText: fc.Arbitrary<string> = fc
  .record({
    services: fc.array(composeService, { minLength: 0, maxLength: 5 }),
    version: fc.constantFrom('', "version: '3.8'", 'version: "2"'),
    anchors: fc.boolean(),
    snippet: fc.boolean(),
    ignore: fc.boolean(),
  })
  .chain((doc) => {
    const head: string[] = [];
    if (doc.version) head.push(doc.version);
    if (doc.anchors || doc.services.some((s) => s.merge)) head.push('x-common: &common', '  ports:', '    - "9000:9000"', '  restart: always');
    if (doc.ignore) head.push('# portolan-ignore port-conflict');
    const body = doc.snippet
      ? doc.services.flatMap((s) => renderComposeService(s, ''))
      : ['services:', ...doc.services.flatMap((s) => renderComposeService(s, '  '))];
    return lines(fc.constant([...head, ...body]));
  });

// ---------------------------------------------------------------------------------------------
// Env

const envKey = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(
    'PORT', 'HTTP_PORT', 'GRPC_PORT', 'WS_PORT', 'METRICS_PORT', 'GATEWAY_PORT', 'TOKEN_ENGINE_PORT', 'TOKEN_ENGINE_GRPC_PORT', 'TOKEN_ENGINE_URL',
    'SETTLEMENT_ENGINE_URL', 'DB_PORT', 'DB_HOST', 'POSTGRES_PORT', 'POSTGRES_HOST', 'TEST_POSTGRES_PORT', 'PROD_REDIS_PORT', 'SERVICE_NAME', 'APP_NAME',
    'REDIS_URL', 'VITE_API_URL', 'NEXT_PUBLIC_GATEWAY_URL', 'HOST_PORT', 'RANDOM_PORT', 'LISTEN_ADDR', 'GRPC_ENDPOINT', 'CORS_ORIGINS', 'TIMEOUT', 'a.b.PORT',
  ) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}(_PORT|_URL)?$/) },
);

const envValue = fc.oneof(
  { weight: 4, arbitrary: portToken },
  { weight: 2, arbitrary: url },
  { weight: 1, arbitrary: serviceName },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTS), portToken).map(([h, p]) => `${h}:${p}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const envLine = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('', '', '', 'export ', 'set ', '$ export ', '  ', 'SET '), envKey, fc.constantFrom('=', '=', ' = ', '= '), envValue, fc.constantFrom(0, 0, 1, 2, 3), fc.constantFrom('', '', ' # note', ' #x'))
    .map(([pre, k, eq, v, q, comment]) => (q === 3 ? `set "${k}=${v}"${comment}` : `${pre}${k}${eq}${quoted(v, q)}${comment}`)) },
  { weight: 1, arbitrary: fc.constantFrom('', '# Test environment', '# Production environment', '# portolan-ignore', '# portolan-ignore port-mismatch', 'rem comment', ':: cmd comment', 'docker run -p 8080:80 x', 'netstat | findstr "8080 8081"') },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

export const envText: fc.Arbitrary<string> = lines(fc.array(envLine, { maxLength: 14 }));

// ---------------------------------------------------------------------------------------------
// Registry

const rangeValue = fc.oneof(
  fc.tuple(portNumber, fc.nat(200)).map(([from, n]) => ({ from, to: from + n })),
  fc.tuple(portNumber, fc.nat(200)).map(([from, n]) => `${from}-${from + n}`),
  fc.constantFrom('80xx', '12000+', '8000–8009', '9000-8000', 'nonsense', '300xx'),
  fc.tuple(portNumber, fc.nat(50)).map(([from, n]) => ({ range: `${from}-${from + n}`, parent: 'core' })),
  fc.tuple(portNumber, fc.nat(50), fc.constantFrom('core', 'web', 'missing', 'loop')).map(([from, n, parent]) => ({ from, to: from + n, parent })),
);

const portValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: portNumber },
  { weight: 1, arbitrary: fc.constantFrom('8080', '0x1F90', 99999, -1, 0, 8080.5, null, true, '${UNSET}', [8080]) },
);

const registryService = fc.oneof(
  { weight: 1, arbitrary: portValue },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        range: fc.constantFrom('core', 'data', 'web', 'missing'),
        ports: fc.oneof(portValue, fc.dictionary(fc.constantFrom('http', 'grpc', 'main', 'port', 'default', 'metrics', 'rest', 'prometheus', 'grpc-web', 'HTTP'), portValue, { maxKeys: 4 })),
        aliases: fc.oneof(fc.array(serviceName, { maxLength: 3 }), serviceName),
        environment: fc.constantFrom('production', 'dev', 'staging', 'somewhere'),
        protocol: fc.constantFrom('tcp', 'udp', 'sctp', 'icmp'),
        description: fc.string({ maxLength: 10 }),
        enviroment: fc.constant('typo'),
      },
      { requiredKeys: ['ports'] },
    ),
  },
);

const reservedEntry = fc.oneof(
  portValue,
  fc.constantFrom('8070-8099', '22', 'nope'),
  fc.record({ port: portValue, reason: fc.string({ maxLength: 10 }) }, { requiredKeys: ['port'] }),
  fc.record({ ports: fc.constantFrom('8070-8099', '9000-9009', '0-1023', 'x'), reason: fc.string({ maxLength: 10 }), kept_free: fc.boolean() }, { requiredKeys: ['ports'] }),
);

const registryObject = fc.record(
  {
    version: fc.constantFrom(1, 1, 2, '1'),
    ranges: fc.dictionary(fc.constantFrom('core', 'data', 'data-hot', 'web', 'loop', 'x'), rangeValue, { maxKeys: 4 }),
    reserved: fc.array(reservedEntry, { maxLength: 3 }),
    services: fc.dictionary(serviceName, registryService, { maxKeys: 6 }),
    projects: fc.dictionary(fc.constantFrom('web', 'mobile', 'core'), fc.record({ range: fc.constantFrom('10000-10999', '10000-10099', 'bad'), path: fc.constantFrom('apps/web', './svc/', '.', 'a\\b') }, { requiredKeys: [] }), { maxKeys: 2 }),
    extra: fc.anything({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

export const registryText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(registryObject, fc.constantFrom<'block' | 'flow'>('block', 'block', 'flow')).map(([obj, style]) => safeStringify(obj, style)) },
  // Valid YAML of the wrong shape.
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => safeStringify(v, 'block')) },
  { weight: 1, arbitrary: fc.constantFrom('', '---\n', '# only a comment\n', 'services: [8080]\n', 'version: 1\nservices:\n  a: &x 8080\n  b: *x\n', 'ranges: !!binary aGk=\n', '- a\n- b\n') },
);

// Registries as teams write them: valid ports and ranges that point at declared names, written
// in the styles yaml can emit, with comments between lines. Most read without a problem, which is
// where the registry's fast path answers (its property mutates them too).
const RANGE_NAMES = ['core', 'data', 'web', 'tools', 'edge'];
const validPort = fc.integer({ min: 1, max: 65535 });
const validRange = fc.tuple(fc.integer({ min: 1, max: 65000 }), fc.nat(400)).map(([from, n]) => ({ from, to: Math.min(65535, from + n) }));

const cleanRegistryObject = fc.record(
  {
    version: fc.constant(1),
    ranges: fc.dictionary(fc.constantFrom(...RANGE_NAMES), fc.oneof(
      validRange,
      validRange.map((r) => `${r.from}-${r.to}`),
      fc.tuple(validRange, fc.string({ maxLength: 12 })).map(([r, description]) => ({ ...r, description })),
    ), { maxKeys: 4 }),
    reserved: fc.array(fc.oneof(
      validPort,
      fc.record({ port: validPort, reason: fc.string({ maxLength: 10 }) }, { requiredKeys: ['port'] }),
      fc.tuple(validRange, fc.string({ maxLength: 10 }), fc.boolean()).map(([r, reason, keptFree]) => ({ ports: `${r.from}-${r.to}`, reason, kept_free: keptFree })),
    ), { maxLength: 3 }),
    services: fc.dictionary(serviceName, fc.oneof(
      validPort,
      fc.record({
        range: fc.constantFrom(...RANGE_NAMES),
        ports: fc.oneof(validPort, fc.record({ http: validPort, grpc: validPort, metrics: validPort }, { requiredKeys: [] })),
        aliases: fc.array(serviceName, { maxLength: 2 }),
        environment: fc.constantFrom('production', 'dev', 'staging'),
        protocol: fc.constantFrom('tcp', 'udp'),
        description: fc.string({ maxLength: 12 }),
      }, { requiredKeys: ['ports'] }),
    ), { maxKeys: 8 }),
  },
  { requiredKeys: ['version'] },
);

const registryStyle = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL'>,
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE') as fc.Arbitrary<null | 'PLAIN' | 'QUOTE_DOUBLE'>,
  indent: fc.integer({ min: 2, max: 4 }),
  indentSeq: fc.boolean(),
});

export const cleanRegistryText: fc.Arbitrary<string> = fc
  .tuple(cleanRegistryObject, registryStyle, fc.array(fc.tuple(fc.nat(), fc.constantFrom('# note', '  # indented note', '')), { maxLength: 3 }), fc.boolean())
  .map(([registry, style, notes, marker]) => {
    const lines = stringify(registry, style).split('\n');
    for (const [at, note] of notes) lines.splice(at % (lines.length + 1), 0, note);
    return (marker ? '---\n' : '') + lines.join('\n');
  });

function safeStringify(value: unknown, style: 'block' | 'flow'): string {
  try {
    return stringify(value, style === 'flow' ? { collectionStyle: 'flow' } : undefined) ?? '';
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

const K8S_NAMES = ['web', 'api', 'shop', 'cart-service', 'db', 'worker', 'metrics-exporter'];
const LABEL_VALUES = ['web', 'api', 'shop', 'db'];
const PORT_NAMES = ['http', 'grpc', 'metrics', 'web', 'tcp-db'];
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];

const k8sPort = fc.oneof(fc.constantFrom(...COMMON_PORTS), fc.integer({ min: 1, max: 65535 }));
/** A port field as a generated manifest writes it: a plain number mostly, sometimes quoted (then no port to the API). */
const k8sPortValue = fc.oneof({ weight: 6, arbitrary: k8sPort }, { weight: 1, arbitrary: k8sPort.map(String) });
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'app.kubernetes.io/name'), fc.constantFrom(...LABEL_VALUES), { minKeys: 1, maxKeys: 2 });
const protocolField = fc.option(fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp'), { nil: undefined, freq: 3 });

const servicePort = fc.record({
  name: fc.option(fc.constantFrom(...PORT_NAMES), { nil: undefined }),
  port: k8sPortValue,
  targetPort: fc.option(fc.oneof(k8sPortValue, fc.constantFrom(...PORT_NAMES)), { nil: undefined }),
  nodePort: fc.option(fc.oneof(fc.integer({ min: 30000, max: 32767 }), fc.constantFrom(30080, 30081)), { nil: undefined, freq: 2 }),
  protocol: protocolField,
}, { requiredKeys: ['port'] });

const containerPort = fc.record({
  containerPort: k8sPortValue,
  name: fc.option(fc.constantFrom(...PORT_NAMES), { nil: undefined }),
  hostPort: fc.option(fc.oneof(k8sPort, fc.constantFrom(8080, 9100)), { nil: undefined, freq: 4 }),
  protocol: protocolField,
}, { requiredKeys: ['containerPort'] });

const k8sService = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Service'),
  metadata: fc.record({ name: fc.constantFrom(...K8S_NAMES) }),
  spec: fc.record({ type: fc.constantFrom('ClusterIP', 'NodePort'), selector: labels, ports: fc.array(servicePort, { minLength: 1, maxLength: 3 }) }),
});

const podSpec = fc.record({
  hostNetwork: fc.option(fc.constant(true), { nil: undefined, freq: 6 }),
  containers: fc.array(fc.record({
    name: fc.constantFrom('app', 'sidecar'),
    image: fc.constant('example/app:1'),
    ports: fc.array(containerPort, { maxLength: 3 }),
  }), { minLength: 1, maxLength: 2 }),
}, { requiredKeys: ['containers'] });

/** A workload of any kind that has pods, with its pod template where its kind keeps it. */
const k8sWorkload = fc.tuple(fc.constantFrom(...WORKLOAD_KINDS), fc.constantFrom(...K8S_NAMES), labels, podSpec).map(([kind, name, podLabels, spec]) => {
  const template = { metadata: { labels: podLabels }, spec };
  const metadata = { name };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { name, labels: podLabels }, spec };
  if (kind === 'CronJob') return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata, spec: { selector: { matchLabels: podLabels }, template } };
});

/** Objects with no ports of their own, whose numbers are no facts. */
const k8sOther = fc.constantFrom(
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { port: '8080', 'nodePort': '30080' } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'edge' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
);

const k8sObject = fc.oneof({ weight: 3, arbitrary: k8sService }, { weight: 3, arbitrary: k8sWorkload }, { weight: 1, arbitrary: k8sOther });

/** Manifests as people write them: `---` between documents, comments (a commented-out port among them), block or flow style, a `List` now and then. */
export const cleanKubernetesText: fc.Arbitrary<string> = fc
  .record({
    docs: fc.array(fc.tuple(k8sObject, fc.constantFrom<'block' | 'flow'>('block', 'block', 'block', 'flow')), { minLength: 1, maxLength: 4 }),
    list: fc.boolean(),
    leadingMarker: fc.boolean(),
    comments: fc.array(fc.tuple(fc.nat(), fc.constantFrom('# containerPort: 4242', '#   nodePort: 30999', '# hostPort: 7777', '    # - containerPort: 5151')), { maxLength: 3 }),
  })
  .map(({ docs, list, leadingMarker, comments }) => {
    const rendered = list
      ? [{ lines: linesOf(safeStringify({ apiVersion: 'v1', kind: 'List', items: docs.map(([o]) => o) }, 'block')), block: true }]
      : docs.map(([o, style]) => ({ lines: linesOf(safeStringify(o, style)), block: style === 'block' }));
    // A comment line anywhere in a block document is no fact, whatever it says (in a flow one, a
    // line less indented than its collection is no YAML).
    const block = rendered.filter((doc) => doc.block);
    for (const [at, comment] of comments) {
      const doc = block[at % Math.max(1, block.length)];
      doc?.lines.splice(at % (doc.lines.length + 1), 0, comment);
    }
    return `${leadingMarker ? '---\n' : ''}${rendered.map((doc) => doc.lines.join('\n')).join('\n---\n')}\n`;
  });

function linesOf(yaml: string): string[] {
  return yaml.replace(/\n$/, '').split('\n');
}

/** Helm template lines and placeholders: only what is written literally around them is read. */
const HELM_LINES = [
  '{{- if .Values.enabled }}', '{{- end }}', '{{- include "chart.labels" . | nindent 4 }}', '{{/* a comment */}}',
  '  nodePort: {{ .Values.nodePort }}', '      - containerPort: {{ .Values.port }}', '  name: {{ .Release.Name }}-web', '{{', 'port: ${PORT}',
];

export const kubernetesText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: cleanKubernetesText },
  {
    weight: 2,
    arbitrary: fc.tuple(cleanKubernetesText, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HELM_LINES)), { minLength: 1, maxLength: 4 }))
      .map(([text, inserted]) => {
        const lines = text.split('\n');
        for (const [at, line] of inserted) lines.splice(at % (lines.length + 1), 0, line);
        return lines.join('\n');
      }),
  },
  { weight: 1, arbitrary: fc.tuple(cleanKubernetesText, portToken).map(([text, token]) => text.replace(/(Port|port): \S+/, `$1: ${token}`)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('app.yaml', '../base', 'svc/', 'https://example.com/x.yaml', '${DIR}'), { maxLength: 3 }).map((r) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${r.map((x) => `- ${x}`).join('\n')}\n`) },
);

// ---------------------------------------------------------------------------------------------
// Markdown

const headingText = fc.oneof(
  fc.tuple(serviceName, fc.constantFrom('', ' (8000-8009)', ' (3000–3099)', ' (12000+)', ' (300xx)', ' (Port 8081)', ' 8000-8009', ' (0-1023)', ' (9000-8000)'))
    .map(([n, r]) => `${n}${r}`),
  fc.constantFrom(
    'Ports', 'Port Allocation', 'Reserved system ports (never use)', 'Reserved for future expansion (8070-8099)', 'Reserved (in use)', 'Development', 'Production',
    'Examples', 'Rejected alternatives', 'History', 'NEURECTOMY (16000-16999)', 'Application Tier (16000-16099)', 'Token Engine (Port 8081)', 'Services', '端口分配',
  ),
);

const HEADERS = [
  'Service', 'Name', 'Port', 'Ports', 'HTTP Port', 'gRPC Port', 'WebSocket', 'Port Range', 'Internal URL', 'Endpoint', 'Environment', 'Description',
  'Container', 'Host Port', 'Container Port', 'Dev Port', 'Prod Port', 'Category', 'Domain', '端口', '服务', 'Status', 'Protocol', '',
];

const cellValue = fc.oneof(
  { weight: 4, arbitrary: portToken },
  { weight: 3, arbitrary: serviceName },
  { weight: 1, arbitrary: url },
  { weight: 1, arbitrary: fc.tuple(portToken, portToken).map(([a, b]) => `${a} (HTTP), ${b} (gRPC)`) },
  { weight: 1, arbitrary: fc.constantFrom('-', '', 'Production', 'dev', '`code | pipe`', 'a \\| b', '**bold**', '(reserved)') },
);

const table = fc.tuple(fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 6 }), fc.nat(5), fc.boolean(), fc.constantFrom('', '> ', '  ', '- '))
  .chain(([headers, rows, pipes, prefix]) => fc.array(fc.array(cellValue, { minLength: headers.length - 1, maxLength: headers.length + 1 }), { minLength: rows, maxLength: rows })
    .map((data) => {
      const row = (cells: string[]) => `${prefix}${pipes ? '| ' : ''}${cells.join(' | ')}${pipes ? ' |' : ''}`;
      return [row(headers), row(headers.map(() => '---')), ...data.map(row)];
    }));

const listItem = fc.oneof(
  fc.tuple(portToken, serviceName).map(([p, n]) => `- **${p}**: ${n}`),
  fc.tuple(serviceName, portToken).map(([n, p]) => `- ${n}: ${p}`),
  fc.tuple(serviceName, portToken, portToken).map(([n, a, b]) => `- ${n}: Port ${a} (HTTP), ${b} (gRPC)`),
  fc.tuple(serviceName, portToken).map(([n, p]) => `**${n} (${p})**: does things`),
  fc.tuple(serviceName, portToken, fc.constantFrom('* ', '+ ', '1. ', '- [ ] ', '  - ', '> - ')).map(([n, p, m]) => `${m}${n} — ${p}`),
  fc.constantFrom('- ml-ensemble moved from 8014 → 8021', '- **HTTP Services**: 8080-8099'),
);

const mermaidNode = fc.tuple(
  fc.constantFrom('A', 'GW', 'Token_Engine', 'db-1', 'R'),
  fc.constantFrom(['[', ']'], ['[(', ')]'], ['((', '))'], ['{{', '}}'], ['(', ')'], ['{', '}'], ['>', ']'], ['["', '"]'], ['[/', '/]']),
  serviceName,
  fc.oneof(portToken.map((p) => ` :${p}`), fc.tuple(portToken, portToken).map(([a, b]) => ` \\n ports: ${a}, ${b}`), fc.constant('<br/>:8087'), fc.constant('')),
).map(([id, [open, close], label, port]) => `${id}${open}${label}${port}${close}`);

const mermaid = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(mermaidNode, fc.constantFrom(' --> ', ' -.-> ', ' & '), mermaidNode).map(([a, arrow, b]) => `  ${a}${arrow}${b}`) },
    { weight: 1, arbitrary: fc.constantFrom('  subgraph Production', '  subgraph dev [Development]', '  end', 'graph TD', 'flowchart LR') },
  ),
  { maxLength: 8 },
).map((body) => ['```mermaid', 'graph TD', ...body, '```']);

const fence = fc.oneof(
  mermaid,
  envText.map((t) => ['```bash', ...t.split(/\r\n|\r|\n/), '```']),
  envText.map((t) => ['```env', ...t.split(/\r\n|\r|\n/), '```']),
  composeText.map((t) => ['```yaml', ...t.split(/\r\n|\r|\n/), '```']),
  fc.tuple(url, url).map(([a, b]) => ['```', `Gateway:  ${a}`, `curl ${b}`, '```']),
  fc.constantFrom(['```json', '{"port": 8080}', '```'], ['~~~sh', 'PORT=8080', '~~~'], ['```yaml', '# Example', 'services:', '  x:', '    ports: ["1:1"]'], ['````', '```', '````']),
);

const block = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), headingText).map(([level, text]) => [`${'#'.repeat(level)} ${text}`]) },
  { weight: 3, arbitrary: table },
  { weight: 2, arbitrary: fc.array(listItem, { minLength: 1, maxLength: 4 }) },
  { weight: 2, arbitrary: fence },
  { weight: 1, arbitrary: fc.tuple(url, fc.string({ maxLength: 20 })).map(([u, s]) => [`See ${u} for ${s}.`]) },
  { weight: 1, arbitrary: fc.constantFrom(['<!-- portolan-ignore -->'], ['<!-- portolan-ignore port-conflict -->'], ['---'], ['> quoted port 8080'], ['Setext heading (8000-8009)', '======']) },
);

export const markdownText: fc.Arbitrary<string> = lines(fc.array(block, { maxLength: 10 }).map((blocks) => blocks.flatMap((b) => [...b, ''])));

// ---------------------------------------------------------------------------------------------
// Commands that start servers (package.json scripts, Procfile processes)

const commandWord = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('vite', 'next dev', 'next start', 'nuxt dev', 'astro preview', 'react-scripts start', 'http-server dist', 'serve', 'live-server', 'storybook dev', 'start-storybook', 'node server.js', 'tsx watch src/index.ts', 'nodemon', 'rails s', 'bundle exec puma', 'gunicorn app:app', 'flask run', 'mocha', 'vite build', 'node', 'cd web') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('--port', '-p', '--port=', '-l', '-b', '--bind'), portToken).map(([flag, port]) => (flag.endsWith('=') ? `${flag}${port}` : `${flag} ${port}`)) },
  { weight: 2, arbitrary: portToken.map((port) => fc.constantFrom(`PORT=${port}`, `cross-env PORT=${port}`, `set PORT=${port}&&`, `export PORT=${port};`)).chain((a) => a) },
  { weight: 1, arbitrary: fc.constantFrom('npx', 'pnpm exec', 'yarn', 'bunx', 'npx -y', 'env', 'python -m uvicorn', '&&', '||', '|', ';', '&', '2>&1', '> log', '#', '"', "'", '\\', '$(', '`', 'concurrently') },
  { weight: 1, arbitrary: url },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('"', "'"), fc.constantFrom('vite --port 3000', 'PORT=4000 node a.js', 'wait-on http://localhost:3000')).map(([q, c]) => `${q}${c}${q}`) },
);

const command = fc.array(commandWord, { minLength: 1, maxLength: 7 }).map((words) => words.join(' '));

const scriptName = fc.constantFrom('dev', 'start', 'preview', 'storybook', 'test', 'test:e2e', 'serve', 'build', '', 'dev:api', '"odd"');

export const packageText: fc.Arbitrary<string> = fc
  .record({
    name: fc.option(fc.constantFrom('web', '@acme/api', '', 'my app', '@scope/', 'x\\u0041'), { nil: undefined }),
    scripts: fc.array(fc.tuple(scriptName, command), { maxLength: 6 }),
    style: fc.constantFrom(0, 2, 4),
  })
  .map(({ name, scripts, style }) => {
    const manifest: Record<string, unknown> = { version: '1.0.0' };
    if (name !== undefined) manifest.name = name;
    manifest.scripts = Object.fromEntries(scripts);
    manifest.dependencies = { vite: '^5.0.0' };
    return JSON.stringify(manifest, null, style);
  });

const processLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('web', 'worker', 'api', 'release', 'Web', 'css', 'bad type'), command).map(([type, c]) => `${type}: ${c}`) },
  { weight: 1, arbitrary: fc.constantFrom('# web: vite --port 3000', '', 'not a process', ': nothing', 'web:', 'web:vite --port 5173') },
);

export const procfileText: fc.Arbitrary<string> = lines(fc.array(processLine, { maxLength: 8 }));

// Makefiles and shell scripts: compose commands naming files, among other lines

const composeFileName = fc.constantFrom('docker-compose.yml', 'compose.yaml', 'docker-compose.dev.yml', '../infra/compose.yaml', 'x.yml', '"a b.yml"', '$(BASE)', '${FILE}', '/abs/compose.yaml', '');
const composeCommandLine = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('docker compose', 'docker-compose', '\tdocker compose', '# docker compose', 'COMPOSE = docker compose'), fc.array(fc.tuple(fc.constantFrom('-f', '--file', '--file=', '-f=', '-p'), composeFileName), { maxLength: 4 }), fc.constantFrom(' up -d', ' \\', '', ' && make', ';')).map(([cmd, files, rest]) => `${cmd}${files.map(([flag, f]) => (flag.endsWith('=') ? ` ${flag}${f}` : ` ${flag} ${f}`)).join('')}${rest}`) },
  { weight: 1, arbitrary: fc.array(composeFileName, { maxLength: 3 }).map((files) => `export COMPOSE_FILE=${files.join(':')}`) },
  { weight: 1, arbitrary: fc.constantFrom('up:', '.PHONY: up', 'cd "$(dirname "$0")/.."', 'set -euo pipefail', '', '#!/bin/sh', 'compose', '\\') },
);

export const commandsText: fc.Arbitrary<string> = lines(fc.array(composeCommandLine, { maxLength: 8 }));

// Dockerfile

const dockerVariable = fc.constantFrom('PORT', 'HTTP_PORT', 'APP_PORT', 'REDIS_PORT', 'BASE', 'X');
const dockerWord = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(portToken, protocol).map(([p, proto]) => `${p}${proto}`) },
  { weight: 2, arbitrary: dockerVariable.chain((v) => fc.constantFrom(`$${v}`, `\${${v}}`, `\${${v}:-8080}`, `\${${v}-80}`, `\${${v}:+1}`, `"\${${v}}"`, `8\${${v}}`)) },
  { weight: 1, arbitrary: fc.constantFrom('#', '# web', '\\', '`', '<<EOF', '"', "'", '=', '--platform=linux/amd64') },
);
const dockerWords = fc.array(dockerWord, { minLength: 0, maxLength: 4 }).map((ws) => ws.join(' '));

const dockerLine = fc.oneof(
  { weight: 3, arbitrary: dockerWords.map((w) => `EXPOSE ${w}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ENV', 'ARG', 'env'), dockerVariable, fc.constantFrom('=', ' ', '='), dockerWord).map(([k, v, eq, w]) => `${k} ${v}${eq}${w}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('node:20', 'nginx', 'base', 'build', '${BASE}', 'scratch', 'gcr.io/distroless/static'), fc.constantFrom('', ' AS build', ' as base', ' AS', ' AS Final')).map(([image, name]) => `FROM ${image}${name}`) },
  { weight: 1, arbitrary: fc.constantFrom('# escape=`', '# escape=\\', '# syntax=docker/dockerfile:1', '# EXPOSE 1111', '# portolan-ignore', '  \\', 'RUN <<EOF', 'EOF', 'RUN <<-"END" echo', '\tEND', 'ONBUILD EXPOSE 80', 'CMD ["node"]', '') },
  { weight: 1, arbitrary: dockerWords.map((w) => `${w} \\`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

export const dockerfileText: fc.Arbitrary<string> = lines(fc.array(dockerLine, { maxLength: 14 }));

// ---------------------------------------------------------------------------------------------
// devcontainer.json (JSONC: comments, trailing commas)

const devPort = fc.oneof(
  { weight: 3, arbitrary: portToken.map((p) => (/^\d+$/.test(p) ? p : JSON.stringify(p))) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('db', 'localhost', 'cache', '', 'a b'), portToken).map(([host, p]) => JSON.stringify(host ? `${host}:${p}` : p)) },
  { weight: 1, arbitrary: fc.constantFrom('"8080:80"', '"127.0.0.1:5000:5000"', '"53:53/udp"', '"${localEnv:PORT}"', '"\\u0038080"', '-1', '3.5', 'null', '{}', '[]') },
);
const devJunk = fc.constantFrom('', ' // note', ' /* c */', ',', '\n', ' /* unclosed', '"');

export const devcontainerText: fc.Arbitrary<string> = fc
  .record({
    name: fc.constantFrom(undefined, '"web"', '"My Env"', '""', '1'),
    service: fc.constantFrom(undefined, '"app"', '"db"'),
    compose: fc.constantFrom(undefined, '"../docker-compose.yml"', '["docker-compose.yml", "extra.yml"]', '"${localEnv:F}"', '"../../../../x.yml"'),
    forward: fc.array(fc.tuple(devPort, devJunk), { maxLength: 5 }),
    app: fc.option(fc.oneof(devPort, fc.array(devPort, { maxLength: 3 }).map((ps) => `[${ps.join(', ')}]`)), { nil: undefined }),
    labels: fc.array(fc.tuple(fc.constantFrom('3000', '8000-8099', 'db:5432', '8080', 'x'), fc.constantFrom('"Web"', '"db"', '1', '""')), { maxLength: 3 }),
    trailing: fc.boolean(),
  })
  .map(({ name, service, compose, forward, app, labels, trailing }) => {
    const members: string[] = [];
    if (name !== undefined) members.push(`"name": ${name}`);
    if (service !== undefined) members.push(`"service": ${service}`);
    if (compose !== undefined) members.push(`"dockerComposeFile": ${compose}`);
    members.push(`"forwardPorts": [${forward.map(([p, junk]) => `${p}${junk}`).join(', ')}]`);
    if (app !== undefined) members.push(`// published\n  "appPort": ${app}`);
    members.push(`"portsAttributes": {${labels.map(([key, label]) => `"${key}": { "label": ${label} }`).join(', ')}}`);
    return `{\n  ${members.join(',\n  ')}${trailing ? ',' : ''}\n}\n`;
  });

/** A generated document of one kind. */
export function generatedText(kind: SourceKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'registry': return registryText;
    case 'compose': return composeText;
    case 'env': return envText;
    case 'markdown': return markdownText;
    case 'package': return packageText;
    case 'procfile': return procfileText;
    case 'kubernetes': return kubernetesText;
    case 'dockerfile': return dockerfileText;
    case 'devcontainer': return devcontainerText;
    case 'commands': return commandsText;
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations

const ODD_TEXT = [
  '\u0000', '\uFFFD', '\uFEFF', '\u200B', '\u202E', '\u00A0', '\u0301', '\uD800', '\uDC00', '😀', '中文', '８', '\t', '\r', '\n', '\r\n', ':', '-', '|', '#',
  '"', "'", '{', '}', '[', ']', '&a', '*a', '<<', '`', '```', '>', '$', '${', '!!', '%', '?', ',', '\\', '/', '---', '...', '- ', '  ',
];

type Mutation =
  | { op: 'flip'; at: number; with: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number; times: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'replaceNumber'; nth: number; token: string }
  | { op: 'eol'; mode: 'crlf' | 'cr' | 'lf' | 'mixed'; bits: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'truncate'; at: number }
  | { op: 'bom' };

const position = fc.nat();

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, with: fc.oneof(fc.constantFrom(...ODD_TEXT), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: fc.oneof(portToken, fc.constantFrom(...ODD_TEXT), fc.string({ unit: 'grapheme', maxLength: 4 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: position }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: position, times: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: position, b: position }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('replaceNumber' as const), nth: position, token: portToken }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('eol' as const), mode: fc.constantFrom('crlf' as const, 'cr' as const, 'lf' as const, 'mixed' as const), bits: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('indent' as const), line: position, by: fc.integer({ min: -4, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
);

function splitLines(text: string): { lines: string[]; eols: string[] } {
  const lines: string[] = [];
  const eols: string[] = [];
  const re = /\r\n|\r|\n/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(text.slice(at, m.index));
    eols.push(m[0]);
    at = m.index + m[0].length;
  }
  lines.push(text.slice(at));
  eols.push('');
  return { lines, eols };
}

function joinSplit(s: { lines: string[]; eols: string[] }): string {
  return s.lines.map((l, i) => l + (s.eols[i] ?? '')).join('');
}

export function applyMutation(text: string, m: Mutation): string {
  const n = text.length;
  switch (m.op) {
    case 'flip': {
      if (n === 0) return m.with;
      const at = m.at % n;
      return text.slice(0, at) + m.with + text.slice(at + 1);
    }
    case 'insert': {
      const at = m.at % (n + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      if (n === 0) return text;
      const at = m.at % n;
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'truncate':
      return text.slice(0, m.at % (n + 1));
    case 'bom':
      return `\uFEFF${text}`;
    case 'replaceNumber': {
      const numbers = [...text.matchAll(/\d+/g)];
      if (numbers.length === 0) return text + m.token;
      const hit = numbers[m.nth % numbers.length];
      return text.slice(0, hit.index) + m.token + text.slice(hit.index! + hit[0].length);
    }
    case 'eol': {
      const s = splitLines(text);
      s.eols = s.eols.map((e, i) => {
        if (e === '') return e;
        if (m.mode === 'mixed') return ['\n', '\r\n', '\r'][((m.bits >>> (i % 16)) + i) % 3];
        return m.mode === 'crlf' ? '\r\n' : m.mode === 'cr' ? '\r' : '\n';
      });
      return joinSplit(s);
    }
    default: {
      const s = splitLines(text);
      const count = s.lines.length;
      if (m.op === 'deleteLine') {
        const i = m.line % count;
        s.lines.splice(i, 1);
        s.eols.splice(i, 1);
      } else if (m.op === 'duplicateLine') {
        const i = m.line % count;
        const eol = s.eols[i] || '\n';
        for (let k = 0; k < m.times; k++) {
          s.lines.splice(i, 0, s.lines[i]);
          s.eols.splice(i, 0, eol);
        }
      } else if (m.op === 'swapLines') {
        const a = m.a % count;
        const b = m.b % count;
        [s.lines[a], s.lines[b]] = [s.lines[b], s.lines[a]];
      } else {
        const i = m.line % count;
        s.lines[i] = m.by >= 0 ? ' '.repeat(m.by) + s.lines[i] : s.lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      }
      return joinSplit(s);
    }
  }
}

/** A seed text with 1-8 mutations applied (the seed is picked from `seeds`). */
export function mutatedText(seeds: readonly Seed[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([seed, mutations]) => mutations.reduce(applyMutation, seed.text));
}

/** A valid registry with one or two mutations: the edge of what the fast path answers. */
export const mutatedCleanRegistry: fc.Arbitrary<string> = fc
  .tuple(cleanRegistryText, fc.array(mutation, { minLength: 1, maxLength: 2 }))
  .map(([text, ms]) => ms.reduce(applyMutation, text));

/** A generated document with a few mutations on top. */
export function mutatedGenerated(kind: SourceKind): fc.Arbitrary<string> {
  return fc.tuple(generatedText(kind), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([text, ms]) => ms.reduce(applyMutation, text));
}

/** Any input for a parser of `kind`: generated, mutated (seeds of the same kind mostly), or noise. */
export function parserInput(kind: SourceKind, seeds: readonly Seed[]): fc.Arbitrary<string> {
  const own = seeds.filter((s) => s.kind === kind);
  return fc.oneof(
    { weight: 4, arbitrary: generatedText(kind) },
    { weight: 4, arbitrary: mutatedText(own.length > 0 ? own : seeds) },
    { weight: 2, arbitrary: mutatedGenerated(kind) },
    { weight: 1, arbitrary: mutatedText(seeds) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}
