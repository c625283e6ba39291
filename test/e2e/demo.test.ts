/** `npm start`: the demo day end to end, deterministic, from this checkout's example fleet. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

test('imagegate demo plays the day and writes the same report.md and report.json every run', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ig-demo-'));
  try {
    const first = memoryIo({}, cwd);
    expect(await runCli(['demo', '--out', 'out'], first)).toBe(0);
    const md = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
    const json = JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')) as {
      version: number;
      coverage: { verified: number; devicesExpected: number; eventFiles: Array<{ path: string }> };
      findings: Array<{ rule: string; device: string; severity: string }>;
      windows: Array<{ device: string; ok: boolean; pr: number | null }>;
    };
    expect(first.out).toBe(md);
    expect(first.err).toMatch(/collected 15\/15 devices over SSH/);
    expect(json.version).toBe(1);
    expect(json.windows).toEqual([expect.objectContaining({ device: 'nyc1-access-01', ok: true, pr: 42 })]);
    expect(json.coverage).toMatchObject({ verified: 15, devicesExpected: 15 });
    expect(json.coverage.eventFiles.map((f) => f.path)).toEqual(['out/logs/syslog.log', 'out/logs/tacacs.acct', 'out/logs/tftpd.log']);
    // the approved upgrade is silent; the tampered device carries the whole story
    expect(new Set(json.findings.map((f) => f.device))).toEqual(new Set(['fra1-access-02']));
    expect(json.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['tamper-sequence', 'hash-mismatch', 'boot-drift', 'config-register-drift', 'unauthorized-transfer']));
    expect(md).toContain('```mermaid\ngantt');
    expect(md).toContain('| nyc1-access-01 | 2026-12-12T07:00 .. 2026-12-12T09:00 | CHG0041872 | PR #42 | completed as approved |');
    expect(md).not.toContain(cwd);

    const second = memoryIo({}, cwd);
    expect(await runCli(['demo', '--out', 'out'], second)).toBe(0);
    expect(readFileSync(join(cwd, 'out', 'report.md'), 'utf8')).toBe(md);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
