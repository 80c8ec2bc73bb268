// Whether a plain-text document reads like an annual report: the title near the top, or statutory
// table captions and section titles. Used to switch plain .txt files to the ogi-report language.

const TITLE = /政府信息公开[\s\S]{0,40}?年度报告/;
const MARKERS = [/本列数据的勾稽关系为/, /第二十条第\s*[（(]\s*一\s*[)）]\s*项/, /收到和处理政府信息公开申请情况/, /主动公开政府信息情况/, /行政复议、\s*行政诉讼情况/];

export function looksLikeReport(text: string): boolean {
  if (TITLE.test(text.slice(0, 1500))) return true;
  const head = text.slice(0, 60_000);
  return MARKERS.filter((m) => m.test(head)).length >= 2;
}
