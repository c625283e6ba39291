import type { BootSpec, ChangeBlock, Device, Management, TimeWindow } from '../model/device.js';
import type { Image } from '../model/image.js';
import type {
  ApprovalPolicy,
  AutomationAccount,
  ChangePolicy,
  CommandPattern,
  DetectionPolicy,
  EmergencyPolicy,
  Freeze,
  Identities,
  MaintenanceWindow,
  Person,
  Suppression,
  Team,
} from '../model/policy.js';
import type { JsonSchema } from './common.js';
import { schemaEntry } from './index.js';

// `satisfies Record<keyof T, true>` fails to compile when a model field is missing here or one is extra,
// and the test fails when the schema's fields differ: together they keep src/model and the schemas in step.
type Keys<T> = Record<Exclude<keyof T, 'source'>, true>;

const device = { name: true, platform: true, model: true, site: true, role: true, redundancyGroup: true, management: true, aliases: true, timezone: true, image: true, boot: true, change: true } satisfies Keys<Device>;
const management = { host: true, port: true, hostKey: true, username: true } satisfies Keys<Management>;
const boot = { system: true, configRegister: true, configRegisterReason: true } satisfies Keys<BootSpec>;
const change = { ticket: true, window: true, executor: true, transfer: true, downgrade: true, notes: true } satisfies Keys<ChangeBlock>;
const window = { start: true, end: true } satisfies Keys<TimeWindow>;
const image = { id: true, platform: true, models: true, file: true, version: true, sha512: true, sha256: true, md5: true, size: true, status: true, notes: true, advisories: true } satisfies Keys<Image>;
const changePolicy = { maintenanceWindows: true, freezes: true, maxWindowMinutes: true, minLeadTimeHours: true, maxConcurrentPerSite: true, allowedTransfers: true, requiredHashes: true, approvals: true, policyOwners: true, emergency: true } satisfies Keys<ChangePolicy>;
const mw = { id: true, sites: true, roles: true, timezone: true, days: true, start: true, durationMinutes: true } satisfies Keys<MaintenanceWindow>;
const freeze = { id: true, start: true, end: true, reason: true, sites: true } satisfies Keys<Freeze>;
const approvals = { count: true, teams: true, separationOfDuties: true } satisfies Keys<ApprovalPolicy>;
const emergency = { label: true, extraApprovals: true, teams: true } satisfies Keys<EmergencyPolicy>;
const identities = { teams: true, people: true, automation: true } satisfies Keys<Identities>;
const team = { id: true, github: true } satisfies Keys<Team>;
const person = { id: true, name: true, github: true, accounts: true, teams: true, imageWork: true } satisfies Keys<Person>;
const automation = { id: true, accounts: true, teams: true, imageWork: true, description: true } satisfies Keys<AutomationAccount>;
const detection = { riskyCommands: true, allowedCommands: true, correlationHorizonMinutes: true, clockSkewSeconds: true, suppressions: true } satisfies Keys<DetectionPolicy>;
const pattern = { id: true, pattern: true, severity: true, description: true } satisfies Keys<CommandPattern>;
const suppression = { rule: true, device: true, match: true, until: true, reason: true } satisfies Keys<Suppression>;

function at(schema: JsonSchema, path: string[]): string[] {
  let s = schema;
  for (const p of path) {
    const next = p === '[]' ? s['items'] : (s['properties'] as Record<string, JsonSchema>)[p];
    s = next as JsonSchema;
  }
  return Object.keys(s['properties'] as JsonSchema).sort();
}

const cases: Array<[string, JsonSchema, string[], Record<string, true>]> = [
  ['Device', schemaEntry('device').schema, [], device],
  ['Management', schemaEntry('device').schema, ['management'], management],
  ['BootSpec', schemaEntry('device').schema, ['boot'], boot],
  ['ChangeBlock', schemaEntry('device').schema, ['change'], change],
  ['TimeWindow', schemaEntry('device').schema, ['change', 'window'], window],
  ['Image', schemaEntry('images').schema, ['images', '[]'], image],
  ['ChangePolicy', schemaEntry('change').schema, [], changePolicy],
  ['MaintenanceWindow', schemaEntry('change').schema, ['maintenanceWindows', '[]'], mw],
  ['Freeze', schemaEntry('change').schema, ['freezes', '[]'], freeze],
  ['ApprovalPolicy', schemaEntry('change').schema, ['approvals'], approvals],
  ['EmergencyPolicy', schemaEntry('change').schema, ['emergency'], emergency],
  ['Identities', schemaEntry('identities').schema, [], identities],
  ['Team', schemaEntry('identities').schema, ['teams', '[]'], team],
  ['Person', schemaEntry('identities').schema, ['people', '[]'], person],
  ['AutomationAccount', schemaEntry('identities').schema, ['automation', '[]'], automation],
  ['DetectionPolicy', schemaEntry('detection').schema, [], detection],
  ['CommandPattern', schemaEntry('detection').schema, ['riskyCommands', '[]'], pattern],
  ['Suppression', schemaEntry('detection').schema, ['suppressions', '[]'], suppression],
];

describe('schemas mirror the model types', () => {
  it.each(cases)('%s', (_name, schema, path, keys) => {
    expect(at(schema, path)).toEqual(Object.keys(keys).sort());
  });
});
