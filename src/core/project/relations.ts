// Which places speak about the same deployment (their ports of one service may be compared) and
// which would run on one host (two services on one port there clash).

import type { Allocation } from '../model';
import { Authority, covers, type FileRole } from './roles';

/** What the relations read of a place. */
export interface Situated extends Allocation {
  readonly fileRole: FileRole;
  readonly unit: string;
  readonly identity: string;
}

/**
 * Whether two places of one service describe the same deployment. Within a unit, always. A
 * registry speaks for everything under its folder. Stacks that run apart (two compose projects,
 * two folders' `.env`) may give one service different ports on purpose. A document speaks for the
 * stacks under the folder it is about (a README for its own folder and below, docs/ for the whole
 * repository).
 */
export function describeSame(a: Situated, b: Situated): boolean {
  if (a.fileRole.isolated !== b.fileRole.isolated) return false;
  if (a.unit === b.unit || registryOver(a, b) || registryOver(b, a)) return true;
  if (!a.fileRole.describes && !b.fileRole.describes) return false;
  if (a.fileRole.describes && b.fileRole.describes) return covers(a.fileRole.home, b.fileRole.home) || covers(b.fileRole.home, a.fileRole.home);
  const [doc, runs] = a.fileRole.describes ? [a, b] : [b, a];
  return covers(doc.fileRole.home, runs.fileRole.home);
}

/**
 * Whether two places would run on one host: in one unit (a compose project, one document, one
 * compose snippet), or in units something ties together — the registry, a file that lists both
 * services (`listedTogether`), an external network both stacks join. Independent stacks (an
 * examples collection, separate apps) never clash with each other, nor do compose projects that
 * are alternatives of each other (FileRole.alternatives).
 */
export function runTogether<T extends Situated>(a: T, b: T, listedTogether: (a: T, b: T) => boolean): boolean {
  if (a.fileRole.isolated !== b.fileRole.isolated || a.fileRole.alternatives.includes(b.unit)) return false;
  if (a.unit === b.unit || registryOver(a, b) || registryOver(b, a)) return true;
  if (a.networks && b.networks && a.fileRole.repository === b.fileRole.repository && a.networks.some((n) => b.networks!.includes(n))) return true;
  return listedTogether(a, b);
}

/**
 * Whether what a file declares for everyone (a forbidden list, a range kept free) holds for a
 * place: in the same test/example world, in a folder the file speaks for. A monorepo's projects
 * each keep their own reservations.
 */
export function speaksFor(declaring: FileRole, place: Situated): boolean {
  return declaring.isolated === place.fileRole.isolated && covers(declaring.home, place.fileRole.home);
}

/** A registry speaks for everything in the folder it sits in and below, test fixtures and examples apart. */
export function registryOver(registry: Situated, other: Situated): boolean {
  return registry.fileRole.authority === Authority.registry && registry.fileRole.isolated === other.fileRole.isolated
    && covers(registry.fileRole.home, other.fileRole.home);
}

/** Machines meet unless they are different and neither contains the other (`box` holds `box/vm`). */
export function machinesMeet(a?: string, b?: string): boolean {
  return a === undefined || b === undefined || a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** Services in profiles with none in common are variants of one another (`cpu` / `gpu`), never started together. */
export function profilesMeet(a?: readonly string[], b?: readonly string[]): boolean {
  return !a || !b || a.some((p) => b.includes(p));
}

/** One service under two names: a container name, an image, the service a VPN container publishes for. */
export function namesMeet(a: Situated, b: Situated): boolean {
  const aKey = a.serviceKey;
  const bKey = b.serviceKey;
  return (a.names?.includes(bKey) ?? false) || (b.names?.includes(aKey) ?? false)
    || (!!a.names && !!b.names && a.names.some((n) => b.names!.includes(n)));
}
