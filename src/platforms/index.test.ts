import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ImagegateError } from '../errors.js';
import { PLATFORMS } from '../model/platform.js';
import { allowedCommands, assertSafeFileName, detectFailure, drivers, getDriver, isAllowedCommand } from './index.js';

const DIR = import.meta.dirname;

test('the registry, the platform folders and PLATFORMS are the same set', () => {
  const folders = readdirSync(DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
  expect(Object.keys(drivers).sort()).toEqual([...PLATFORMS].sort());
  expect(folders).toEqual([...PLATFORMS].sort());
  for (const id of PLATFORMS) expect(drivers[id].id).toBe(id);
});

test('README.md documents every platform, every allowed command and every parser file', () => {
  const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
  const headings = [...readme.matchAll(/^## (\w+)$/gm)].map((m) => m[1]).filter((h) => h !== 'Offline');
  expect(headings).toEqual([...PLATFORMS]);
  for (const id of PLATFORMS) {
    const section = readme.slice(readme.indexOf(`## ${id}\n`), readme.indexOf('\n## ', readme.indexOf(`## ${id}\n`) + 1));
    for (const command of allowedCommands(drivers[id])) expect(section).toContain(`\`${command}\``);
    if (drivers[id].facts.boot === 'unsupported') expect(section).toContain('| boot | unsupported |');
    for (const [, file] of section.matchAll(/`(\w+\/[\w-]+\.ts)`/g)) expect(existsSync(join(DIR, file as string))).toBe(true);
  }
});

test('getDriver refuses an unknown platform and names the valid ones', () => {
  expect(getDriver('cisco_nxos').id).toBe('cisco_nxos');
  expect(() => getDriver('cisco_xr')).toThrow(ImagegateError);
  try {
    getDriver('huawei_vrp');
  } catch (err: unknown) {
    expect((err as ImagegateError).hint).toContain('juniper_junos');
  }
});

// Every command the product can send: viewing commands and this session's own pager/width settings, nothing that
// copies, deletes, reloads or configures.
const READ_ONLY = /^(?:show |dir |verify \/(?:md5|sha512) |file checksum |file list |terminal (?:length|width) \d+$|set cli screen-(?:length|width) \d+$)/;
const WRITE_WORDS = /\b(?:copy|delete|erase|format|reload|request|boot system|configure|conf t|write|install|squeeze|rename|mkdir|rmdir|clear|debug|test|bash|run|start shell)\b/;

describe.each(PLATFORMS.map((p) => [p]))('%s allowlist', (platform) => {
  const driver = drivers[platform];

  test('every allowed command is read-only', () => {
    const commands = allowedCommands(driver);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const command of commands) {
      expect(command).toMatch(READ_ONLY);
      expect(command).not.toMatch(WRITE_WORDS);
      expect(command.replace('<file>', 'f')).not.toMatch(/[;|&$`><\n]/);
    }
  });

  test('each fact command is allowed; other commands are not', () => {
    expect(isAllowedCommand(driver, driver.facts.version.command)).toBe(true);
    expect(isAllowedCommand(driver, driver.facts.files.command)).toBe(true);
    for (const setup of driver.sessionSetup) expect(isAllowedCommand(driver, setup)).toBe(true);
    for (const bad of ['reload', 'copy running-config startup-config', 'show version | redirect flash:x', 'show version ', 'configure terminal', '']) {
      expect(isAllowedCommand(driver, bad)).toBe(false);
    }
  });

  test('a hash command is allowed only with a safe file name', () => {
    const hash = driver.facts.hash;
    if (hash === 'unsupported') return;
    for (const algorithm of hash.algorithms) {
      expect(isAllowedCommand(driver, hash.command('image-1.2.3_a+b.bin', algorithm))).toBe(true);
      const template = hash.command('X', algorithm);
      for (const hostile of ['../etc/passwd', 'a;reload', 'a b', 'a|b', '', '-x', 'a/b', 'a$(id)', '.hidden', 'a..b', 'ok\nreload']) {
        expect(isAllowedCommand(driver, template.replace('X', hostile))).toBe(false);
        expect(() => hash.command(hostile, algorithm)).toThrow(ImagegateError);
      }
    }
  });
});

test('assertSafeFileName accepts image names and refuses anything that could change the command', () => {
  for (const ok of ['cat9k_iosxe.17.09.04a.SPA.bin', 'nxos64-cs.10.4.3.F.bin', 'EOS-4.32.2F.swi', 'junos-install-mx-x86-64-21.4R3-S4.9.tgz', 'packages.conf']) {
    expect(assertSafeFileName(ok)).toBe(ok);
  }
  const hostile = ['', '..', '../x.bin', 'a/../b', 'x.bin;reload', 'x.bin | include', 'x.bin&', 'x$HOME', '`id`', 'a b.bin', 'flash:x.bin', '/var/tmp/x', 'x.bin\r\nreload', 'x'.repeat(202), '-rf', 'x\u0000.bin', 'a*.bin', "a'b", 'a"b'];
  for (const name of hostile) expect(() => assertSafeFileName(name)).toThrow(ImagegateError);
});

test('detectFailure finds the error line on each platform and is null on normal output', () => {
  expect(detectFailure(drivers.cisco_ios, "show verison\n              ^\n% Invalid input detected at '^' marker.\n\nsw1#")).toBe(
    "% Invalid input detected at '^' marker.",
  );
  expect(detectFailure(drivers.cisco_xe, 'verify /sha512 flash:nope.bin\r\n%Error opening flash:nope.bin (No such file or directory)\r\n')).toBe(
    '%Error opening flash:nope.bin (No such file or directory)',
  );
  expect(detectFailure(drivers.cisco_nxos, "% Permission denied for the role\n")).toBe('% Permission denied for the role');
  expect(detectFailure(drivers.arista_eos, "% Invalid input (at token 1: 'bootconfig')\n")).toBe("% Invalid input (at token 1: 'bootconfig')");
  expect(detectFailure(drivers.juniper_junos, "                 ^\nsyntax error, expecting <command>.\n\nuser@r1> ")).toBe(
    'syntax error, expecting <command>.',
  );
  expect(detectFailure(drivers.juniper_junos, 'error: could not resolve file: /var/tmp/nope.tgz\n')).toBe('error: could not resolve file: /var/tmp/nope.tgz');
  expect(detectFailure(drivers.cisco_ios, 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE4, RELEASE SOFTWARE (fc1)\n')).toBeNull();
});

test('each prompt pattern matches the prompt at the end of output, not an output line', () => {
  const cases: Record<string, { prompts: string[]; notPrompts: string[] }> = {
    cisco_ios: { prompts: ['sw1#', 'sw1>', 'Building output\nrtr-01.lab#', 'rtr-01(config)# '], notPrompts: ['BOOT variable = flash:a.bin;', 'Configuration register is 0x2102'] },
    cisco_xe: { prompts: ['c9300-1#', 'c9300-1(config-if)#'], notPrompts: ['System image file is "flash:packages.conf"'] },
    cisco_nxos: { prompts: ['N9K-LAB-15#', 'N9K-LAB-15(config)# '], notPrompts: ['Usage for bootflash://sup-local'] },
    arista_eos: { prompts: ['leaf-01>', 'leaf-01#'], notPrompts: ['Software image: flash:/EOS-4.32.2F.swi'] },
    juniper_junos: { prompts: ['netops@edge-01> ', 'Junos: 21.4R3-S4.9\n\n{master}\nnetops@edge-01> ', 'netops@edge-01# '], notPrompts: ['Hostname: edge-01', 'sw1#'] },
  };
  for (const id of PLATFORMS) {
    const { prompts, notPrompts } = cases[id] as { prompts: string[]; notPrompts: string[] };
    for (const p of prompts) expect([id, p, drivers[id].prompt.test(p)]).toEqual([id, p, true]);
    for (const p of notPrompts) expect([id, p, drivers[id].prompt.test(p)]).toEqual([id, p, false]);
  }
});
