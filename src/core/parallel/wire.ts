// How parsed facts travel from a worker to the main thread. A batch's facts are a hundred thousand
// small objects (spans, mostly); structured clone rebuilds them on the main thread about three
// times slower than this flat form does, and with other hidden classes than the parsers' object
// literals give, which makes the rules' property accesses polymorphic and the rules slower. So a
// worker sends a tree of plain data as one Float64Array (tags and numbers, transferred, not
// copied), its distinct strings and its object shapes, and the main thread rebuilds each object
// with an object literal of its shape. Objects shared within the tree arrive as equal copies.

/** A tree of plain data (objects, arrays, strings, numbers, booleans, null, undefined) laid flat. */
export interface Wire {
  data: Float64Array<ArrayBuffer>;
  strings: string[];
  /** Property names of each object shape, in order. */
  shapes: string[][];
}

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const ARRAY = 6;
/** OBJECT + n: an object of shape n. */
const OBJECT = 7;

interface ShapeNode {
  id: number;
  next: Map<string, ShapeNode>;
}

export function toWire(value: unknown): Wire {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeRoot: ShapeNode = { id: -1, next: new Map() };
  let data = new Float64Array(1 << 16);
  let n = 0;
  const put = (x: number) => {
    if (n === data.length) {
      const bigger = new Float64Array(data.length * 2);
      bigger.set(data);
      data = bigger;
    }
    data[n++] = x;
  };
  const shapeOf = (o: Record<string, unknown>): number => {
    let node = shapeRoot;
    for (const key in o) {
      let next = node.next.get(key);
      if (!next) node.next.set(key, (next = { id: -1, next: new Map() }));
      node = next;
    }
    if (node.id < 0) {
      const keys = Object.keys(o);
      // In an object literal this key sets the prototype instead.
      if (keys.includes('__proto__')) throw new TypeError('not plain data: a __proto__ key');
      node.id = shapes.push(keys) - 1;
    }
    return node.id;
  };
  const write = (v: unknown): void => {
    if (v === undefined) put(UNDEFINED);
    else if (v === null) put(NULL);
    else if (typeof v === 'boolean') put(v ? TRUE : FALSE);
    else if (typeof v === 'number') {
      put(NUMBER);
      put(v);
    } else if (typeof v === 'string') {
      let id = stringIds.get(v);
      if (id === undefined) stringIds.set(v, (id = strings.push(v) - 1));
      put(STRING);
      put(id);
    } else if (Array.isArray(v)) {
      put(ARRAY);
      put(v.length);
      for (const item of v) write(item);
    } else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const o = v as Record<string, unknown>;
      put(OBJECT + shapeOf(o));
      for (const key in o) write(o[key]);
    } else {
      throw new TypeError(`not plain data: ${Object.prototype.toString.call(v)}`);
    }
  };
  write(value);
  return { data: data.slice(0, n), strings, shapes };
}

export function fromWire({ data, strings, shapes }: Wire): unknown {
  let i = 0;
  const build = shapes.map(builderOf);
  const read = (): unknown => {
    const tag = data[i++];
    switch (tag) {
      case UNDEFINED: return undefined;
      case NULL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case NUMBER: return data[i++];
      case STRING: return strings[data[i++]];
      case ARRAY: {
        const items = new Array<unknown>(data[i++]);
        for (let k = 0; k < items.length; k++) items[k] = read();
        return items;
      }
      default: return build[tag - OBJECT](read);
    }
  };
  return read();
}

type Builder = (read: () => unknown) => unknown;

/** One per shape for the whole process, so each gets hot and optimized. */
const builders = new Map<string, Builder>();

function builderOf(keys: string[]): Builder {
  const signature = keys.join('\u0000');
  let builder = builders.get(signature);
  if (!builder) {
    // An object literal, as the parsers write them: its properties evaluate, and so read, in order.
    builder = new Function('read', `return { ${keys.map((k) => `${JSON.stringify(k)}: read()`).join(', ')} };`) as Builder;
    builders.set(signature, builder);
  }
  return builder;
}
