import { redact } from '../util/redact.js';
import { defuseWorkflowCommands } from '../util/workflow-commands.js';

/** C0/C1 control characters and bidi overrides (which can make a log line read differently than it is). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from devices and logs is hostile: it can carry Markdown, HTML, fake hidden markers, mentions and
 * secrets. Inline text is escaped so GitHub renders it literally; secrets are redacted.
 */
export function mdInline(text: string): string {
  return defuseWorkflowCommands(
    redact(text)
      .replace(CONTROL, '')
      .replace(/\r?\n|\r/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1')
      // GitHub links mentions and issue references after rendering, so `\@team` still pings and `\#12` still
      // cross-references issue 12 (cmark-gfm #181): a zero-width space breaks them
      .replace(/@/g, '@\u200b')
      .replace(/#(?=\d)/g, '#\u200b')
      .replace(/\b(GH)-(?=\d)/gi, '$1\u200b-'),
  );
}

/** A fenced code block that the content cannot close: the fence is longer than any backtick run inside. */
export function codeBlock(lines: string[], lang = 'text'): string {
  const body = defuseWorkflowCommands(lines.map((l) => redact(l).replace(CONTROL, '').replace(/<!--/g, '< !--')).join('\n'));
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** Mermaid labels: letters, digits and a few separators only (`:`, `#` and `;` end a Mermaid statement). */
export function mermaidLabel(text: string, max = 60): string {
  const s = text.replace(/[^A-Za-z0-9 ._/-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return (s.length > max ? s.slice(0, max) : s) || 'event';
}
