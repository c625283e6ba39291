import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { PLATFORMS } from '../model/platform.js';
import { parseUptimePhrase } from './uptime.js';

// The expected facts are ours; here they are held against what the source projects' own parsers (TextFSM templates in
// ntc-templates, napalm's getters) read from the same outputs. The shared corpus sits beside the repository
// (../shared/corpus), on developer machines and in CI; a fresh clone elsewhere has only the copies.
const DIR = import.meta.dirname;
const CORPUS = join(DIR, '..', '..', '..', 'shared', 'corpus');
const present = existsSync(join(CORPUS, 'PROVENANCE.tsv'));

interface Row {
  platform: string;
  fixture: string;
  corpusPath: string;
  note: string;
}

function rows(): Row[] {
  return PLATFORMS.flatMap((platform) =>
    readFileSync(join(DIR, platform, '__fixtures__', 'PROVENANCE.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [fixture = '', corpusPath = '', , , , , note = ''] = l.split('\t');
        return { platform, fixture, corpusPath, note };
      }),
  );
}

type Facts = Record<string, unknown>;
const ntcYaml = (r: Row): string | undefined => {
  const path = join(CORPUS, r.corpusPath.replace(/\.raw$/, '.yml'));
  return r.corpusPath.endsWith('.raw') && existsSync(path) ? path : undefined;
};
const ours = (r: Row): Facts => JSON.parse(readFileSync(join(DIR, r.platform, '__fixtures__', r.fixture.replace(/\.txt$/, '.expected.json')), 'utf8')) as Facts;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
// `16.09.03` (IOS XE line, ours) is `16.9.3` on the IOS line (TextFSM's)
const dotted = (v: string): string => v.replace(/(^|\.)0+(\d)/g, '$1$2');

// Where we read something else than TextFSM on purpose.
const DELIBERATE: Record<string, string> = {
  // the IOS XE line names a customer special build; the IOS line names the release it is based on
  'cisco_xe show-version/special-build.txt version': 'V169_5_SR689355441_2',
};

function check(r: Row, field: string, theirs: string, mine: string, same: (a: string, b: string) => boolean = (a, b) => a === b): void {
  const deliberate = DELIBERATE[`${r.platform} ${r.fixture} ${field}`];
  if (deliberate !== undefined) expect(mine).toBe(deliberate);
  else if (theirs !== '') expect([r.fixture, field, same(theirs, mine) ? theirs : mine]).toEqual([r.fixture, field, theirs]);
}

const describeIfCorpus = present ? describe : describe.skip;

