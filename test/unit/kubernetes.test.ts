// Kubernetes manifests (src/core/parsers/kubernetes/): which files are manifests, the node ports
// they take (Service nodePorts, hostPorts) and the in-cluster ports they mention, Helm templates
// read only where literal, kustomizations, the cluster scopes node ports clash in, a Service's
// targetPort against its pods' ports, and the places hover, the tree, references and rename find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileFacts } from '../../src/core/model';
import { sourceKindIn } from '../../src/core/parsers/dispatch';
import { parseKubernetes } from '../../src/core/parsers/kubernetes';
import { buildRuleInput } from '../../src/core/rules/model';
import { targetAt } from '../../src/core/query/at';
import { placesOn } from '../../src/core/query/lookup';
import { allocationTable } from '../../src/core/query/allocations';
import { planMove } from '../../src/core/edits/movePort';
import { applyEdits, groupByFile } from '../../src/core/edits/textEdit';
import { brief, checkFiles } from '../support/memoryWorkspace';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

/** A Deployment whose pods are labelled `app: <name>` and declare `ports` (`containerPort` lines, already indented). */
function deployment(name: string, ports: string[], extra: string[] = []): string {
  return yaml(
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', '  selector:', '    matchLabels:', `      app: ${name}`,
    '  template:', '    metadata:', '      labels:', `        app: ${name}`, '    spec:', ...extra, '      containers:', '        - name: main', `          image: example/${name}:1`,
    ...(ports.length > 0 ? ['          ports:', ...ports] : []),
  );
}

/** A Service selecting `app: <app>` with the given port entries (already indented). */
function service(name: string, app: string, ports: string[], type = 'ClusterIP'): string {
  return yaml('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', `  type: ${type}`, '  selector:', `    app: ${app}`, '  ports:', ...ports);
}

const parse = (text: string, file = 'k8s/app.yaml') => parseKubernetes(text, { file });
const written = (text: string, f: { loc: { span: { startOffset: number; endOffset: number } } }) => text.slice(f.loc.span.startOffset, f.loc.span.endOffset);

// ---------------------------------------------------------------------------------------------
// Which files

test('a YAML file is a manifest by its content: apiVersion and kind at the top, or a kustomization\'s name', () => {
  assert.equal(sourceKindIn('deploy/web.yaml', service('web', 'web', ['    - port: 80'])), 'kubernetes');
  assert.equal(sourceKindIn('chart/templates/svc.yml', 'apiVersion: {{ .Values.api }}\nkind: Service\n'), 'kubernetes');
  assert.equal(sourceKindIn('overlays/dev/kustomization.yaml', 'resources:\n  - ../../base\n'), 'kubernetes');
  assert.equal(sourceKindIn('pod.yaml', '\uFEFFapiVersion: v1\nkind: Pod\n'), 'kubernetes');
  // A Helm chart's Chart.yaml has an apiVersion and no kind; a compose file is one by its name first.
  assert.equal(sourceKindIn('chart/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 1.0.0\n'), undefined);
  assert.equal(sourceKindIn('docker-compose.yml', 'apiVersion: v1\nkind: Service\nservices:\n  web:\n    ports: ["80:80"]\n'), 'compose');
  assert.equal(sourceKindIn('notes.txt', 'apiVersion: v1\nkind: Service\n'), undefined);
  assert.equal(sourceKindIn('ci.yaml', 'on: push\njobs:\n  build:\n    kind: x\n'), undefined);
});

// ---------------------------------------------------------------------------------------------
// Facts

test('node ports are allocations of their Service or workload; in-cluster ports are mentions; all at their digits', () => {
  const text = [
    deployment('storefront', ['            - name: http', '              containerPort: 8080', '              hostPort: 18080']),
    service('storefront', 'storefront', ['    - name: http', '      port: 80', '      targetPort: 8080', '      nodePort: 30080', '    - port: 9090', '      protocol: UDP', '      nodePort: 30090'], 'NodePort'),
  ].join('---\n');
  const facts = parse(text);
  assert.deepEqual(facts.notes, []);
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port, a.protocol, a.containerPort, a.role, written(text, a)]), [
    ['storefront', 18080, 'tcp', 8080, 'http', '18080'],
    ['storefront', 30080, 'tcp', 8080, 'http', '30080'],
    ['storefront', 30090, 'udp', 9090, undefined, '30090'],
  ]);
  assert.ok(facts.allocations.every((a) => a.source === 'kubernetes' && !a.claim));
  assert.deepEqual(facts.mentions.map((m) => [m.port, written(text, m)]), [[8080, '8080'], [80, '80'], [8080, '8080'], [9090, '9090']]);
});

