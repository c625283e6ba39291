export { renderMarkdown, findingSection, evidenceLine, type MarkdownOptions } from './markdown.js';
export { toFindingsFile, renderJson, type FindingsFile } from './json.js';
export { issueBody, issueTitle, evidenceHash, parseFindingMarker } from './issue-body.js';
export { mdInline, codeBlock, mermaidLabel } from './escape.js';
export { deviceTimeline } from './timeline.js';
