// What a devcontainer.json says about ports, with where each value is written: `forwardPorts`,
// `appPort`, the labels of `portsAttributes`, and which compose service (`dockerComposeFile`,
// `service`) the dev container is. It is JSONC, as VS Code reads it: comments and trailing commas
// are allowed. A key written twice counts as JSON.parse takes it: the last one.
import { blankJsonc } from '../json/jsonc';
import { Scanner, type JsonNumber, type JsonText } from '../json/scanner';

/** A port entry as written: a number or a string. */
export type PortEntry = { number: JsonNumber } | { string: JsonText };

export interface DevcontainerConfig {
  name?: string;
  /** The compose service the dev container is (with `dockerComposeFile`). */
  service?: string;
  /** `dockerComposeFile`: one path or several, relative to the file's folder. */
  composeFiles: string[];
  forwardPorts: PortEntry[];
  appPort: PortEntry[];
  /** `portsAttributes`: each key (`"3000"`, `"8000-8099"`, `"db:5432"`) with its `label`, in the order written. */
  attributes: Array<{ key: JsonText; label?: string }>;
}

/** The configuration in `text`, or undefined when it is no JSONC object. Never throws. */
export function readDevcontainer(text: string): DevcontainerConfig | undefined {
  const json = blankJsonc(text);
  if (json === undefined) return undefined;
  const scanner = new Scanner(json, 0);
  const config: DevcontainerConfig = { composeFiles: [], forwardPorts: [], appPort: [], attributes: [] };
  const ok = scanner.object((key) => {
    switch (key.value) {
      case 'name':
      case 'service': {
        const value = scanner.peek() === '"' ? scanner.string() : undefined;
        config[key.value] = value?.value.trim() || undefined;
        return value !== undefined || scanner.skipValue();
      }
      case 'dockerComposeFile': {
        const paths = entries(scanner);
        config.composeFiles = paths?.flatMap((p) => ('string' in p ? [p.string.value] : [])) ?? [];
        return paths !== undefined;
      }
      case 'forwardPorts':
      case 'appPort': {
        const ports = entries(scanner);
        config[key.value] = ports ?? [];
        return ports !== undefined;
      }
      case 'portsAttributes': {
        const attributes = portsAttributes(scanner);
        config.attributes = attributes ?? [];
        return attributes !== undefined;
      }
      default:
        return scanner.skipValue();
    }
  });
  return ok ? config : undefined;
}

/** A number, a string, or an array of them (anything else in it is passed over); undefined when unreadable. */
function entries(scanner: Scanner): PortEntry[] | undefined {
  const out: PortEntry[] = [];
  const one = (): boolean => {
    const c = scanner.peek();
    if (c === '"') {
      const string = scanner.string();
      if (string) out.push({ string });
      return string !== undefined;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const number = scanner.number();
      if (number) out.push({ number });
      return number !== undefined;
    }
    return scanner.skipValue();
  };
  if (scanner.peek() !== '[') return one() ? out : undefined;
  return scanner.array(one) ? out : undefined;
}

function portsAttributes(scanner: Scanner): DevcontainerConfig['attributes'] | undefined {
  if (scanner.peek() !== '{') return scanner.skipValue() ? [] : undefined;
  const byKey = new Map<string, { key: JsonText; label?: string }>();
  const ok = scanner.object((key) => {
    let label: string | undefined;
    const read = scanner.peek() !== '{' ? scanner.skipValue() : scanner.object((field) => {
      if (field.value !== 'label' || scanner.peek() !== '"') return scanner.skipValue();
      const written = scanner.string();
      label = written?.value.trim() || undefined;
      return written !== undefined;
    });
    byKey.delete(key.value);
    byKey.set(key.value, { key, label });
    return read;
  });
  return ok ? [...byKey.values()] : undefined;
}
