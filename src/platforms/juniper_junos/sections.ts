// Virtual chassis (`fpc0:`), chassis clusters (`node0:`) and multi-RE output (`re0:`) print one section per member,
// each a name line followed by a line of dashes.
const SECTION = /^([\w-]+):$/;
const RULE = /^-{10,}$/;

export interface Section {
  member: string | undefined;
  lines: string[];
}

/** Splits output into member sections; output without sections is one section with no member name. */
export function memberSections(lines: string[]): Section[] {
  const sections: Section[] = [{ member: undefined, lines: [] }];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const m = SECTION.exec(line);
    if (m !== null && RULE.test((lines[i + 1] ?? '').trim())) {
      sections.push({ member: m[1], lines: [] });
      i++;
      continue;
    }
    (sections[sections.length - 1] as Section).lines.push(line);
  }
  const [head, ...rest] = sections;
  if (rest.length > 0 && (head as Section).lines.every((l) => l === '')) return rest;
  return sections;
}
