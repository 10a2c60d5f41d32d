// The registry format as JSON Schema (draft-07, what the YAML extension's language server reads),
// generated from the zod schema the parser validates with, so the two never disagree on shape.
// `npm run build` writes it to dist/ports.schema.json; package.json contributes it for ports.yaml
// through `yamlValidation`. Checks zod cannot express in JSON Schema (range notation, from <= to,
// one of port/ports) stay with Portolan's own diagnostics.
import * as z from 'zod';
import { RegistrySchema } from './registrySchema';

const REGISTRY_SCHEMA_ID = 'https://github.com/portolan/portolan/ports.schema.json';

const SECTIONS: Record<string, string> = {
  version: 'Format version; 1 is the only version.',
  ranges: 'Named blocks of ports: `core: { from: 8000, to: 8009 }` or `data: 8010-8019`.',
  reserved: 'Ports nothing may use (`kept_free: true`: kept for later, using it is notable).',
  services: 'Each service with its ports: `gateway: { range: core, ports: { http: 8000, grpc: 50051 } }`, or `dns: 53`.',
  projects: 'Sub-scopes: the files under `path` belong to the project.',
};

export function registryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RegistrySchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  for (const [key, description] of Object.entries(SECTIONS)) {
    if (properties[key]) properties[key] = { description, markdownDescription: description, ...properties[key] };
  }
  return { $id: REGISTRY_SCHEMA_ID, title: 'Portolan port registry (ports.yaml)', ...schema };
}
