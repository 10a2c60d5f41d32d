// Dockerfiles: the ports an image listens on inside its container, `EXPOSE 8080 53/udp 7000-7010`
// and its own port variable (`ENV PORT=3000`, `ARG PORT=3000`). They are the container side of
// whatever publishes the image: references (claims) that never take a host port and never clash.
// Each place belongs to the build stage it is written in: which stage is the image a compose
// service runs (the last, or its `build.target`) is decided with the compose files
// (project/images.ts). A port written with a variable is known only through a literal `ENV` or
// `ARG` default the stage sees; otherwise the stage's ports are marked not all known.
import { emptyFacts, type Allocation, type FileFacts, type ImageStage, type Location, type ParseContext, type Protocol } from '../../model';
import { serviceKey } from '../../syntax/names';
import { isValidPort, MAX_PORT } from '../../syntax/ports';
import { findSuppressions } from '../../syntax/suppressions';
import { LineIndex } from '../../text/lineIndex';
import { OWN_PORT_KEYS } from '../compose/containerSide';
import { exposesNothing } from './baseImages';
import { readInstructions, type Instruction, type Word } from './instructions';
import { Scope, valueOf, type Value } from './variables';

const EXPOSED_RE = /^(\d{1,9})(?:-(\d{1,9}))?(?:\/([A-Za-z]+))?$/;
const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);

interface Stage {
  index: number;
  /** Offset of its `FROM`: the group of its places. */
  group: number;
  scope: Scope;
  info: ImageStage;
  args: Set<string>;
  placed: number;
}

export function parseDockerfile(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'dockerfile');
  facts.suppressions = findSuppressions(text);
  new DockerfileReader(facts, new LineIndex(text), ctx.folderName ?? 'image').read(readInstructions(text));
  return facts;
}

class DockerfileReader {
  /** `ARG`s before the first `FROM`: a stage sees one only when it declares it again (`ARG PORT`). */
  private readonly global = new Scope();
  private readonly stages: Stage[] = [];
  /** `stage@offset`: one place per written number and stage, however many instructions point at it. */
  private readonly seen = new Set<string>();
  private readonly key: string;

  constructor(private readonly facts: FileFacts, private readonly lines: LineIndex, private readonly service: string) {
    // A folder name with no letter or digit (`_`) is still a name.
    this.key = serviceKey(service) || JSON.stringify(service);
  }

  read(instructions: Instruction[]): void {
    for (const ins of instructions) {
      const stage = this.stages[this.stages.length - 1];
      if (ins.keyword === 'FROM') this.from(ins);
      else if (ins.keyword === 'ARG') this.arg(ins.words, stage);
      else if (stage && ins.keyword === 'ENV') this.env(ins.words, stage);
      else if (stage && ins.keyword === 'EXPOSE') this.expose(ins.words, stage);
    }
    for (const stage of this.stages) if (stage.args.size > 0) stage.info.args = [...stage.args];
    if (this.stages.length > 0) this.facts.stages = this.stages.map((s) => s.info);
  }

  /** `FROM [--platform=…] image [AS name]`: a stage on an earlier stage has its ports; on another image, maybe more. */
  private from(ins: Instruction): void {
    const words = ins.words.filter((w) => !w.text.startsWith('--'));
    if (words.length === 0) return;
    const image = valueOf(words[0].text, words[0].start, this.global).text?.toLowerCase();
    const name = words.length >= 3 && words[1].text.toLowerCase() === 'as' ? words[2].text.toLowerCase() : undefined;
    const parent = image === undefined ? -1 : this.stages.findIndex((s) => s.info.name === image);
    const info: ImageStage = {};
    if (name !== undefined) info.name = name;
    if (parent >= 0) info.parent = parent;
    else if (image === undefined || !exposesNothing(image)) info.unknownPorts = true;
    this.stages.push({
      index: this.stages.length, group: ins.start, scope: new Scope(parent >= 0 ? this.stages[parent].scope : undefined), info, args: new Set(), placed: 0,
    });
  }

  /** `ARG NAME=default` (the build may pass another value), `ARG NAME` (the global default, if any). */
  private arg(words: Word[], stage: Stage | undefined): void {
    for (const word of words) {
      const eq = word.text.indexOf('=');
      const name = eq < 0 ? word.text : word.text.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      const scope = stage?.scope ?? this.global;
      const given = eq < 0 ? (stage && this.global.get(name)) : valueOf(word.text.slice(eq + 1), word.start + eq + 1, scope);
      const value: Value = { ...given, args: [...new Set([name, ...(given?.args ?? [])])] };
      if (!stage) {
        this.global.setArg(name, value);
        continue;
      }
      stage.scope.setArg(name, value);
      if (OWN_PORT_KEYS.has(name.toUpperCase())) this.ownPort(name, value, word, stage);
    }
  }

