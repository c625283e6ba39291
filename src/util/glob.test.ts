import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandGlobs } from './glob.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ig-glob-'));
  for (const f of ['net/syslog.log', 'net/syslog.log.1', 'net/syslog.log.2.gz', 'net/old/syslog.log.9.gz', 'net/.hidden.log', 'tacacs/acct.log']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x\n');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rel = (paths: string[]) => paths.map((p) => p.slice(dir.length + 1));

describe('expandGlobs', () => {
  it('expands * within a segment, sorted, without dot files', () => {
    expect(rel(expandGlobs(['net/syslog.log*'], dir))).toEqual(['net/syslog.log', 'net/syslog.log.1', 'net/syslog.log.2.gz']);
    expect(rel(expandGlobs(['net/*.log'], dir))).toEqual(['net/syslog.log']);
  });

  it('expands ** across folders and [..] classes', () => {
    expect(rel(expandGlobs(['**/*.gz'], dir))).toEqual(['net/syslog.log.2.gz', 'net/old/syslog.log.9.gz']);
    expect(rel(expandGlobs(['net/syslog.log.[12]*'], dir))).toEqual(['net/syslog.log.1', 'net/syslog.log.2.gz']);
  });

  it('keeps plain paths and unmatched patterns as they are, so the reader reports them missing', () => {
    expect(rel(expandGlobs(['nope.log', 'net/*.none'], dir))).toEqual(['nope.log', 'net/*.none']);
  });

  it('lists a file once when two patterns match it', () => {
    expect(rel(expandGlobs(['net/syslog.log', 'net/syslog.*'], dir))).toEqual(['net/syslog.log', 'net/syslog.log.1', 'net/syslog.log.2.gz']);
  });
});
