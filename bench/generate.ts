// Deterministic generator of monorepo workspaces for the benchmark: a root with a `ports.yaml`
// registry, shared infrastructure stacks and platform docs, and projects (each a registry project
// with its own folder, so its own scope and port range) holding compose stacks of 10-30 services
// that use every port syntax the compose parser reads, `.env` files beside them and in service
// folders, Markdown allocation docs (range headings, tables, env blocks, URLs, mermaid graphs) and
// plenty of Markdown with no port in it. Every place agrees with every other, except a known number
// of planted conflicts and mismatches: the bench asserts the engine reports exactly those.
//
//   node --import tsx bench/generate.ts [size ...]     writes bench/.work/<size>/

import * as fs from 'node:fs';
import * as path from 'node:path';

export const SIZES = [100, 1000, 10000] as const;
// bench/generate.ts, or bundled into dist/bench.js: both one folder below the repository.
export const WORK_DIR = path.resolve(__dirname, '..', 'bench', '.work');
const SEED = 0x5eed_2024;

export interface Planted {
  'port-conflict': number;
  'port-mismatch': number;
}

export interface Plant {
  rule: keyof Planted;
  file: string;
  service: string;
  port: number;
  note: string;
}

export interface GeneratedWorkspace {
  size: number;
  root: string;
  files: number;
  bytes: number;
  projects: number;
  planted: Planted;
  plants: Plant[];
  /** Compose files, relative to the root. */
  composeFiles: string[];
}

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32): the same seed gives the same workspace on every machine.

class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Project service names avoid words the engine reads as roles, environments or
// qualifiers (api, server, http, admin, dev, test, local, prod, host, ...), so a name means the
// same service in a compose key, a table row, a mermaid label and an `ORDER_ROUTER_PORT` variable.

const ADJECTIVES = [
  'amber', 'azure', 'bright', 'cedar', 'coral', 'crimson', 'dusky', 'ember', 'frost', 'golden', 'granite', 'hazel',
  'indigo', 'ivory', 'jade', 'lunar', 'maple', 'misty', 'noble', 'ochre', 'pearl', 'quiet', 'rapid', 'silver', 'solar',
];
const NOUNS = [
  'falcon', 'harbor', 'meadow', 'comet', 'otter', 'summit', 'beacon', 'canyon', 'delta', 'ember', 'fjord', 'glacier',
  'heron', 'island', 'jaguar', 'kestrel', 'lagoon', 'mesa', 'nebula', 'orchid', 'prairie', 'quartz', 'raven', 'sierra',
];
const TEAMS = ['payments', 'commerce', 'growth', 'identity', 'logistics', 'data', 'search', 'media', 'risk', 'support'];

const DOMAIN = [
  'billing', 'ledger', 'invoice', 'catalog', 'checkout', 'inventory', 'shipping', 'pricing', 'search', 'recommender',
  'notifier', 'mailer', 'scheduler', 'auditor', 'reporting', 'analytics', 'ingest', 'exporter', 'identity', 'session',
  'profile', 'media', 'thumbnail', 'upload', 'payment', 'fraud', 'risk', 'quote', 'order', 'cart', 'review', 'rating',
  'geocoder', 'tracker', 'dispatch', 'webhook', 'feed', 'token', 'wallet', 'refund', 'tax', 'coupon', 'loyalty',
  'warehouse', 'fulfilment', 'returns', 'ticketing', 'chat', 'presence', 'ranking',
];
const SUFFIX = ['worker', 'engine', 'indexer', 'scorer', 'encoder', 'router', 'sync', 'store', 'hub', 'bridge', 'relay', 'planner', 'writer', 'reader', 'gateway', 'cache'];
/** Names of planted intruders: no word in common with any project service. */
const INTRUDERS = ['sandbox', 'canary', 'backfill', 'migrator', 'seeder', 'prototype', 'spike', 'hotfix'];

const PROSE_SUBJECTS = ['The team', 'This service', 'The pipeline', 'Each consumer', 'The scheduler', 'Our on-call rotation', 'The release train', 'Every deployment', 'The data model', 'The client library'];
const PROSE_VERBS = ['keeps', 'replaces', 'documents', 'validates', 'retries', 'batches', 'publishes', 'reads', 'owns', 'tracks', 'caches', 'rebuilds'];
const PROSE_OBJECTS = [
  'the nightly export', 'every incoming event', 'the customer profile', 'the audit trail', 'pending invoices', 'the support backlog',
  'the weekly report', 'shipping labels', 'the feature flags', 'the import job', 'idempotency keys', 'the schema migrations',
  'the dead-letter queue', 'search suggestions', 'currency rates', 'the access log',
];
const PROSE_TAILS = [
  'before the cut-over.', 'so that nothing is lost on restart.', 'and reports failures to the channel.', 'with exponential backoff.',
  'which is important for compliance.', 'without blocking the request path.', 'in small batches.', 'once per hour.',
  'as described in the design note.', 'to support the new onboarding flow.', 'behind a feature flag.', 'and keeps a copy for a week.',
];

// ---------------------------------------------------------------------------------------------
// The model: what every file of a project says, decided before any file is written.

type Form = 'short' | 'range' | 'ip4' | 'ip6' | 'udp' | 'var' | 'vardefault' | 'long' | 'longip';

interface Svc {
  name: string;
  title: string;
  /** ORDER_ROUTER, for `ORDER_ROUTER_PORT` and `ORDER_ROUTER_URL`. */
  env: string;
  port: number;
  endPort?: number;
  container: number;
  udp: boolean;
  grpc?: number;
  form: Form;
  image: string;
  /** Postgres, Redis: clients reach them by URL. */
  infra?: 'postgres' | 'redis';
}

interface Project {
  index: number;
  name: string;
  title: string;
  team: string;
  base: number;
  services: Svc[];
  /** Stacks: the root stack is the project's docker-compose.yml, the rest live in stacks/<name>/. */
  stacks: Array<{ dir: string; name: string; services: Svc[]; env: boolean }>;
  prod: boolean;
  /** Services with a folder of their own holding an `.env`. */
  serviceFolders: Svc[];
}