test('a commented-out port is no fact; the same line uncommented is', () => {
  const commented = service('cart', 'cart', ['    - port: 80', '      # nodePort: 30080', '    # - port: 81', '    #   nodePort: 30081']);
  assert.deepEqual(parse(commented).allocations, []);
  assert.deepEqual(parse(commented).mentions.map((m) => m.port), [80]);
  const uncommented = service('cart', 'cart', ['    - port: 80', '      nodePort: 30080']);
  assert.deepEqual(parse(uncommented).allocations.map((a) => a.port), [30080]);
});

test('a pod on the node\'s network takes its container ports on the node', () => {
  const text = deployment('agent', ['            - containerPort: 9100', '            - containerPort: 9200', '              hostPort: 19200'], ['      hostNetwork: true']);
  assert.deepEqual(parse(text).allocations.map((a) => [a.service, a.port, a.containerPort]), [['agent', 9100, 9100], ['agent', 19200, 9200]]);
  const off = deployment('agent', ['            - containerPort: 9100'], ['      hostNetwork: false']);
  assert.deepEqual(parse(off).allocations, []);
});

test('Pods, CronJobs and Lists are read; objects without pods say nothing; a quoted number is no port', () => {
  const text = yaml(
    'apiVersion: v1', 'kind: List', 'items:',
    '  - apiVersion: v1', '    kind: Pod', '    metadata: { name: probe }', '    spec:', '      containers:', '        - name: p', '          ports: [{ containerPort: 7000, hostPort: 17000 }]',
    '  - apiVersion: batch/v1', '    kind: CronJob', '    metadata: { name: nightly }', '    spec:', '      jobTemplate:', '        spec:', '          template:', '            spec:',
    '              containers:', '                - name: n', '                  ports:', '                    - { containerPort: 7100, hostPort: 17100 }',
    '  - apiVersion: v1', '    kind: ConfigMap', '    metadata: { name: settings }', '    data: { nodePort: "30080", hostPort: "18080" }',
    '  - apiVersion: v1', '    kind: Service', '    metadata: { name: quoted }', '    spec:', '      ports: [{ port: 80, nodePort: "30081" }]',
  );
  assert.deepEqual(parse(text).allocations.map((a) => [a.service, a.port]), [['probe', 17000], ['nightly', 17100]]);
});

test('an out-of-range number where a port belongs is invalid-port; 0 asks for no node port', () => {
  const text = service('cart', 'cart', ['    - port: 80', '      nodePort: 70000', '    - port: 81', '      nodePort: 0']);
  const facts = parse(text);
  assert.deepEqual(facts.problems.map((p) => [p.rule, p.port, written(text, p)]), [['invalid-port', 70000, '70000']]);
  assert.deepEqual(facts.allocations, []);
});

test('Helm templates: literal values are read, placeholders and template lines are not, and nothing throws', () => {
  const text = yaml(
    '{{- if .Values.service.enabled }}', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: checkout', '  labels:', '    {{- include "chart.labels" . | nindent 4 }}',
    'spec:', '  type: NodePort', '  selector:', '    app: checkout', '  ports:', '    - port: {{ .Values.service.port }}', '      nodePort: {{ .Values.service.nodePort }}',
    '    - port: 8443 {{/* fixed */}}', '      nodePort: 30443', '{{- end }}', '---',
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: {{ include "chart.fullname" . }}', 'spec:', '  ports:', '    - port: 80', '      nodePort: 30444',
    '---', '{{ range .Values.extra }}', '{{ .name }}: {{', '{{ end }}',
  );
  const facts = parse(text, 'chart/templates/checkout.yaml');
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port, written(text, a)]), [['checkout', 30443, '30443']]);
  assert.deepEqual(facts.mentions.map((m) => m.port), [8443, 80]);
  assert.deepEqual(facts.problems, []);
  // A Service whose labels a template line pastes in is not known whole: it is not kept for the targetPort check.
  assert.deepEqual(facts.kubernetes?.services ?? [], []);
});

