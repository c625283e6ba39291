import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from './io.js';
import { runCli } from './run.js';

const PLATFORMS_DIR = join(import.meta.dirname, '..', 'platforms');
const fixture = (platform: string, path: string): string => join(PLATFORMS_DIR, platform, '__fixtures__', path);
const expected = (platform: string, path: string): unknown =>
  JSON.parse(readFileSync(fixture(platform, path.replace(/\.txt$/, '.expected.json')), 'utf8'));

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'imagegate-parse-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function parse(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await runCli(['parse', ...args], io);
  return { code, out: io.out, err: io.err };
}

test('an abbreviated command is matched and the facts are printed as versioned JSON', async () => {
  const file = fixture('cisco_ios', 'show-version/c2960-switch-table.txt');
  const { code, out, err } = await parse(['--platform', 'cisco_ios', '--command', 'sh ver', file]);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(JSON.parse(out)).toEqual({
    version: 1,
    platform: 'cisco_ios',
    command: 'show version',
    fact: 'version',
    result: expected('cisco_ios', 'show-version/c2960-switch-table.txt'),
  });
});

test('a hash command takes the file name from the typed command', async () => {
  const file = fixture('cisco_xe', 'verify-sha512/cat9k-progress-crlf.txt');
  const { code, out } = await parse(['--platform', 'cisco_xe', '--command', 'verify /sha512 flash:cat9k_iosxe.17.09.04a.SPA.bin', file]);
  expect(code).toBe(0);
  const json = JSON.parse(out) as { fact: string; result: { digest: string } };
  expect(json.fact).toBe('hash');
  expect(json.result).toEqual(expected('cisco_xe', 'verify-sha512/cat9k-progress-crlf.txt'));

  const nx = await parse(['--platform', 'cisco_nxos', '--command', 'show file bootflash:nxos64-cs.10.4.3.F.bin sha256sum', fixture('cisco_nxos', 'show-file-sha256sum/nxos64.txt')]);
  expect(nx.code).toBe(0);
  expect((JSON.parse(nx.out) as { result: unknown }).result).toEqual(expected('cisco_nxos', 'show-file-sha256sum/nxos64.txt'));
});

test('dir on a file system other than the default one, and Junos uptime', async () => {
  const ios = await parse(['--platform', 'cisco_ios', '--command', 'dir bootflash:', fixture('cisco_ios', 'dir/csr1000v-bootflash.txt')]);
  expect(ios.code).toBe(0);
  expect((JSON.parse(ios.out) as { fact: string }).fact).toBe('files');
  const junos = await parse(['--platform', 'juniper_junos', '--command', 'show system uptime', fixture('juniper_junos', 'show-system-uptime/booted-22w.txt')]);
  expect(JSON.parse(junos.out)).toMatchObject({ fact: 'uptime', result: { uptimeSeconds: 13374960 } });
});

test('output the parser does not understand: exit 2, naming command and platform and showing the first lines', async () => {
  const file = join(tmp, 'garbage.txt');
  writeFileSync(file, 'Welcome to the jungle\nwe got fun and games\n');
  const { code, out, err } = await parse(['--platform', 'cisco_nxos', '--command', 'show version', file]);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).toContain(`${file}: cisco_nxos: "show version":`);
  expect(err).toContain('first lines not understood:\n    | Welcome to the jungle\n    | we got fun and games');
});

test('a device error in the capture is reported as such', async () => {
  const file = join(tmp, 'error.txt');
  writeFileSync(file, "sw1#show bootvar\n              ^\n% Invalid input detected at '^' marker.\n\nsw1#");
  const { code, err } = await parse(['--platform', 'cisco_ios', '--command', 'show bootvar', file]);
  expect(code).toBe(2);
  expect(err).toContain(`cisco_ios: "show boot": the device reported an error: % Invalid input detected at '^' marker.`);
});

test('unknown platform or command: exit 2 listing the valid ones', async () => {
  const file = fixture('cisco_ios', 'show-version/c2960-switch-table.txt');
  const platform = await parse(['--platform', 'cisco_xr', '--command', 'show version', file]);
  expect(platform.code).toBe(2);
  expect(platform.err).toContain('unknown platform "cisco_xr"');
  expect(platform.err).toContain('cisco_ios, cisco_xe, cisco_nxos, arista_eos, juniper_junos');

  const command = await parse(['--platform', 'juniper_junos', '--command', 'show boot', file]);
  expect(command.code).toBe(2);
  expect(command.err).toContain('juniper_junos has no parser for "show boot"');
  expect(command.err).toContain('show version | file list /var/tmp/ detail | show system uptime | file checksum sha-256 /var/tmp/<file>');
});

test('a hostile file name in a hash command is refused before anything is parsed', async () => {
  const file = fixture('cisco_ios', 'verify-sha512/c2960x.txt');
  const { code, out, err } = await parse(['--platform', 'cisco_ios', '--command', 'verify /sha512 flash:x.bin;reload', file]);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).toContain('refusing file name "x.bin;reload"');
});

test('a file that cannot be read is named', async () => {
  const { code, err } = await parse(['--platform', 'cisco_ios', '--command', 'show version', join(tmp, 'missing.txt')]);
  expect(code).toBe(2);
  expect(err).toContain('missing.txt: cannot read: ENOENT');
});

test('missing --command is a usage error', async () => {
  const { code, err } = await parse(['--platform', 'cisco_ios']);
  expect(code).toBe(2);
  expect(err).toContain("required option '--command <command>' not specified");
});
