// Real-looking seed texts for the mutation fuzzers: every port source in test/fixtures and
// examples (and, for `npm run fuzz`, the seed documents in ../shared/seeds when they are there),
// plus a few snippets for the pieces no fixture covers on its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceKind } from '../../src/core/model';
import { mayBeSource, sourceKindIn } from '../../src/core/parsers/dispatch';

export const ROOT = path.resolve(__dirname, '../..');

export interface Seed {
  /** Path relative to the repository (or `inline:NAME`). */
  name: string;
  kind: SourceKind;
  text: string;
}

const INLINE: Seed[] = [
  {
    name: 'inline:mermaid.md',
    kind: 'markdown',
    text: [
      '## Architecture', '', '```mermaid', 'graph TD', '  subgraph Production', '    GW[API Gateway :8080] --> TE[Token Engine :8081]',
      '    TE --> DB[(PostgreSQL :5432)]', '    P[Proxy :10008-10009]', '    ssl[ssl Caddy \\n ports: 80, 443]', '  end',
      '  R{{Reporting Engine<br/>:8087}} -.-> S([Settlement Engine :8088])', '```', '',
    ].join('\n'),
  },
  {
    name: 'inline:fences.md',
    kind: 'markdown',
    text: [
      '# Token Engine (Port 8081)', '', '```bash', 'export PORT=8081', 'TOKEN_ENGINE_URL=http://localhost:8081/metrics', 'set "GATEWAY_PORT=8080"',
      'docker run -p 8080:80 nginx', '```', '', '```yaml', 'services:', '  web:', '    ports:', '      - "127.0.0.1:8001:8001"', '      - "${WEB_PORT:-8080}:80"',
      '```', '', '```env', '# Test environment', 'TEST_POSTGRES_PORT=5433', 'DB_HOST=db', 'DB_PORT=5432', '```', '', '```', 'Gateway:  http://localhost:8080/health', '```', '',
    ].join('\n'),
  },
  {
    name: 'inline:tables.md',
    kind: 'markdown',
    text: [
      '# Ports', '', '## Core Services (8000-8009)', '', '| Service | HTTP Port | gRPC Port | Internal URL | Environment |', '|---|---|---|---|---|',
      '| Gateway | **8000** | 50051 | http://gateway:8000 | Production |', '| n8n / Redis | 5678 / 6379 | - | redis://redis:6379 | dev |',
      '| (reserved) | 8009 | | | |', '', '> | Name | Port |', '> |---|---|', '> | quoted | 8002/udp |', '',
      '## Reserved system ports (never use)', '', '- **22**: SSH', '- Grafana: 3000', '- **compliance-monitor (8017)**: compliance', '',
      'See http://localhost:9090/metrics and `curl localhost:8080`.', '',
    ].join('\n'),
  },
  {
    name: 'inline:chart.yaml',
    kind: 'kubernetes',
    text: [
      '# Source: chart/templates/web.yaml', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: {{ include "chart.fullname" . }}', '  labels:',
      '    {{- include "chart.labels" . | nindent 4 }}', 'spec:', '  type: NodePort', '  selector:', '    app: web', '  ports:', '    - port: 80',
      '      targetPort: http', '      nodePort: 30080', '    - port: {{ .Values.metricsPort }}', '---', 'apiVersion: apps/v1', 'kind: DaemonSet',
      'metadata: { name: agent }', 'spec:', '  template:', '    metadata:', '      labels: { app: web }', '    spec:', '      hostNetwork: true',
      '      containers:', '        - name: agent', '          ports:', '            - { containerPort: 9100, name: metrics }',
      '            # - containerPort: 9101', '            - containerPort: 8080', '              hostPort: 18080', '              name: http', '',
    ].join('\n'),
  },
  {
    name: 'inline:urls.env',
    kind: 'env',
    text: [
      'SERVICE_NAME=gateway', 'PORT=8080', 'GRPC_PORT=50051', 'TOKEN_ENGINE_URL=http://localhost:8081', 'REDIS_URL=redis://:secret@redis:6379/0',
      'CORS=http://localhost:3000,http://[::1]:3001', 'DB_HOST=db', 'DB_PORT=5432', 'VITE_API_URL=http://api.example.com:443', "QUOTED='8082' # comment",
      'MULTI="a', 'b"', 'EMPTY=', 'X_PORT=${UNSET}', 'export Y_PORT=0x1F90', '',
    ].join('\r\n'),
  },
];

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, out);
    else if (entry.isFile()) out.push(abs);
  }
}

/** The seeds, in a fixed order (so a fixed fast-check seed means fixed inputs). */
export function loadSeeds(options: { shared?: boolean } = {}): Seed[] {
  const dirs = [path.join(ROOT, 'test/fixtures'), path.join(ROOT, 'examples')];
  if (options.shared) dirs.push(path.resolve(ROOT, '../shared/seeds'));
  const files: string[] = [];
  for (const dir of dirs) walk(dir, files);
  const seeds: Seed[] = [];
  for (const abs of files) {
    if (!mayBeSource(abs)) continue;
    const text = fs.readFileSync(abs, 'utf8');
    const kind = sourceKindIn(abs, text);
    if (kind) seeds.push({ name: path.relative(ROOT, abs), kind, text });
  }
  return [...seeds, ...INLINE];
}
