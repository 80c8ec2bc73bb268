import { identityRule } from './common.js';

// （七）总计 = every result row, in every column of table 三.
export default identityRule({
  id: 'result-total',
  title: { 'zh-cn': '（七）总计不等于各办理结果之和', en: '(7) Total is not the sum of the results' },
});