test('a document that is no YAML once its template actions are set aside is left out with a note, not an error', () => {
  const text = yaml('apiVersion: v1', 'kind: Service', 'metadata: { name: web', 'spec: {{ toYaml .Values.spec | nindent 2 }}', '---', service('api', 'api', ['    - port: 80', '      nodePort: 30080']).trimEnd());
  const facts = parse(text);
  assert.equal(facts.notes.length, 1);
  assert.match(facts.notes[0], /line 1/);
  assert.deepEqual(facts.allocations.map((a) => a.service), ['api']);
  assert.deepEqual(facts.problems, []);
});

test('a kustomization lists its resources as paths from the check root; remote ones are left out', () => {
  const text = yaml('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', '  - service.yaml', '  - ../../base', '  - https://example.com/app.yaml', 'components:', '  - ../../components/tls');
  assert.deepEqual(parse(text, 'overlays/prod/kustomization.yaml').kubernetes?.resources, ['overlays/prod/service.yaml', 'base', 'components/tls']);
  assert.deepEqual(parse('resources:\n  - deploy.yaml\n', 'app/kustomization.yml').kubernetes?.resources, ['app/deploy.yaml']);
});

// ---------------------------------------------------------------------------------------------
// Cluster scopes: node ports clash

const nodePortService = (name: string, port: number) => service(name, name, ['    - port: 80', '      targetPort: 8080', `      nodePort: ${port}`], 'NodePort');

test('port-conflict: two Services on one node port in one folder clash; in two folders they do not', () => {
  const one = checkFiles({ 'k8s/a.yaml': nodePortService('storefront', 30080), 'k8s/b.yaml': nodePortService('checkout', 30080) });
  assert.deepEqual(one.findings.map(brief), ['port-conflict@k8s/b.yaml:12']);
  assert.match(one.findings[0].message, /Port 30080 is taken by both checkout and storefront/);
  const apart = checkFiles({ 'shop/a.yaml': nodePortService('storefront', 30080), 'blog/b.yaml': nodePortService('checkout', 30080) });
  assert.deepEqual(apart.findings.map(brief), []);
});

test('port-conflict: a hostPort and a nodePort on one port clash; the same Service twice does not', () => {
  const files = {
    'k8s/agent.yaml': deployment('agent', ['            - containerPort: 8080', '              hostPort: 30080']),
    'k8s/svc.yaml': nodePortService('storefront', 30080),
    'k8s/svc-copy.yaml': nodePortService('agent', 30080),
  };
  assert.deepEqual(checkFiles(files).findings.map(brief), ['port-conflict@k8s/svc.yaml:12']);
});

test('a kustomization ties the folders it lists into one cluster; a base two overlays list stays its own', () => {
  const tied = checkFiles({
    'app/kustomization.yaml': 'resources:\n  - web\n  - api/service.yaml\n',
    'app/web/kustomization.yaml': 'resources:\n  - service.yaml\n',
    'app/web/service.yaml': nodePortService('storefront', 30080),
    'app/api/service.yaml': nodePortService('checkout', 30080),
  });
  assert.deepEqual(tied.findings.map(brief), ['port-conflict@app/web/service.yaml:12']);
  const shared = checkFiles({
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n  - extra.yaml\n',
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n',
    'base/kustomization.yaml': 'resources:\n  - service.yaml\n',
    'base/service.yaml': nodePortService('storefront', 30080),
    'overlays/dev/extra.yaml': nodePortService('checkout', 30080),
  });
  assert.deepEqual(shared.findings.map(brief), []);
});

test('a cluster\'s node ports never meet a compose host\'s ports, a registry\'s or a document\'s', () => {
  const files = {
    'k8s/svc.yaml': nodePortService('storefront', 30080),
    'docker-compose.yml': 'services:\n  checkout:\n    ports:\n      - "30080:80"\n',
    'ports.yaml': 'version: 1\nservices:\n  storefront:\n    ports: 8080\n  billing:\n    ports: 30080\n',
    'README.md': '# Ports\n\n| Service | Port |\n|---|---|\n| storefront | 8081 |\n| ledger | 30080 |\n',
  };
  const findings = checkFiles(files).findings.filter((f) => f.loc.file === 'k8s/svc.yaml' || f.related.some((r) => r.loc.file === 'k8s/svc.yaml'));
  assert.deepEqual(findings.map(brief), []);
});

