// Whether a plain-text document reads like an annual report: the title near the top, or statutory
// table captions and section titles. Used to switch plain .txt files to the ogi-report language.
import { DETECTION_INPUT as D } from './format/detection.js';

const TITLE = new RegExp(D.title, 'u');
const MARKERS = D.markers.map((m) => new RegExp(m, 'u'));

export function looksLikeReport(text: string): boolean {
  if (TITLE.test(text.slice(0, D.titleWithin))) return true;
  const head = text.slice(0, D.markersWithin);
  return MARKERS.filter((m) => m.test(head)).length >= D.minMarkers;
}
