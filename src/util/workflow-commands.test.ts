import { defuseWorkflowCommands } from './workflow-commands.js';

/** What the Actions runner would run: a line that starts with `::` after white space, or `##[` anywhere. */
const isCommand = (line: string): boolean => /^\s*::/.test(line) || line.includes('##[');

test('a workflow command at the start of any line, indented or not, and a legacy ##[ anywhere, become inert', () => {
  const text = '::error::pwned\n  ::add-mask::secret\r\n\t::set-output name=a::b\nok ::not-at-start\nx ##[set-output name=a;]b\n\u00a0::stop-commands::t';
  const out = defuseWorkflowCommands(text);
  expect(out.split(/\r?\n/).filter(isCommand)).toEqual([]);
  // readable as before: only zero-width spaces were added
  expect(out.replace(/\u200b/g, '')).toBe(text);
  expect(out).toContain('ok ::not-at-start');
});

test('plain text is unchanged', () => {
  expect(defuseWorkflowCommands('state collection: unparsable: no "Version" line\nhost: a:b')).toBe('state collection: unparsable: no "Version" line\nhost: a:b');
});
