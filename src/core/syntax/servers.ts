// Well-known servers a client reaches by a URL scheme (`postgresql://`, `redis://`), and the
// images that run them: `DATABASE_URL=postgresql://localhost:5432` dials the one compose service
// of the stack whose image is a PostgreSQL (`db: { image: postgis/postgis }`), whatever it is called.

// Scheme (without a `+driver` suffix) → the kind of server it dials.
const SCHEMES: ReadonlyMap<string, string> = new Map([
  ['postgres', 'postgres'], ['postgresql', 'postgres'], ['pgsql', 'postgres'],
  ['mysql', 'mysql'], ['mariadb', 'mysql'],
  ['mongodb', 'mongo'],
  ['redis', 'redis'], ['rediss', 'redis'],
  ['amqp', 'rabbitmq'], ['amqps', 'rabbitmq'],
]);

// Image name (the last part of the reference, without its tag) → the kind of server it runs.
const IMAGES: ReadonlyMap<string, string> = new Map([
  ['postgres', 'postgres'], ['postgresql', 'postgres'], ['postgis', 'postgres'], ['pgvector', 'postgres'], ['timescaledb', 'postgres'], ['timescaledb-ha', 'postgres'],
  ['mysql', 'mysql'], ['mariadb', 'mysql'], ['percona-server', 'mysql'],
  ['mongo', 'mongo'], ['mongodb', 'mongo'], ['mongodb-community-server', 'mongo'],
  ['redis', 'redis'], ['redis-stack', 'redis'], ['redis-stack-server', 'redis'], ['valkey', 'redis'], ['keydb', 'redis'],
  ['rabbitmq', 'rabbitmq'],
]);

// The port each kind of server listens on in its container unless told otherwise.
const DEFAULT_PORTS: ReadonlyMap<string, number> = new Map([
  ['postgres', 5432], ['mysql', 3306], ['mongo', 27017], ['redis', 6379], ['rabbitmq', 5672],
]);

/** The port a server of this kind listens on in its container unless its command or settings say otherwise. */
export function defaultPortOf(server: string): number | undefined {
  return DEFAULT_PORTS.get(server);
}

/** `postgresql+asyncpg` → 'postgres'; undefined for a scheme no such server speaks. */
export function serverOfScheme(scheme: string): string | undefined {
  const plus = scheme.indexOf('+');
  return SCHEMES.get((plus < 0 ? scheme : scheme.slice(0, plus)).toLowerCase());
}

/** An image's name (`postgis`, as serviceMeta's imageName gives it) → the server it runs, if one of these. */
export function serverOfImage(name: string): string | undefined {
  return IMAGES.get(name.toLowerCase());
}
