// What makes a plain-text document read like a report: its title near the top, or captions and
// section titles of the statutory format. Plain data without imports, so the VS Code client can use it
// without the engine; formats.ts validates it with the format schema (detectionSchema).

export const DETECTION_INPUT = {
  title: '政府信息公开[\\s\\S]{0,40}?年度报告',
  titleWithin: 1500,
  markers: ['本列数据的勾稽关系为', '第二十条第\\s*[（(]\\s*一\\s*[)）]\\s*项', '收到和处理政府信息公开申请情况', '主动公开政府信息情况', '行政复议、\\s*行政诉讼情况'],
  minMarkers: 2,
  markersWithin: 60_000,
};