/** What a planted problem changes in the files that are written. */
interface ProjectPlants {
  conflict?: { form: 'compose' | 'table' | 'mermaid'; holder: Svc; intruder: string };
  mismatch?: { form: 'table' | 'mermaid' | 'list' | 'export'; service: Svc; wrong: number };
}

function titleOf(name: string): string {
  return name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

function envOf(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

function portText(s: Svc): string {
  return s.endPort !== undefined ? `${s.port}-${s.endPort}` : String(s.port);
}

const FORMS: Array<[Form, number]> = [
  ['short', 28], ['long', 8], ['longip', 4], ['ip4', 10], ['ip6', 5], ['udp', 5], ['range', 6], ['var', 18], ['vardefault', 16],
];

function pickForm(rng: Rng): Form {
  const total = FORMS.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [form, w] of FORMS) {
    if ((r -= w) < 0) return form;
  }
  return 'short';
}

const CONTAINER_PORTS = [8080, 3000, 8000, 5000, 9000, 4000];

function makeProject(rng: Rng, index: number, name: string): Project {
  const base = 20000 + index * 100;
  const count = rng.int(20, 42);
  const names = new Set<string>();
  while (names.size < count) {
    const first = rng.pick(DOMAIN);
    names.add(rng.chance(0.45) ? first : `${first}-${rng.pick(SUFFIX)}`);
  }
  let next = base;
  let grpc = 50051;
  const services: Svc[] = [...names].map((svcName) => {
    const form = pickForm(rng);
    const port = next;
    const endPort = form === 'range' ? port + 1 : undefined;
    next = (endPort ?? port) + 1;
    const svc: Svc = {
      name: svcName, title: titleOf(svcName), env: envOf(svcName), port, endPort,
      container: rng.pick(CONTAINER_PORTS), udp: form === 'udp', form,
      image: `registry.example.com/${name}/${svcName}:1.${rng.int(0, 30)}.${rng.int(0, 9)}`,
    };
    if (form !== 'range' && form !== 'udp' && rng.chance(0.35)) svc.grpc = grpc++;
    return svc;
  });
  const postgres: Svc = { name: 'postgres', title: 'Postgres', env: 'POSTGRES', port: next++, container: 5432, udp: false, form: 'vardefault', image: 'postgres:16-alpine', infra: 'postgres' };
  const redis: Svc = { name: 'redis', title: 'Redis', env: 'REDIS', port: next++, container: 6379, udp: false, form: 'short', image: 'redis:7-alpine', infra: 'redis' };
  services.push(postgres, redis);
  // The root stack holds the first 10-30 services and the databases; the rest go to stacks of 10-30.
  const app = services.slice(0, -2);
  const rootCount = Math.min(app.length, rng.int(10, 26));
  const stacks: Project['stacks'] = [{ dir: '', name: 'root', services: [...app.slice(0, rootCount), postgres, redis], env: true }];
  const stackNames = rng.shuffle(['workers', 'edge', 'batch', 'realtime', 'ml']);
  let at = rootCount;
  while (at < app.length) {
    let take = Math.min(app.length - at, rng.int(10, 24));
    if (app.length - at - take > 0 && app.length - at - take < 10) take = app.length - at;
    const stackName = stackNames.shift()!;
    const chunk = app.slice(at, at + take);
    at += take;
    // A stack may also run a few services of the root stack next to its own (consistent ports).
    const shared = app.slice(0, rng.int(0, 3)).filter((s) => !chunk.includes(s));
    stacks.push({ dir: `stacks/${stackName}`, name: stackName, services: [...chunk, ...shared, redis], env: rng.chance(0.6) });
  }
  for (const stack of stacks) {
    if (stack.services.length < 10) {
      const extra = app.filter((s) => !stack.services.includes(s)).slice(0, 10 - stack.services.length);
      stack.services.push(...extra);
    }
  }
  const folders = rng.shuffle(app.filter((s) => s.form !== 'range')).slice(0, rng.int(3, 6));
  const adjectiveTeam = TEAMS[index % TEAMS.length];
  return { index, name, title: titleOf(name), team: adjectiveTeam, base, services, stacks, prod: rng.chance(0.6), serviceFolders: folders };
}

// ---------------------------------------------------------------------------------------------
// Writing files

class Files {
  readonly texts = new Map<string, string>();

  add(file: string, text: string): void {
    if (this.texts.has(file)) throw new Error(`generated twice: ${file}`);
    this.texts.set(file, text);
  }

  get size(): number {
    return this.texts.size;
  }
}

function prose(rng: Rng, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    out.push(`${rng.pick(PROSE_SUBJECTS)} ${rng.pick(PROSE_VERBS)} ${rng.pick(PROSE_OBJECTS)} ${rng.pick(PROSE_TAILS)}`);
  }
  return out.join(' ');
}

function paragraphs(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => prose(rng, rng.int(3, 6))).join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Compose

function composeEntry(s: Svc, stackEnv: Set<string> | undefined, prod: boolean): string[] {
  const c = s.container;
  const hostVar = `${s.env}_PORT`;
  if (prod && s.form !== 'range' && s.form !== 'udp' && s.form !== 'ip6') {
    // Production binds the same host ports to loopback behind the proxy.
    return [`      - "127.0.0.1:${s.port}:${c}"`];
  }
  switch (s.form) {
    case 'short':
      return [`      - "${s.port}:${c}"`];
    case 'range':
      return [`      - "${s.port}-${s.endPort}:${c}-${c + 1}"`];
    case 'ip4':
      return [`      - "127.0.0.1:${s.port}:${c}"`];
    case 'ip6':
      return [`      - "[::1]:${s.port}:${c}"`];
    case 'udp':
      return [`      - "${s.port}:${c}/udp"`];
    case 'var':
      // Without a `.env` beside the file the variable would be unset: fall back to a default.
      return stackEnv?.has(hostVar) ? [`      - "\${${hostVar}}:${c}"`] : [`      - "\${${hostVar}:-${s.port}}:${c}"`];
    case 'vardefault':
      return [`      - "\${${hostVar}:-${s.port}}:${c}"`];
    case 'long':
      return [`      - target: ${c}`, `        published: "${s.port}"`, '        protocol: tcp', '        mode: host'];
    case 'longip':
      return [`      - target: ${c}`, `        published: ${s.port}`, '        host_ip: 127.0.0.1', '        protocol: tcp'];
  }
}

