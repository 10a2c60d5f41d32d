// What a Dockerfile is in the deployment: the image of the compose service that builds it. Its
// places take that service's identity and unit, so they sit beside the ports the service publishes
// (hover, references, the allocation table) and can be compared with them (rules/imageMismatch.ts).
// Which of its places count is decided per compose file that builds it: the stage built (the
// service's `build.target`, else the last) and the stages that one starts from.
import type { Allocation, FileFacts, ImageBuild, ImageStage } from '../model';
import { dirOf } from '../syntax/paths';
import type { FileRole } from './roles';

/** The image one compose file's service runs, or the one built without a target when none builds the file. */
export interface ImageUse {
  /** The compose file whose service builds it; undefined when no compose file does. */
  composeFile?: string;
  /** The stages whose ports the image has: the one built and those it starts from. */
  stages: ReadonlySet<number>;
  /**
   * Whether the places of those stages are every port the image has: no port of theirs is left to a
   * variable or to a base image, and the service's `build.args` set none of the `ARG`s they come from.
   */
  complete: boolean;
}

/** A compose service building a Dockerfile, with the deployment unit of its compose file. */
export interface ImageBuilder extends ImageBuild {
  composeFile: string;
  unit: { key: string; folder: string };
}

/** The unit, the service and the images of a Dockerfile, from the compose services that build it. */
export interface ImageRole {
  unit: { key: string; folder: string };
  /** The one service (key) that builds it: its places are that service's. */
  service?: string;
  images: ImageUse[];
}

export function imageRole(f: FileFacts, builders: readonly ImageBuilder[]): ImageRole {
  const stages = f.stages ?? [];
  const own = { key: `dockerfile:${f.file}`, folder: dirOf(f.file) };
  if (builders.length === 0) return { unit: own, images: [use(stages, undefined, [], undefined)] };
  const images = builders.map((b) => use(stages, b.target, b.args, b.composeFile));
  // Two services (or two stacks) that build one Dockerfile: whose its ports are is not one answer.
  const one = builders.every((b) => b.service === builders[0].service && b.unit.key === builders[0].unit.key);
  return one ? { unit: builders[0].unit, service: builders[0].service, images } : { unit: own, images };
}

function use(stages: readonly ImageStage[], target: string | undefined, args: readonly string[], composeFile: string | undefined): ImageUse {
  const built = target === undefined ? stages.length - 1 : stages.findIndex((s) => s.name === target);
  const chain = new Set<number>();
  // Parents are earlier stages, so the walk ends.
  for (let i: number | undefined = built < 0 ? undefined : built; i !== undefined; i = stages[i].parent) chain.add(i);
  const complete = chain.size > 0 && [...chain].every((i) => !stages[i].unknownPorts && !stages[i].args?.some((a) => args.includes(a)));
  return { composeFile, stages: chain, complete };
}

/** Whether a place of a Dockerfile is in a stage one of its images has (every other file's place is). */
export function inImage(a: Allocation, role: FileRole): boolean {
  return a.stage === undefined || !role.images || role.images.some((image) => image.stages.has(a.stage!));
}
