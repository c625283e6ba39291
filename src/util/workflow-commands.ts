/**
 * The Actions runner reads every line a step prints to stdout or stderr: a line that starts with `::` (after
 * white space) or holds `##[` anywhere is a workflow command (annotations, `add-mask`, `set-output`,
 * `stop-commands`). Text from devices, logs and YAML reaches printed reports; a zero-width space between the
 * two characters keeps it readable and makes it inert.
 */
export function defuseWorkflowCommands(text: string): string {
  return text.replace(/^([^\S\r\n]*):(?=:)/gm, '$1:\u200b').replace(/#(?=#\[)/g, '#\u200b');
}
