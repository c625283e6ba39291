/** The device simulator: ssh2 servers on loopback that behave like the five platforms and write their logs. */
export { startFleet, SIM_PASSWORD, type Fleet, type FleetOptions, type Endpoint } from './fleet.js';
export { hostKeyFor, fingerprintOf, type HostKey } from './host-key.js';
export { MISBEHAVIOURS, SimDevice, type Misbehaviour, type OperatorSession } from './device.js';
export type { FleetLogPaths } from './logs.js';
