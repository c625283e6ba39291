export { renderMarkdown, findingSection, evidenceLine, type MarkdownOptions } from './markdown.js';
export { toFindingsFile, renderJson, type FindingsFile } from './json.js';
export { issueBody, issueTitle, issueItem, resolvedComment, evidenceHash, parseFindingMarker } from './issue-body.js';
export { windowVerdicts, type WindowVerdictText } from './window-verdict.js';
export { mdInline, codeBlock, mermaidLabel } from './escape.js';
export { deviceTimeline } from './timeline.js';