interface ComposeOptions {
  project: Project;
  services: Svc[];
  stackEnv?: Set<string>;
  prod: boolean;
  intruder?: { name: string; port: number };
  rng: Rng;
}

function renderCompose(o: ComposeOptions): string {
  const { rng, project } = o;
  const lines: string[] = [];
  lines.push(`# ${project.title}${o.prod ? ' — production overrides' : ''}`);
  lines.push('x-logging: &default-logging', '  driver: json-file', '  options:', '    max-size: "10m"', '    max-file: "3"', '');
  lines.push('x-common: &common', '  restart: unless-stopped', '  logging: *default-logging', '');
  lines.push('services:');
  const deps = o.services.filter((s) => !s.infra);
  for (const s of o.services) {
    lines.push(`  ${s.name}:`);
    lines.push('    <<: *common');
    lines.push(`    image: ${s.image}`);
    if (!s.infra) lines.push(`    container_name: ${project.name}-${s.name}${o.prod ? '-prod' : ''}`);
    lines.push('    ports:');
    lines.push(...composeEntry(s, o.stackEnv, o.prod));
    if (s.grpc !== undefined) lines.push(`      - "${s.grpc}:50051"`);
    if (!s.infra && rng.chance(0.2)) lines.push('      - "9464"');
    if (!s.infra && rng.chance(0.5)) lines.push('    expose:', `      - "${s.container}"`, ...(rng.chance(0.3) ? ['      - "9464/tcp"'] : []));
    if (s.infra === 'postgres') {
      lines.push('    environment:', '      POSTGRES_USER: app', '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-secret}', '      POSTGRES_DB: app');
      lines.push('    volumes:', '      - pgdata:/var/lib/postgresql/data');
      lines.push('    healthcheck:', '      test: ["CMD-SHELL", "pg_isready -U app"]', '      interval: 10s', '      timeout: 5s', '      retries: 5');
    } else if (s.infra === 'redis') {
      lines.push('    command: ["redis-server", "--appendonly", "yes"]');
    } else {
      const upstream = rng.pick(deps);
      if (rng.chance(0.5)) {
        lines.push('    environment:');
        lines.push(`      PORT: "${s.container}"`);
        lines.push('      LOG_LEVEL: info');
        lines.push(`      ${upstream.env}_URL: http://${upstream.name}:${upstream.container}`);
        lines.push('      DATABASE_URL: postgres://app:secret@postgres:5432/app');
      } else {
        lines.push('    environment:');
        lines.push(`      - PORT=${s.container}`);
        lines.push('      - LOG_FORMAT=json');
        lines.push(`      - ${upstream.env}_URL=http://${upstream.name}:${upstream.container}/v1`);
        lines.push('      - REDIS_URL=redis://redis:6379/0');
      }
      lines.push('    depends_on:', '      - postgres');
      if (rng.chance(0.4)) {
        lines.push('    healthcheck:', `      test: ["CMD", "wget", "-qO-", "http://localhost:${s.container}/health"]`, '      interval: 15s');
      }
      if (rng.chance(0.3)) lines.push('    deploy:', '      resources:', '        limits:', `          memory: ${rng.pick(['256M', '512M', '1G'])}`);
      if (rng.chance(0.3)) lines.push('    labels:', `      com.example.team: ${project.team}`, `      com.example.service: ${s.name}`);
    }
  }
  if (o.intruder) {
    lines.push(`  ${o.intruder.name}:`, '    image: busybox:1.36', '    command: ["sleep", "infinity"]', '    ports:', `      - "${o.intruder.port}:9000"`);
  }
  lines.push('', 'volumes:', '  pgdata: {}', '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Env files

function renderStackEnv(project: Project, services: Svc[], rng: Rng): { text: string; vars: Set<string> } {
  const vars = new Set<string>();
  const lines = [`# ${project.title} — local settings for docker compose`, `COMPOSE_PROJECT_NAME=${project.name}`, 'LOG_LEVEL=info', 'POSTGRES_PASSWORD=secret', ''];
  lines.push('# Host ports');
  for (const s of services) {
    if (s.form === 'var' || (s.form === 'vardefault' && rng.chance(0.6))) {
      lines.push(`${s.env}_PORT=${s.port}`);
      vars.add(`${s.env}_PORT`);
    }
  }
  const pg = project.services.find((s) => s.infra === 'postgres')!;
  lines.push('', '# Clients', `DATABASE_URL=postgres://app:secret@localhost:${pg.port}/app`);
  const targets = rng.shuffle(services.filter((s) => !s.infra && s.endPort === undefined)).slice(0, 3);
  for (const t of targets) lines.push(`${t.env}_URL=http://localhost:${t.port}`);
  lines.push('CORS_ORIGINS=http://localhost:3000,http://localhost:5173', 'FEATURE_FLAGS=checkout-v2,fast-search', '');
  return { text: lines.join('\n'), vars };
}

function renderEnvExample(project: Project, services: Svc[]): string {
  const lines = ['# Copy to .env and adjust. Values here are defaults only.', `COMPOSE_PROJECT_NAME=${project.name}`, 'POSTGRES_PASSWORD=changeme'];
  for (const s of services.slice(0, 12)) if (s.endPort === undefined) lines.push(`${s.env}_PORT=${s.port}`);
  lines.push('');
  return lines.join('\n');
}

function renderServiceEnv(project: Project, s: Svc, production: boolean, rng: Rng): string {
  const pg = project.services.find((x) => x.infra === 'postgres')!;
  const redis = project.services.find((x) => x.infra === 'redis')!;
  const lines = [`# ${s.title}${production ? ' (production)' : ''}`, `SERVICE_NAME=${s.name}`, `PORT=${s.port}`];
  if (s.grpc !== undefined) lines.push(`GRPC_PORT=${s.grpc}`);
  lines.push(`LOG_LEVEL=${production ? 'warn' : 'debug'}`);
  if (!production) {
    lines.push(`DATABASE_URL=postgres://app:secret@localhost:${pg.port}/${s.name.replace(/-/g, '_')}`);
    lines.push(`REDIS_URL=redis://localhost:${redis.port}/1`);
    const dep = rng.pick(project.services.filter((x) => !x.infra && x !== s && x.endPort === undefined));
    lines.push(`${dep.env}_URL=http://localhost:${dep.port}/v1`);
    lines.push('REQUEST_TIMEOUT_MS=3000', 'WORKER_CONCURRENCY=8');
  }
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown

function portCell(s: Svc): string {
  return s.udp ? `${s.port}/udp` : portText(s);
}

function renderPortsDoc(project: Project, plants: ProjectPlants, rng: Rng): string {
  const { base } = project;
  const lines = [`# ${project.title} — port allocation`, ''];
  lines.push(`Owned by the ${project.team} team. Every host port of this project is listed here; ask in #platform before taking a new one.`, '');
  lines.push(`## ${project.title} (${base}-${base + 99})`, '');
  lines.push('| Service | Port | Protocol | Description |', '|---------|------|----------|-------------|');
  for (const s of project.services) {
    const wrong = plants.mismatch?.form === 'table' && plants.mismatch.service === s ? plants.mismatch.wrong : undefined;
    const name = rng.chance(0.3) && !s.infra ? `\`${s.name}\`` : s.title;
    lines.push(`| ${name} | ${wrong ?? portCell(s)} | ${s.udp ? 'udp' : 'tcp'} | ${rng.pick(PROSE_OBJECTS)} |`);
    if (plants.conflict?.form === 'table' && plants.conflict.holder === s) {
      lines.push(`| ${titleOf(plants.conflict.intruder)} | ${s.port} | tcp | one-off job |`);
    }
  }
  lines.push('');
  const grpc = project.services.filter((s) => s.grpc !== undefined);
  if (grpc.length > 0) {
    lines.push('## gRPC endpoints', '', '| Service | gRPC Port |', '|---|---|');
    for (const s of grpc) lines.push(`| ${s.title} | ${s.grpc} |`);
    lines.push('');
  }
  lines.push('## Local development', '');
  const first = project.services.find((s) => !s.infra && s.endPort === undefined)!;
  lines.push(`Start the stack with \`docker compose up -d\`, then check http://localhost:${first.port}/health.`, '');
  lines.push('```bash', '# Host ports of the stack');
  const exported = project.services.filter((s) => !s.infra && s.endPort === undefined).slice(0, 8);
  for (const s of exported) {
    const wrong = plants.mismatch?.form === 'export' && plants.mismatch.service === s ? plants.mismatch.wrong : undefined;
    lines.push(`export ${s.env}_PORT=${wrong ?? s.port}`);
  }
  lines.push('docker compose up -d', `curl -fsS http://localhost:${first.port}/health`, '```', '');
  lines.push('## Service configuration', '');
  for (const s of project.services.filter((x) => !x.infra && x.endPort === undefined).slice(0, 3)) {
    lines.push(`### ${s.title} (Port ${s.port})`, '', prose(rng, 2), '', '```bash', `PORT=${s.port}`);
    if (s.grpc !== undefined) lines.push(`GRPC_PORT=${s.grpc}`);
    lines.push('LOG_LEVEL=debug', '```', '');
  }
  lines.push('## History', '');
  const moved = project.services[rng.int(0, project.services.length - 1)];
  lines.push(`- ${moved.title} moved from ${base + 98} → ${moved.port} when the range was split.`);
  lines.push('- The legacy admin console was retired; its port is free again.', '');
  return lines.join('\n');
}

function renderReadme(project: Project, plants: ProjectPlants, rng: Rng): string {
  const lines = [`# ${project.title}`, '', paragraphs(rng, 2), ''];
  lines.push('## Quick start', '', '```bash', 'cp .env.example .env', 'docker compose up -d', 'docker compose ps', '```', '');
  const web = project.services.find((s) => !s.infra && s.endPort === undefined)!;
  lines.push(`Then open http://localhost:${web.port}/ in a browser. Logs go to stdout; see the runbooks for the dashboards.`, '');
  lines.push('## Services', '');
  for (const s of project.services.filter((x) => !x.infra).slice(0, 8)) {
    const wrong = plants.mismatch?.form === 'list' && plants.mismatch.service === s ? plants.mismatch.wrong : undefined;
    lines.push(`- **${s.title}** (${wrong ?? portText(s)}): ${rng.pick(PROSE_OBJECTS)}`);
  }
  lines.push('', '## Contributing', '', prose(rng, 3), '');
  return lines.join('\n');
}

function renderArchitecture(project: Project, plants: ProjectPlants, rng: Rng): string {
  const lines = [`# ${project.title} architecture`, '', paragraphs(rng, 2), '', '## Dependencies', '', '```mermaid', 'graph LR'];
  const shown = project.services.filter((s) => !s.infra).slice(0, 12);
  const pg = project.services.find((s) => s.infra === 'postgres')!;
  const redis = project.services.find((s) => s.infra === 'redis')!;
  const ids = new Map<Svc, string>();
  shown.forEach((s, i) => ids.set(s, `S${i}`));
  for (const s of shown) {
    const wrong = plants.mismatch?.form === 'mermaid' && plants.mismatch.service === s ? plants.mismatch.wrong : undefined;
    const target = rng.pick(shown);
    const label = wrong ?? portText(s);
    lines.push(`    ${ids.get(s)}[${s.title} :${label}] --> ${target === s ? 'PG' : ids.get(target)}`);
  }
  lines.push(`    PG[(Postgres :${pg.port})]`, `    RD[(Redis :${redis.port})]`);
  if (plants.conflict?.form === 'mermaid') lines.push(`    BF[${titleOf(plants.conflict.intruder)} :${plants.conflict.holder.port}] --> PG`);
  lines.push('```', '', '## Notes', '', paragraphs(rng, 2), '');
  return lines.join('\n');
}

// Markdown with no port in it: most of a monorepo's Markdown (2-6 KB of prose, lists, option
// tables and code, as ADRs, runbooks and guides are).
function renderPlain(rng: Rng, kind: number, title: string): string {
  const lines: string[] = [];
  const bullets = (n: number) => Array.from({ length: n }, () => `- ${prose(rng, 1)}`);
  switch (kind % 4) {
    case 0:
      lines.push(`# ADR: ${title}`, '', '## Status', '', 'Accepted', '', '## Context', '', paragraphs(rng, rng.int(2, 5)), '', '## Decision', '', paragraphs(rng, rng.int(1, 3)), '');
      lines.push('## Consequences', '', ...bullets(rng.int(3, 7)), '', '## Alternatives considered', '', paragraphs(rng, rng.int(1, 3)), '');
      break;
    case 1:
      lines.push(`# Runbook: ${title}`, '', '## Symptoms', '', paragraphs(rng, rng.int(1, 3)), '', '## Steps', '');
      lines.push('1. Check the dashboard for error spikes.', '2. Roll the deployment back if the error rate keeps growing.', '3. Page the owning team.', '');
      lines.push('```bash', 'kubectl -n apps rollout status deployment/web', 'kubectl -n apps rollout undo deployment/web', 'kubectl -n apps logs deployment/web --since=15m | grep -i error', '```', '');
      lines.push('## Background', '', paragraphs(rng, rng.int(2, 5)), '', '## Follow-up', '', ...bullets(rng.int(2, 5)), '');
      break;
    case 2:
      lines.push(`# Guide: ${title}`, '', paragraphs(rng, rng.int(2, 4)), '', '## Options', '', '| Option | Default | Description |', '|---|---|---|');
      lines.push('| `retries` | `3` | How often a job is retried |', '| `timeout` | `30s` | Per request |', '| `batch` | `500` | Rows per batch |', '| `strict` | `false` | Reject unknown fields |', '');
      lines.push('```ts', "import { createClient } from './client';", '', 'const client = createClient({ retries: 3, timeout: 30_000 });', 'await client.sync({ batch: 500 });', '```', '');
      lines.push('## How it works', '', paragraphs(rng, rng.int(2, 5)), '', '## FAQ', '', ...bullets(rng.int(2, 5)), '');
      break;
    default:
      lines.push(`# Notes: ${title}`, '', paragraphs(rng, rng.int(3, 7)), '', '## Open questions', '', ...bullets(rng.int(2, 6)), '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The root: registry, shared infrastructure and the platform's docs

interface RootSvc {
  name: string;
  title: string;
  port: number;
  compose: string;
  container: number;
  range?: 'core' | 'tools';
  extra?: { role: string; port: number; container: number; udp?: boolean };
  aliases?: string[];
  stack: 'infra' | 'observability';
}

const ROOT: RootSvc[] = [
  { name: 'gateway', title: 'API Gateway', compose: 'api-gateway', port: 8000, container: 8000, range: 'core', extra: { role: 'grpc', port: 50051, container: 50051 }, aliases: ['api-gateway', 'API Gateway'], stack: 'infra' },
  { name: 'auth', title: 'Auth', compose: 'auth', port: 8001, container: 8080, range: 'core', stack: 'infra' },
  { name: 'accounts', title: 'Accounts', compose: 'accounts', port: 8002, container: 8080, range: 'core', stack: 'infra' },
  { name: 'notifications', title: 'Notifications', compose: 'notifications', port: 8003, container: 8080, range: 'core', stack: 'infra' },
  { name: 'feature-flags', title: 'Feature Flags', compose: 'feature-flags', port: 8004, container: 8080, range: 'core', stack: 'infra' },
  { name: 'docs-portal', title: 'Docs Portal', compose: 'docs-portal', port: 8005, container: 80, range: 'core', stack: 'infra' },
  { name: 'keycloak', title: 'Keycloak', compose: 'keycloak', port: 8101, container: 8080, range: 'tools', stack: 'infra' },
  { name: 'pgweb', title: 'Pgweb', compose: 'pgweb', port: 8102, container: 8081, range: 'tools', stack: 'infra' },
  { name: 'mailpit', title: 'Mailpit', compose: 'mailpit', port: 8125, container: 8025, range: 'tools', extra: { role: 'smtp', port: 1025, container: 1025 }, stack: 'infra' },
  { name: 'postgres', title: 'Postgres', compose: 'postgres', port: 5432, container: 5432, stack: 'infra' },
  { name: 'redis', title: 'Redis', compose: 'redis', port: 6379, container: 6379, stack: 'infra' },
  { name: 'kafka', title: 'Kafka', compose: 'kafka', port: 9092, container: 9092, stack: 'infra' },
  { name: 'zookeeper', title: 'Zookeeper', compose: 'zookeeper', port: 2181, container: 2181, stack: 'infra' },
  { name: 'minio', title: 'MinIO', compose: 'minio', port: 9000, container: 9000, extra: { role: 'console', port: 9001, container: 9001 }, stack: 'infra' },
  { name: 'prometheus', title: 'Prometheus', compose: 'prometheus', port: 9090, container: 9090, stack: 'observability' },
  { name: 'alertmanager', title: 'Alertmanager', compose: 'alertmanager', port: 9093, container: 9093, stack: 'observability' },
  { name: 'grafana', title: 'Grafana', compose: 'grafana', port: 3000, container: 3000, stack: 'observability' },
  { name: 'loki', title: 'Loki', compose: 'loki', port: 3100, container: 3100, stack: 'observability' },
  { name: 'tempo', title: 'Tempo', compose: 'tempo', port: 3200, container: 3200, stack: 'observability' },
  { name: 'jaeger', title: 'Jaeger', compose: 'jaeger', port: 16686, container: 16686, extra: { role: 'agent', port: 6831, container: 6831, udp: true }, stack: 'observability' },
  { name: 'node-exporter', title: 'Node Exporter', compose: 'node-exporter', port: 9100, container: 9100, stack: 'observability' },
  { name: 'otel-collector', title: 'OTel Collector', compose: 'otel-collector', port: 4318, container: 4318, extra: { role: 'grpc', port: 4317, container: 4317 }, stack: 'observability' },
];

/**
 * The run files of a project's first service folder, each saying what everything else says of it:
 * its dev server's port (package.json, Procfile), its image's container port (Dockerfile), and
 * the port a dev container forwards for it. Nothing in them clashes or mismatches.
 */
function renderPackage(p: Project, s: Svc): string {
  const manifest = { name: `@${p.name}/${s.name}`, private: true, scripts: { dev: `vite --port ${s.port}`, build: 'vite build', test: 'vitest run' }, devDependencies: { vite: '^5.4.0' } };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function renderProcfile(s: Svc): string {
  return `web: node server.js --port ${s.port}\nworker: node worker.js\n`;
}

function renderDockerfile(s: Svc): string {
  return ['FROM node:20-alpine', 'WORKDIR /app', 'COPY . .', `EXPOSE ${s.container}`, 'CMD ["node", "server.js"]', ''].join('\n');
}

function renderDevcontainer(p: Project, s: Svc): string {
  return [
    '{', `  "name": "${p.title}",`, '  // The dev server, forwarded from the container.', `  "forwardPorts": [${s.port}],`,
    `  "portsAttributes": { "${s.port}": { "label": "${s.name}" } },`, '}', '',
  ].join('\n');
}

/**
 * The project on a Kubernetes cluster of its own: its first service behind a NodePort Service
 * (node port 30000 + the project's index; the targetPort names the container port) and a node
 * agent DaemonSet on host port 9100, which every project's cluster has. Nothing here clashes or
 * mismatches: each project's folder is a cluster scope, apart from the compose stacks and docs
 * that give the same service other ports, and from the other projects' clusters.
 */
function renderManifest(p: Project): string {
  const s = p.services.find((x) => !x.infra && x.endPort === undefined)!;
  const workload = (kind: string, name: string, image: string, ports: string[]) => [
    'apiVersion: apps/v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`, 'spec:', '  selector:', '    matchLabels:', `      app: ${name}`, '  template:',
    '    metadata:', '      labels:', `        app: ${name}`, '    spec:', '      containers:', '        - name: main', `          image: ${image}`, '          ports:', ...ports,
  ];
  return [
    `# ${p.title} on its cluster`,
    ...workload('Deployment', s.name, s.image, ['            - name: http', `              containerPort: ${s.container}`]),
    '---',
    ...workload('DaemonSet', 'node-agent', 'example/node-agent:1.0', ['            - containerPort: 9100', '              hostPort: 9100', '            # - containerPort: 9101  (retired)']),
    '---',
    'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${s.name}`, 'spec:', '  type: NodePort', '  selector:', `    app: ${s.name}`, '  ports:',
    '    - name: http', '      port: 80', '      targetPort: http', `      nodePort: ${30000 + p.index}`,
    '',
  ].join('\n');
}

function renderRegistry(projects: Project[]): string {
  const lines = ['# The registry: the one place that says which port belongs to whom.', 'version: 1', '', 'ranges:'];
  lines.push('  core: { from: 8000, to: 8049, description: Core platform services }');
  lines.push('  tools: { from: 8100, to: 8149, description: Developer tools }');
  lines.push('', 'reserved:', '  - port: 22', '    reason: SSH', '  - ports: 8090-8099', '    reason: kept for expansion', '    kept_free: true', '');
  lines.push('services:');
  for (const s of ROOT) {
    lines.push(`  ${s.name}:`);
    if (s.range) lines.push(`    range: ${s.range}`);
    if (s.extra) lines.push(`    ports: { http: ${s.port}, ${s.extra.role}: ${s.extra.port} }`);
    else lines.push(`    ports: ${s.port}`);
    if (s.aliases) lines.push(`    aliases: [${s.aliases.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(', ')}]`);
  }
  lines.push('', 'projects:');
  for (const p of projects) lines.push(`  ${p.name}: { range: ${p.base}-${p.base + 99}, path: projects/${p.name}, description: ${p.title} }`);
  lines.push('');
  return lines.join('\n');
}

function renderRootCompose(stack: RootSvc['stack'], prod: boolean): string {
  const lines = [`# Shared ${stack}${prod ? ' (production)' : ''}`, 'services:'];
  for (const s of ROOT.filter((x) => x.stack === stack)) {
    lines.push(`  ${s.compose}:`, `    image: ${s.name === 'gateway' ? 'registry.example.com/platform/gateway:4.2.0' : `${s.name}:latest`}`, '    restart: unless-stopped', '    ports:');
    if (s.name === 'postgres') lines.push('      - target: 5432', '        published: 5432', '        host_ip: 127.0.0.1');
    else if (s.name === 'auth') lines.push(`      - "\${AUTH_PORT:-${s.port}}:${s.container}"`);
    else if (prod) lines.push(`      - "127.0.0.1:${s.port}:${s.container}"`);
    else lines.push(`      - "${s.port}:${s.container}"`);
    if (s.extra) lines.push(`      - "${s.extra.port}:${s.extra.container}${s.extra.udp ? '/udp' : ''}"`);
    if (s.name === 'grafana') lines.push('    environment:', '      GF_SERVER_ROOT_URL: http://localhost:3000', '      GF_DATABASE_URL: postgres://grafana:secret@postgres:5432/grafana');
  }
  lines.push('');
  return lines.join('\n');
}

function renderRootPortsDoc(): string {
  const lines = ['# Platform port allocation', '', 'The registry (`ports.yaml`) is the source of truth; this page is the readable copy.', ''];
  const table = (rows: RootSvc[]) => {
    lines.push('| Service | Port | Owner |', '|---|---|---|');
    for (const s of rows) lines.push(`| ${s.title} | ${s.port} | platform |`);
    lines.push('');
  };
  lines.push('## Core (8000-8049)', '');
  table(ROOT.filter((s) => s.range === 'core'));
  lines.push('## Tools (8100-8149)', '');
  table(ROOT.filter((s) => s.range === 'tools'));
  lines.push('## Data stores', '');
  table(ROOT.filter((s) => !s.range && s.stack === 'infra'));
  lines.push('## Observability', '');
  table(ROOT.filter((s) => s.stack === 'observability'));
  lines.push('## Reserved system ports (never use)', '', '| Port | Reason |', '|---|---|', '| 22 | SSH |', '');
  lines.push('## Endpoints', '', '```bash', 'export GATEWAY_URL=http://localhost:8000', 'export GRAFANA_URL=http://localhost:3000', '```', '');
  lines.push('```mermaid', 'graph TD', '    GW[API Gateway :8000] --> AU[Auth :8001]', '    GW --> AC[Accounts :8002]', '    AU --> PG[(Postgres :5432)]', '    PR[Prometheus :9090] --> GF[Grafana :3000]', '```', '');
  return lines.join('\n');
}

function renderProjectsDoc(projects: Project[]): string {
  const lines = ['# Projects', '', 'Each project owns a block of 100 host ports.', '', '## Project ranges', '', '| Project | Port Range | Team |', '|---|---|---|'];
  for (const p of projects) lines.push(`| ${p.name} | ${p.base}-${p.base + 99} | ${p.team} |`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The workspace

const ROOT_FILES = 9;
const PLAIN_PER_PROJECT = 4;

function projectNames(rng: Rng): string[] {
  const out: string[] = [];
  for (const a of ADJECTIVES) for (const n of NOUNS) if (a !== n) out.push(`${a}-${n}`);
  return rng.shuffle(out);
}

function planProjects(size: number, rng: Rng): Project[] {
  // Leave room for the fixed files of each project and for the Markdown that pads to the size.
  const names = projectNames(rng);
  const projects: Project[] = [];
  let files = ROOT_FILES;
  for (;;) {
    const p = makeProject(rng, projects.length, names[projects.length]);
    const count = coreFileCount(p) + PLAIN_PER_PROJECT;
    if (files + count > size || p.base + 99 > 65535) break;
    projects.push(p);
    files += count;
  }
  return projects;
}

function coreFileCount(p: Project): number {
  const stackEnvs = p.stacks.filter((s) => s.dir !== '' && s.env).length;
  return p.stacks.length + stackEnvs + 2 /* .env, .env.example */ + (p.prod ? 1 : 0) + p.serviceFolders.length + 1 /* .env.production */ + 3 /* docs */ + 1 /* manifest */ + 4 /* package.json, Procfile, Dockerfile, devcontainer.json */;
}

function plantsFor(p: Project, rng: Rng): ProjectPlants {
  const plants: ProjectPlants = {};
  const app = p.services.filter((s) => !s.infra);
  if (p.index % 2 === 0) {
    const forms = ['compose', 'table', 'mermaid'] as const;
    const form = forms[(p.index / 2) % 3];
    // The holder is a TCP service of the root stack (and of the mermaid graph, the first 12).
    const holders = p.stacks[0].services.slice(0, 10).filter((s) => !s.infra && !s.udp && s.endPort === undefined);
    plants.conflict = { form, holder: rng.pick(holders), intruder: rng.pick(INTRUDERS) };
  }
  if (p.index % 2 === 1 || p.index === 0) {
    const forms = ['table', 'mermaid', 'list', 'export'] as const;
    const form = forms[Math.floor(p.index / 2) % 4];
    // Written in at least four documents (compose, the ports table, the README list, the graph):
    // three still agree, so the majority is clear.
    const candidates = app.slice(0, 8).filter((s) => s.endPort === undefined && s !== plants.conflict?.holder);
    plants.mismatch = { form, service: rng.pick(candidates), wrong: p.base + 97 };
  }
  return plants;
}

export function buildWorkspace(size: number): { files: Map<string, string>; plants: Plant[]; projects: number } {
  const rng = new Rng(SEED ^ size);
  const projects = planProjects(size, rng);
  const out = new Files();
  const plants: Plant[] = [];

  out.add('ports.yaml', renderRegistry(projects));
  out.add('README.md', `# Monorepo\n\n${paragraphs(rng, 3)}\n\n## Layout\n\n- \`infra/\`: shared services\n- \`projects/\`: one folder per project\n- \`docs/\`: platform docs\n`);
  out.add('CONTRIBUTING.md', `# Contributing\n\n${paragraphs(rng, 3)}\n`);
  out.add('docs/PORTS.md', renderRootPortsDoc());
  out.add('docs/PROJECTS.md', renderProjectsDoc(projects));
  out.add('infra/docker-compose.yml', renderRootCompose('infra', false));
  out.add('infra/docker-compose.prod.yml', renderRootCompose('infra', true));
  out.add('infra/observability/docker-compose.yml', renderRootCompose('observability', false));
  out.add('infra/.env', '# Shared infrastructure\nAUTH_PORT=8001\nGATEWAY_PORT=8000\nPOSTGRES_PASSWORD=secret\nKEYCLOAK_URL=http://localhost:8101\n');
  if (out.size !== ROOT_FILES) throw new Error(`ROOT_FILES is ${ROOT_FILES}, wrote ${out.size}`);

  for (const p of projects) {
    const dir = `projects/${p.name}`;
    const planted = plantsFor(p, rng);
    for (const stack of p.stacks) {
      const at = stack.dir === '' ? dir : `${dir}/${stack.dir}`;
      let vars: Set<string> | undefined;
      if (stack.env) {
        const env = renderStackEnv(p, stack.services, rng);
        vars = env.vars;
        out.add(`${at}/.env`, env.text);
      }
      const intruder = stack.dir === '' && planted.conflict?.form === 'compose' ? { name: planted.conflict.intruder, port: planted.conflict.holder.port } : undefined;
      out.add(`${at}/docker-compose.yml`, renderCompose({ project: p, services: stack.services, stackEnv: vars, prod: false, intruder, rng }));
      if (intruder) plants.push({ rule: 'port-conflict', file: `${at}/docker-compose.yml`, service: intruder.name, port: intruder.port, note: `compose service on ${planted.conflict!.holder.name}'s port` });
      if (stack.dir === '') {
        out.add(`${at}/.env.example`, renderEnvExample(p, stack.services));
        if (p.prod) {
          const services = stack.services.slice(0, Math.min(stack.services.length, 24));
          out.add(`${at}/docker-compose.prod.yml`, renderCompose({ project: p, services, stackEnv: vars, prod: true, rng }));
        }
      }
    }
    for (const s of p.serviceFolders) out.add(`${dir}/services/${s.name}/.env`, renderServiceEnv(p, s, false, rng));
    out.add(`${dir}/services/${p.serviceFolders[0].name}/.env.production`, renderServiceEnv(p, p.serviceFolders[0], true, rng));
    out.add(`${dir}/docs/PORTS.md`, renderPortsDoc(p, planted, rng));
    out.add(`${dir}/README.md`, renderReadme(p, planted, rng));
    out.add(`${dir}/docs/ARCHITECTURE.md`, renderArchitecture(p, planted, rng));
    out.add(`${dir}/deploy/k8s/${p.name}.yaml`, renderManifest(p));
    const app = p.serviceFolders[0];
    out.add(`${dir}/services/${app.name}/package.json`, renderPackage(p, app));
    out.add(`${dir}/services/${app.name}/Procfile`, renderProcfile(app));
    out.add(`${dir}/services/${app.name}/Dockerfile`, renderDockerfile(app));
    out.add(`${dir}/.devcontainer/devcontainer.json`, renderDevcontainer(p, app));
    if (planted.conflict && planted.conflict.form !== 'compose') {
      const file = planted.conflict.form === 'table' ? `${dir}/docs/PORTS.md` : `${dir}/docs/ARCHITECTURE.md`;
      plants.push({ rule: 'port-conflict', file, service: planted.conflict.intruder, port: planted.conflict.holder.port, note: `${planted.conflict.form} entry on ${planted.conflict.holder.name}'s port` });
    }
    if (planted.mismatch) {
      const m = planted.mismatch;
      const file = m.form === 'mermaid' ? `${dir}/docs/ARCHITECTURE.md` : m.form === 'list' ? `${dir}/README.md` : `${dir}/docs/PORTS.md`;
      plants.push({ rule: 'port-mismatch', file, service: m.service.name, port: m.wrong, note: `${m.form} says ${m.wrong}, everything else ${m.service.port}` });
    }
    const plainTitles = ['Event sourcing for the ledger', 'Retry budget', 'Schema migrations', 'On-call handover', 'Release checklist', 'Feature flags', 'Data retention', 'Caching strategy', 'Error budgets'];
    for (let i = 0; i < PLAIN_PER_PROJECT; i++) out.add(plainPath(dir, i), renderPlain(rng, i, plainTitles[i % plainTitles.length]));
  }
  // Pad with plain Markdown to exactly `size` files, spread over the projects.
  let pad = 0;
  while (out.size < size) {
    const p = projects[pad % Math.max(projects.length, 1)];
    const dir = p ? `projects/${p.name}/docs/notes` : 'docs/notes';
    out.add(`${dir}/note-${String(pad).padStart(5, '0')}.md`, renderPlain(rng, pad, `Note ${pad}`));
    pad++;
  }
  return { files: out.texts, plants, projects: projects.length };
}

function plainPath(dir: string, i: number): string {
  const names = ['CHANGELOG.md', 'CONTRIBUTING.md', 'docs/adr/0001-record-decisions.md', 'docs/adr/0002-event-sourcing.md', 'docs/adr/0003-retry-budget.md', 'docs/runbooks/high-error-rate.md', 'docs/runbooks/stuck-queue.md', 'docs/guides/configuration.md', 'docs/guides/onboarding.md'];
  return `${dir}/${names[i % names.length]}`;
}

/** Writes the workspace of `size` files to bench/.work/<size>/ (replacing what was there). */
export function generate(size: number, workDir = WORK_DIR): GeneratedWorkspace {
  const root = path.join(workDir, String(size));
  const { files, plants, projects } = buildWorkspace(size);
  fs.rmSync(root, { recursive: true, force: true });
  let bytes = 0;
  const dirs = new Set<string>();
  for (const [file, text] of files) {
    const dir = path.dirname(path.join(root, file));
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    fs.writeFileSync(path.join(root, file), text);
    bytes += Buffer.byteLength(text);
  }
  const planted: Planted = {
    'port-conflict': plants.filter((p) => p.rule === 'port-conflict').length,
    'port-mismatch': plants.filter((p) => p.rule === 'port-mismatch').length,
  };
  const composeFiles = [...files.keys()].filter((f) => /(^|\/)docker-compose[^/]*\.ya?ml$/.test(f)).sort();
  const ws: GeneratedWorkspace = { size, root, files: files.size, bytes, projects, planted, plants, composeFiles };
  fs.writeFileSync(path.join(workDir, `${size}.json`), `${JSON.stringify(ws, null, 2)}\n`);
  return ws;
}

// Run as a script (`node --import tsx bench/generate.ts 1000`). Bundled into dist/bench.js, every
// module of the bundle is require.main: the script's name tells them apart.
if (require.main === module && /generate\.[jt]s$/.test(process.argv[1] ?? '')) {
  const sizes = process.argv.slice(2).map(Number);
  for (const size of sizes.length > 0 ? sizes : SIZES) {
    const ws = generate(size);
    console.log(`${ws.root}: ${ws.files} files, ${(ws.bytes / 1e6).toFixed(1)} MB, ${ws.projects} projects, planted ${JSON.stringify(ws.planted)}`);
  }
}
