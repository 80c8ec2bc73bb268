import { identityRule } from './common.js';

// 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, in each group of table 四.
export default identityRule({
  id: 'outcome-total',
  title: { 'zh-cn': '总计不等于各结果之和', en: 'Total is not the sum of the outcomes' },
});
