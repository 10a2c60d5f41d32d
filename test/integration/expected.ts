// What the fixture workspace (test/fixtures/vscode-workspace) must produce. 0-based ranges, as
// vscode.Range has them; the comments give the 1-based line:column an editor shows.
//
// The fixture disagrees with itself on purpose:
//   - docker-compose.yml publishes 8081 for both ledger and fraud-detector (port-conflict);
//   - docs/PORTS.md's table says Settlement Engine is 8088, its mermaid graph, the compose file
//     and ports.yaml say 8087 (port-mismatch);
//   - .env has REPORTING_PORT=8083 where ports.yaml says 8082 (port-mismatch), and
//     LEGACY_CONSOLE_PORT=8005, a port ports.yaml reserves (reserved-port);
//   - legacy-console (.env) and fraud-detector (compose) are not in ports.yaml (unregistered-port, info).

export interface ExpectedRelated {
  file: string;
  line: number;
  character: number;
  message: string | RegExp;
}

export interface ExpectedDiagnostic {
  file: string;
  code: string;
  severity: 'error' | 'warning' | 'info';
  range: [number, number, number, number];
  message: RegExp;
  related: ExpectedRelated[];
}

export const EXPECTED_DIAGNOSTICS: ExpectedDiagnostic[] = [
  {
    // .env 4:16 `REPORTING_PORT=8083`
    file: '.env', code: 'port-mismatch', severity: 'warning', range: [3, 15, 3, 19],
    message: /^reporting is 8083 here, but 8082 in ports\.yaml:27$/,
    related: [{ file: 'ports.yaml', line: 26, character: 11, message: 'reporting: 8082' }],
  },
  {
    // .env 5:21 `LEGACY_CONSOLE_PORT=8005`
    file: '.env', code: 'reserved-port', severity: 'warning', range: [4, 20, 4, 24],
    message: /^legacy-console is on 8005, which is reserved \(8005: Legacy admin console, never use\)$/,
    related: [{ file: 'ports.yaml', line: 8, character: 10, message: 'reserved: Legacy admin console, never use' }],
  },
  {
    // .env 5:21 `LEGACY_CONSOLE_PORT=8005`
    file: '.env', code: 'unregistered-port', severity: 'info', range: [4, 20, 4, 24],
    message: /^legacy-console \(8005\) is not in ports\.yaml$/,
    related: [],
  },
  {
    // docker-compose.yml 17:10 `- "8081:9000"` under fraud-detector
    file: 'docker-compose.yml', code: 'port-conflict', severity: 'error', range: [16, 9, 16, 13],
    message: /^Port 8081 is taken by both fraud-detector and ledger \(docker-compose\.yml:13\)$/,
    related: [
      { file: 'docker-compose.yml', line: 12, character: 9, message: 'ledger: 8081' },
      { file: 'docs/PORTS.md', line: 14, character: 11, message: 'Ledger: 8081' },
      { file: 'docs/PORTS.md', line: 21, character: 32, message: 'Ledger: 8081' },
      { file: 'ports.yaml', line: 23, character: 11, message: 'ledger: 8081' },
    ],
  },
  {
    // docker-compose.yml 17:10, the same place
    file: 'docker-compose.yml', code: 'unregistered-port', severity: 'info', range: [16, 9, 16, 13],
    message: /^fraud-detector \(8081\) is not in ports\.yaml$/,
    related: [],
  },
  {
    // docs/PORTS.md 14:23 `| Settlement Engine | 8088 |`
    file: 'docs/PORTS.md', code: 'port-mismatch', severity: 'warning', range: [13, 22, 13, 26],
    message: /^Settlement Engine is 8088 here, but 8087 in docker-compose\.yml:9 and 2 more places$/,
    related: [
      { file: 'docker-compose.yml', line: 8, character: 9, message: 'settlement-engine: 8087' },
      { file: 'docs/PORTS.md', line: 20, character: 59, message: 'Settlement Engine: 8087' },
      { file: 'ports.yaml', line: 20, character: 19, message: 'settlement-engine: 8087' },
    ],
  },
];

export const FIXTURE_FILES = ['.env', 'docker-compose.yml', 'docs/PORTS.md', 'ports.yaml'];
