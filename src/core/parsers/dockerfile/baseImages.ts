// `EXPOSE` adds to the ports of the base image: `FROM nginx` exposes 80 whatever the Dockerfile
// says after it. Only images known to expose nothing of their own (operating systems, language
// runtimes and their build tools) leave a Dockerfile's ports as all the image has; on any other
// base, a port the Dockerfile does not write may still be exposed.

const QUIET_IMAGES = new Set([
  'scratch', 'alpine', 'busybox', 'debian', 'ubuntu', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux',
  'oraclelinux', 'archlinux', 'node', 'python', 'pypy', 'golang', 'rust', 'ruby', 'openjdk', 'eclipse-temurin',
  'amazoncorretto', 'ibm-semeru-runtimes', 'sapmachine', 'maven', 'gradle', 'clojure', 'elixir', 'erlang', 'haskell',
  'swift', 'perl', 'julia', 'dart', 'r-base', 'denoland/deno', 'oven/bun',
]);
const QUIET_PREFIXES = ['gcr.io/distroless/'];

/** `docker.io/library/node:20-alpine@sha256:…` → `node`; `gcr.io/distroless/static:nonroot` → `gcr.io/distroless/static`. */
function repositoryOf(image: string): string {
  const digest = image.indexOf('@');
  let name = (digest < 0 ? image : image.slice(0, digest)).toLowerCase();
  const tag = name.lastIndexOf(':');
  if (tag > name.lastIndexOf('/')) name = name.slice(0, tag);
  return name.replace(/^(?:(?:index\.)?docker\.io\/)?(?:library\/)?/, '');
}

/** Whether an image from a registry is known to expose no port of its own. */
export function exposesNothing(image: string): boolean {
  const repository = repositoryOf(image);
  return QUIET_IMAGES.has(repository) || QUIET_PREFIXES.some((p) => repository.startsWith(p));
}