describeIfCorpus('fixtures agree with the source projects', () => {
  const all = present ? rows().filter((r) => r.corpusPath !== '-') : [];

  test('every fixture copied verbatim is byte-identical to the corpus file', () => {
    const verbatim = all.filter((r) => r.note.startsWith('copied verbatim'));
    expect(verbatim.length).toBeGreaterThan(40);
    for (const r of verbatim) {
      expect([r.fixture, readFileSync(join(DIR, r.platform, '__fixtures__', r.fixture), 'utf8')]).toEqual([r.fixture, readFileSync(join(CORPUS, r.corpusPath), 'utf8')]);
    }
  });

  test('show version facts match ntc-templates', () => {
    const checked = all.filter((r) => r.fixture.startsWith('show-version/') && ntcYaml(r) !== undefined);
    expect(checked.length).toBeGreaterThanOrEqual(24);
    for (const r of checked) {
      const [t = {}] = (load(readFileSync(ntcYaml(r) as string, 'utf8')) as { parsed_sample: Facts[] }).parsed_sample;
      const o = ours(r);
      check(r, 'hostname', str(t['hostname']), str(o['hostname']));
      if (r.platform === 'cisco_ios' || r.platform === 'cisco_xe') {
        check(r, 'version', str(t['version']), str(o['version']), (a, b) => a === b || a === dotted(b));
        check(r, 'reloadReason', str(t['reload_reason']), str(o['reloadReason']));
        check(r, 'image', str(t['running_image']), str(o['image']), (a, b) => b.endsWith(`:${a}`));
        check(r, 'configRegister', str(t['config_register']), str(o['configRegister']));
        check(r, 'uptimeSeconds', String(parseUptimePhrase(str(t['uptime'])) ?? ''), String(o['uptimeSeconds']));
      } else if (r.platform === 'cisco_nxos') {
        check(r, 'version', str(t['os']).split(' ')[0] ?? '', str(o['version']));
        check(r, 'reloadReason', str(t['last_reboot_reason']), str(o['reloadReason']));
        check(r, 'image', str(t['boot_image']), str(o['kickstartImage'] ?? o['image']));
        check(r, 'uptimeSeconds', String(parseUptimePhrase(str(t['uptime'])) ?? ''), String(o['uptimeSeconds']));
      } else if (r.platform === 'arista_eos') {
        check(r, 'version', str(t['image']).split(' ')[0] ?? '', str(o['version']));
        check(r, 'model', str(t['model']), str(o['model']));
        check(r, 'uptimeSeconds', String(parseUptimePhrase(str(t['uptime'])) ?? ''), String(o['uptimeSeconds']));
      } else {
        check(r, 'version', str(t['junos_version']), str(o['version']));
        check(r, 'model', str(t['model']), str(o['model']));
      }
    }
  });

  test('show version facts match napalm get_facts', () => {
    const checked = all.filter((r) => r.corpusPath.startsWith('napalm/') && existsSync(join(CORPUS, r.corpusPath.replace(/show_version\.txt$/, 'expected_result.json'))));
    expect(checked.length).toBeGreaterThanOrEqual(4);
    for (const r of checked) {
      const n = JSON.parse(readFileSync(join(CORPUS, r.corpusPath.replace(/show_version\.txt$/, 'expected_result.json')), 'utf8')) as Facts;
      const o = ours(r);
      check(r, 'hostname', str(n['hostname']), str(o['hostname']));
      check(r, 'uptimeSeconds', String(n['uptime'] ?? ''), String(o['uptimeSeconds']));
      check(r, 'model', str(n['model']), str(o['model']));
      check(r, 'version', str(n['os_version']), str(o['version']), (a, b) => a === b || a.includes(`Version ${b},`));
    }
  });

  test('file listings match ntc-templates (files only, with subdirectory paths)', () => {
    const checked = all.filter((r) => r.fixture.startsWith('dir/') && ntcYaml(r) !== undefined);
    expect(checked.length).toBeGreaterThanOrEqual(8);
    for (const r of checked) {
      const { parsed_sample: t } = load(readFileSync(ntcYaml(r) as string, 'utf8')) as { parsed_sample: Facts[] };
      const theirs = t
        .filter((e) => {
          const name = str(e['name'] ?? e['item_name']);
          return name !== '' && !name.endsWith('/') && !str(e['permissions']).startsWith('d');
        })
        .map((e) => {
          const sub = str(e['file_system']).split(':/')[1] ?? '';
          return { name: `${sub === '' ? '' : `${sub}/`}${str(e['name'] ?? e['item_name'])}`, size: Number(e['size']) };
        });
      expect([r.fixture, (ours(r) as { files: unknown[] }).files]).toEqual([r.fixture, theirs]);
    }
  });

  test('boot variables match ntc-templates', () => {
    const checked = all.filter((r) => /^show-boot(-config)?\//.test(r.fixture) && ntcYaml(r) !== undefined);
    expect(checked.length).toBeGreaterThanOrEqual(5);
    for (const r of checked) {
      const [t = {}] = (load(readFileSync(ntcYaml(r) as string, 'utf8')) as { parsed_sample: Facts[] }).parsed_sample;
      const o = ours(r) as { boot: string[]; nextBoot?: string[] };
      if (r.platform === 'arista_eos') expect(o.boot).toEqual([str(t['version'])]);
      else if (str(t['current_boot_variables']) === 'BOOT variable does not exist') {
        expect(o.boot).toEqual([]);
        expect(o.nextBoot).toEqual(str(t['boot_path']).split(';'));
      } else expect(o.boot).toEqual(str(t['boot_path']).split(';'));
    }
  });
});