// ---------------------------------------------------------------------------------------------
// A Service's targetPort against its pods' ports

const declaresHttp = ['            - name: http', '              containerPort: 8080'];

test('port-mismatch: a targetPort no selected container declares, at the targetPort, related to the declared ports', () => {
  const files = { 'k8s/app.yaml': [deployment('storefront', declaresHttp), service('storefront', 'storefront', ['    - port: 80', '      targetPort: 8000'])].join('---\n') };
  const c = checkFiles(files);
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@k8s/app.yaml:31']);
  const [f] = c.findings;
  assert.equal(f.severity, 'warning');
  assert.equal(c.textAt(f.loc), '8000');
  assert.equal(f.message, 'Service storefront sends port 80 to targetPort 8000, but no container of storefront declares it (8080 (http) in k8s/app.yaml:19)');
  assert.deepEqual(f.related.map((r) => [r.loc.span.startLine, r.message]), [[19, 'containerPort 8080 (http)']]);
});

test('port-mismatch: a named targetPort no container names, and a missing targetPort, which defaults to the port', () => {
  const files = {
    'k8s/deploy.yaml': deployment('storefront', declaresHttp),
    'k8s/service.yaml': service('storefront', 'storefront', ['    - port: 80', '      targetPort: web', '    - port: 8081']),
  };
  const c = checkFiles(files);
  assert.deepEqual(c.findings.map((f) => [brief(f), c.textAt(f.loc)]), [['port-mismatch@k8s/service.yaml:11', 'web'], ['port-mismatch@k8s/service.yaml:12', '8081']]);
  assert.match(c.findings[0].message, /targetPort "web", but no container of storefront names it/);
});

test('no port-mismatch where the target is declared, by number or by name, or where nothing is certain', () => {
  const agrees = (ports: string[]) => checkFiles({ 'k8s/d.yaml': deployment('storefront', declaresHttp), 'k8s/s.yaml': service('storefront', 'storefront', ports) }).findings;
  assert.deepEqual(agrees(['    - port: 80', '      targetPort: 8080']), []);
  assert.deepEqual(agrees(['    - port: 80', '      targetPort: http']), []);
  assert.deepEqual(agrees(['    - port: 8080']), []);
  const none = (files: Record<string, string>) => assert.deepEqual(checkFiles(files).findings.map(brief), [], Object.keys(files).join(', '));
  const wrongTarget = service('storefront', 'storefront', ['    - port: 80', '      targetPort: 8000']);
  // No workload in the scope selected: the pods may come from elsewhere.
  none({ 'k8s/s.yaml': wrongTarget });
  none({ 'k8s/s.yaml': wrongTarget, 'other/d.yaml': deployment('storefront', declaresHttp) });
  // The selected pods declare no ports: a container may listen on ports it does not declare.
  none({ 'k8s/s.yaml': wrongTarget, 'k8s/d.yaml': deployment('storefront', []) });
  // A pod template whose labels a Helm line pastes in might be selected too.
  const templated = deployment('storefront', declaresHttp).replace('        app: storefront\n', '        {{- include "labels" . | nindent 8 }}\n');
  none({ 'k8s/s.yaml': wrongTarget, 'k8s/d.yaml': deployment('storefront', declaresHttp), 'k8s/t.yaml': templated });
  // A port written with a placeholder may be the target.
  none({ 'k8s/s.yaml': wrongTarget, 'k8s/d.yaml': deployment('storefront', [...declaresHttp, '            - containerPort: {{ .Values.port }}']) });
  // Namespaces: one written, one left out, are not known to be one.
  none({ 'k8s/s.yaml': wrongTarget.replace('  name: storefront\n', '  name: storefront\n  namespace: shop\n'), 'k8s/d.yaml': deployment('storefront', declaresHttp) });
});

