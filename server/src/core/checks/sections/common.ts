// What the section rules share: which headings repeat a section already seen (only the first of each
// is checked for order, numbering, title and content).
import { memo } from '../../memo.js';
import type { Report } from '../../model.js';
import type { Section } from '../../sections.js';

/** Headings of a section that appeared earlier in the document. */
export const repeatedSections = memo((report: Report): ReadonlySet<Section> => {
  const seen = new Set<number>();
  const repeats = new Set<Section>();
  for (const s of report.sections) {
    if (seen.has(s.def.number)) repeats.add(s);
    seen.add(s.def.number);
  }
  return repeats;
});

/** The first heading of each section, in document order. */
export function firstSections(report: Report): Section[] {
  const repeats = repeatedSections(report);
  return report.sections.filter((s) => !repeats.has(s));
}
