// port-mismatch between a compose service and the image it builds: compose publishes a container
// port (`"8080:3000"` sends the host's 8080 to 3000) that the image's Dockerfile neither exposes
// nor sets as its own port, while the Dockerfile does say which ports the image has. Reported at the
// container port in the compose file, with the Dockerfile's places as related information. Quiet
// wherever it is not sure what the image listens on: compose sets the port or runs another command
// (the compose place has no containerLoc then), an env file sets the service's own port, a port
// is left to a variable, a base image or a build arg (ImageUse.complete), the image says nothing.
import { takesPort, type Finding } from '../model';
import { compareLocations, placeKey, portText, where, type Place } from './model';
import { finding, type Rule } from './rule';

/** `places` are one service's (the service unit of `rule`, port-mismatch). */
export function imageMismatches(rule: Rule, places: ReadonlySet<Place>): Finding[] {
  const images: Place[] = [];
  const published: Place[] = [];
  for (const p of places) {
    if (p.source === 'dockerfile') images.push(p);
    else if (p.containerLoc !== undefined && p.containerPort !== undefined) published.push(p);
  }
  if (images.length === 0 || published.length === 0) return [];
  const declaredFor = new Map(published.map((c) => [c, imagePlaces(c, images)]));
  // A compose file that publishes a port the image declares has the service's port right: the
  // others it publishes there (a debugger, live reload) are listeners an image need not declare.
  const agreeing = new Set(published.filter((c) => declaredFor.get(c)?.some((d) => takesPort(d, c.containerPort!))).map((c) => c.loc.file));
  const out: Finding[] = [];
  for (const c of published.sort((a, b) => compareLocations(a.loc, b.loc))) {
    const port = c.containerPort!;
    const declared = declaredFor.get(c);
    if (!declared || declared.length === 0 || agreeing.has(c.loc.file)) continue;
    if (setsOwnPort(c, places)) continue;
    const values = [...new Set(declared.map(portText))].join(' / ');
    out.push(finding(rule, {
      message: `${c.service} publishes container port ${port} here, but its image declares ${values} (${where(declared[0].loc)})`,
      service: c.service,
      port,
      loc: c.containerLoc!,
      related: declared.map((d) => ({ loc: d.loc, message: d.variable ? `${d.variable}=${d.port}` : `EXPOSE ${portText(d)}${d.protocol === 'tcp' ? '' : `/${d.protocol}`}` })),
    }));
  }
  return out;
}

/**
 * The Dockerfile places of the image `c`'s compose file builds for its service, in document order;
 * undefined when that image may have ports they do not say, or when the file builds none here.
 */
function imagePlaces(c: Place, images: readonly Place[]): Place[] | undefined {
  const out: Place[] = [];
  let found = false;
  const seen = new Set<string>();
  for (const d of images) {
    if (d.unit !== c.unit || seen.has(d.loc.file)) continue;
    seen.add(d.loc.file);
    const image = d.fileRole.images?.find((i) => i.composeFile === c.loc.file);
    if (!image) continue;
    if (!image.complete) return undefined;
    found = true;
    out.push(...images.filter((e) => e.loc.file === d.loc.file && e.stage !== undefined && image.stages.has(e.stage)));
  }
  return found ? out.sort((a, b) => compareLocations(a.loc, b.loc)).filter((d, i, all) => i === 0 || placeKey(d.loc) !== placeKey(all[i - 1].loc)) : undefined;
}

/** An env file of the service's stack gives it its own port (`PORT=4000`): what the process listens on is that file's to say. */
function setsOwnPort(c: Place, places: ReadonlySet<Place>): boolean {
  for (const p of places) if (p.source === 'env' && p.own && p.unit === c.unit) return true;
  return false;
}
