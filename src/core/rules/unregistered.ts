// The path src/server imports isRegistry from; the rule is in unregisteredPort.ts. Remove once
// the server imports it from there.
export { isRegistry } from './unregisteredPort';