  /** `ENV NAME=value …`, or the old `ENV NAME value` (one variable, the rest of the line its value). */
  private env(words: Word[], stage: Stage): void {
    if (words.length === 0) return;
    const pairs: Array<{ name: string; value: Value; word: Word }> = [];
    if (words[0].text.includes('=')) {
      for (const word of words) {
        const eq = word.text.indexOf('=');
        if (eq > 0) pairs.push({ name: word.text.slice(0, eq), value: valueOf(word.text.slice(eq + 1), word.start + eq + 1, stage.scope), word });
      }
    } else {
      // A value of several words is no port, but it is the variable's value all the same.
      const value = words.length === 2 ? valueOf(words[1].text, words[1].start, stage.scope) : { text: words.slice(1).map((w) => w.text).join(' '), args: [] };
      pairs.push({ name: words[0].text, value, word: words[words.length - 1] });
    }
    for (const { name, value, word } of pairs) {
      stage.scope.setEnv(name, value);
      if (OWN_PORT_KEYS.has(name.toUpperCase())) this.ownPort(name, value, word, stage);
    }
  }

  /** The image's own port variable: a port when its value is one, not known when the build decides it. */
  private ownPort(name: string, value: Value, word: Word, stage: Stage): void {
    for (const arg of value.args) stage.args.add(arg);
    if (value.text === undefined) {
      stage.info.unknownPorts = true;
      return;
    }
    if (!/^\d{1,5}$/.test(value.text)) return;
    const port = Number(value.text);
    if (!isValidPort(port)) return;
    const loc = value.start !== undefined ? this.location(value.start, value.start + value.text.length) : this.wordLocation(word);
    this.place(stage, port, undefined, 'tcp', loc, name);
  }

  /** `EXPOSE 8080 8443/tcp 53/udp 7000-7010`; a `#` ends the list (Docker would reject the rest anyway). */
  private expose(words: Word[], stage: Stage): void {
    for (const word of words) {
      if (word.text.startsWith('#')) return;
      const value = valueOf(word.text, word.start, stage.scope);
      for (const arg of value.args) stage.args.add(arg);
      if (value.text === undefined) {
        stage.info.unknownPorts = true;
        continue;
      }
      const m = EXPOSED_RE.exec(value.text);
      const protocol = (m?.[3] ?? 'tcp').toLowerCase();
      if (!m || !PROTOCOLS.has(protocol)) {
        // Not a port Docker knows (`{{ port }}` in a template, `80/http`): the image's ports are not all here.
        stage.info.unknownPorts = true;
        continue;
      }
      const first = Number(m[1]);
      const last = m[2] === undefined ? first : Number(m[2]);
      const written = m[2] === undefined ? m[1].length : m[1].length + 1 + m[2].length;
      const loc = value.start !== undefined ? this.location(value.start, value.start + written) : this.wordLocation(word);
      const bad = [first, last].find((p) => !isValidPort(p));
      if (bad !== undefined || first > last) {
        // Docker refuses to build it; a number put together from variables is left alone.
        if (value.start !== undefined) this.invalid(value.text.slice(0, written), bad, loc);
        continue;
      }
      this.place(stage, first, last > first ? last : undefined, protocol as Protocol, loc);
    }
  }

  private place(stage: Stage, port: number, endPort: number | undefined, protocol: Protocol, loc: Location, variable?: string): void {
    const key = `${stage.index}@${loc.span.startOffset}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const place: Allocation = {
      service: this.service, serviceKey: this.key, port, endPort, protocol, scope: '', source: 'dockerfile', claim: true,
      group: stage.group, indexInGroup: stage.placed++, own: true, variable, stage: stage.index, loc,
    };
    this.facts.allocations.push(place);
    this.facts.mentions.push({ port, loc });
  }

  /** `bad` is the number outside 1-65535; none for a range that runs backwards. */
  private invalid(written: string, bad: number | undefined, loc: Location): void {
    const message = bad === undefined ? `Port range ${written} runs backwards` : `EXPOSE ${written} is not a valid port; ports are 1-${MAX_PORT}`;
    this.facts.problems.push({ rule: 'invalid-port', message, port: bad, loc });
  }

  private wordLocation(word: Word): Location {
    return this.location(word.start, word.start + word.text.length);
  }

  private location(start: number, end: number): Location {
    return this.lines.location(this.facts.file, start, end);
  }
}