test('the targetPort check follows edits of the other manifests of its cluster', () => {
  const files: Record<string, string> = {
    'k8s/d.yaml': deployment('storefront', declaresHttp),
    'k8s/s.yaml': service('storefront', 'storefront', ['    - port: 80', '      targetPort: 9000']),
  };
  const c = checkFiles(files);
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@k8s/s.yaml:11']);
  files['k8s/d.yaml'] = deployment('storefront', ['            - containerPort: 9000']);
  c.model.update('k8s/d.yaml');
  assert.deepEqual(c.model.findings().map(brief), []);
  delete files['k8s/d.yaml'];
  c.model.update('k8s/d.yaml');
  assert.deepEqual(c.model.findings().map(brief), []);
  files['k8s/d.yaml'] = deployment('storefront', declaresHttp);
  c.model.update('k8s/d.yaml');
  assert.deepEqual(c.model.findings().map(brief), ['port-mismatch@k8s/s.yaml:11']);
});

test('portolan-ignore above a targetPort silences it', () => {
  const text = [deployment('storefront', declaresHttp), service('storefront', 'storefront', ['    - port: 80', '      # portolan-ignore port-mismatch', '      targetPort: 8000'])].join('---\n');
  assert.deepEqual(checkFiles({ 'k8s/app.yaml': text }).findings, []);
});

// ---------------------------------------------------------------------------------------------
// Hover, tree, references, rename

test('a node port is a place: hover and references find it, the tree lists it, rename edits exactly its digits', () => {
  const files: Record<string, string> = {
    'k8s/svc.yaml': service('storefront', 'storefront', ['    - port: 80', '      targetPort: 8080', '      nodePort: 30080'], 'NodePort'),
    'k8s/agent.yaml': deployment('agent', ['            - containerPort: 9100', '              hostPort: 19100']),
    'docker-compose.yml': 'services:\n  storefront:\n    ports:\n      - "30080:8080"\n',
  };
  const c = checkFiles(files);
  const input = buildRuleInput(c.model.files() as Iterable<FileFacts>);
  const at = targetAt(input, 'k8s/svc.yaml', { line: 12, column: 18 });
  assert.equal(at?.kind, 'place');
  const place = at.kind === 'place' ? at.place : assert.fail();
  assert.deepEqual([place.service, place.port, place.source], ['storefront', 30080, 'kubernetes']);
  assert.deepEqual(placesOn(input, 30080, 30080).map((p) => p.loc.file).sort(), ['docker-compose.yml', 'k8s/svc.yaml']);
  assert.equal(targetAt(input, 'k8s/svc.yaml', { line: 11, column: 20 })?.kind, 'mention');
  // The tree lists the node port under the service of that name, with each place it is written.
  assert.deepEqual(allocationTable(input).map((r) => [r.service, r.port, r.places.map((p) => p.loc.file)]), [
    ['agent', 19100, ['k8s/agent.yaml']],
    ['storefront', 30080, ['docker-compose.yml', 'k8s/svc.yaml']],
  ]);
  // The compose service of the same name is another host: a rename of the node port leaves it alone.
  const plan = planMove(input, place, 30081, { read: (f) => files[f] });
  assert.deepEqual(plan.skipped, []);
  const after = { ...files };
  for (const [file, edits] of groupByFile(plan.edits)) after[file] = applyEdits(files[file], edits);
  assert.deepEqual(after, { ...files, 'k8s/svc.yaml': files['k8s/svc.yaml'].replace('nodePort: 30080', 'nodePort: 30081') });
  const host = input.places.find((p) => p.service === 'agent')!;
  const moved = planMove(input, host, 19101, { read: (f) => files[f] });
  assert.deepEqual(moved.edits.map((e) => [e.file, files[e.file].slice(e.start, e.end), e.newText]), [['k8s/agent.yaml', '19100', '19101']]);
});

test('a nodePort outside 30000-32767, which the API server refuses by default, is an invalid-port warning at its digits; the port is still the Service\'s', () => {
  const text = service('cart', 'cart', ['    - port: 80', '      nodePort: 3000', '    - port: 81', '      nodePort: 30081', '    - port: 82', '      nodePort: 32768'], 'NodePort');
  const f = parse(text);
  assert.deepEqual(f.problems.map((p) => `${p.rule} ${p.severity} ${p.port} ${written(text, p)}`), ['invalid-port warning 3000 3000', 'invalid-port warning 32768 32768']);
  assert.deepEqual(f.allocations.map((a) => a.port), [3000, 30081, 32768]);
});
