// The ports.yaml registry: the one place that says which port belongs to which service.
//
// ## Registry format (`ports.yaml`, `.ports.yaml`, `ports.yml` or `.ports.yml`)
//
// ```yaml
// version: 1                          # optional; 1 is the only version
//
// ranges:                             # named blocks of ports
//   core: { from: 8000, to: 8009, description: Core services }
//   data: 8010-8019                   # shorthand: any range notation, quoted or not
//   data-hot: { range: 8010-8014, parent: data }
//   web-api: { from: 10000, to: 10099, parent: web }   # a parent may be a project
//
// reserved:                           # ports nothing may use
//   - port: 8080
//     reason: Common HTTP alt
//   - ports: 8070-8099
//     reason: kept for expansion
//     kept_free: true                 # kept for later: using it is notable, not forbidden
//   - 22                              # shorthand: a bare port or range, no reason
//
// services:
//   gateway:
//     range: core                     # a name from `ranges` (or `projects`)
//     ports: { http: 8000, grpc: 50051 }
//     aliases: [api-gateway, "API Gateway"]   # other spellings used in docs and compose
//     environment: production         # optional
//     protocol: tcp                   # optional: tcp (default), udp or sctp
//     description: Public entry point # optional
//   redis:
//     ports: 6379                     # a bare number is the main port
//   dns: 53                           # shorthand: the service's main port
//
// projects:                           # sub-scopes: the files under `path` belong to the project
//   web: { range: 10000-10999, path: apps/web, description: Web frontend }
// ```
//
// - Ports are whole numbers from 1 to 65535.
// - A range is either `from` + `to` or `range`, written as `8000-8009`, `8000–8009` (en dash),
//   `12000+` (up to 65535) or `80xx` (8000-8099).
// - In `ports`, the keys `main`, `port` and `default` name the main port; any other key is a role
//   (`http`, `grpc`, `metrics`, ...). Single-word synonyms are read as the usual role:
//   `rest` is `http`, `prometheus` is `metrics`, `websocket` is `ws`, `tls` is `https`.
// - A name that is both a range and a project refers to the range.
// - Unknown keys are errors, so a typo (`enviroment:`) is caught instead of silently ignored.

import * as z from 'zod';
import { MAX_PORT, parseRange } from '../../syntax/ports';

const Port = z.number().int().min(1).max(MAX_PORT).describe('A port number, 1-65535.');

const RangeText = z.string()
  .superRefine((text, ctx) => {
    if (parseRange(text) === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a port range such as "8000-8009", got ${describeValue(text)}` });
    }
  })
  .describe('A port range: "8000-8009", "8000–8009", "12000+" (up to 65535) or "80xx" (8000-8099).');

const rangeFields = {
  from: Port.optional().describe('First port of the range.'),
  to: Port.optional().describe('Last port of the range (inclusive).'),
  range: RangeText.optional(),
};

export type RangeFields = { from?: number; to?: number; range?: string };

/** Both range forms at once, or half of `from`/`to`, would leave the range ambiguous. */
function checkRangeForm(required: boolean) {
  return (value: RangeFields, ctx: z.RefinementCtx) => {
    const hasBounds = value.from !== undefined || value.to !== undefined;
    if (value.range !== undefined && hasBounds) {
      ctx.addIssue({ code: 'custom', path: ['range'], message: 'give either range or from/to, not both' });
    } else if (value.from !== undefined && value.to === undefined) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'required when from is given' });
    } else if (value.to !== undefined && value.from === undefined) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'required when to is given' });
    } else if (required && value.range === undefined && !hasBounds) {
      ctx.addIssue({ code: 'custom', message: 'a range needs from and to, or range' });
    } else if (typeof value.from === 'number' && typeof value.to === 'number' && value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `${value.to} is below from (${value.from})` });
    }
  };
}

const RangeObjectSchema = z.strictObject({
  ...rangeFields,
  parent: z.string().optional().describe('Name of the enclosing range or project.'),
  description: z.string().optional(),
}).superRefine(checkRangeForm(true));

export const RangeEntrySchema = z.union([RangeText, RangeObjectSchema], {
  error: 'expected a range such as "8000-8009" or a mapping with from/to',
});

const ReservedObjectSchema = z.strictObject({
  port: Port.optional(),
  ports: z.union([Port, RangeText], { error: 'expected a port or a range such as "8070-8099"' }).optional(),
  reason: z.string().optional(),
  kept_free: z.boolean().optional().describe('Kept free for later: using it is notable, not forbidden.'),
}).superRefine((value, ctx) => {
  if ((value.port === undefined) === (value.ports === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'give exactly one of port or ports' });
  }
});

export const ReservedEntrySchema = z.union([Port, RangeText, ReservedObjectSchema], {
  error: 'expected a port, a range such as "8070-8099", or a mapping with port or ports',
});

const ServicePortsSchema = z.union([Port, z.record(z.string(), Port)], {
  error: 'expected a port or a mapping of role to port, such as { http: 8000 }',
});

export const ServiceObjectSchema = z.strictObject({
  ports: ServicePortsSchema.optional(),
  range: z.string().optional().describe('Name of the range (or project) the service\'s ports come from.'),
  aliases: z.union([z.string(), z.array(z.string())], { error: 'expected a name or a list of names' })
    .optional().describe('Other spellings of the service name.'),
  environment: z.string().optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
  description: z.string().optional(),
});

const ServiceEntrySchema = z.union([Port, ServiceObjectSchema], {
  error: 'expected a port or a mapping with ports',
});

export const ProjectSchema = z.strictObject({
  ...rangeFields,
  path: z.string().optional().describe('Folder, relative to the workspace, whose files belong to the project.'),
  description: z.string().optional(),
}).superRefine(checkRangeForm(false));

// Empty sections (`services:` with nothing under it yet) are common while typing and mean "none".
export const RegistrySchema = z.strictObject({
  version: z.literal(1).optional(),
  ranges: z.record(z.string(), RangeEntrySchema).nullable().optional(),
  reserved: z.array(ReservedEntrySchema).nullable().optional(),
  services: z.record(z.string(), ServiceEntrySchema).nullable().optional(),
  projects: z.record(z.string(), ProjectSchema).nullable().optional(),
}).describe('Portolan port registry (ports.yaml).');

type Path = readonly PropertyKey[];

const SECTION_KEYS: Record<string, readonly string[]> = {
  ranges: Object.keys(RangeObjectSchema.shape),
  reserved: Object.keys(ReservedObjectSchema.shape),
  services: Object.keys(ServiceObjectSchema.shape),
  projects: Object.keys(ProjectSchema.shape),
};

/** The keys the object at `path` may have, for "unknown key" messages. */
export function knownKeys(path: Path): readonly string[] {
  if (path.length === 0) return Object.keys(RegistrySchema.shape);
  return path.length === 2 ? SECTION_KEYS[String(path[0])] ?? [] : [];
}

/** Whether the schema expects a port number at `path`, so a bad number there is an invalid port. */
export function isPortPath(path: Path): boolean {
  const [section, , field] = path;
  switch (section) {
    case 'ranges':
    case 'projects':
      return path.length === 3 && (field === 'from' || field === 'to');
    case 'reserved':
      return path.length === 2 || (path.length === 3 && (field === 'port' || field === 'ports'));
    case 'services':
      return path.length === 2 || (field === 'ports' && path.length <= 4);
    default:
      return false;
  }
}

/** A written value as messages quote it. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  return String(value);
}
