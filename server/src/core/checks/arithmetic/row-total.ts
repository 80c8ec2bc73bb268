import { identityRule } from './common.js';

// 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, in every row of table 三.
export default identityRule({
  id: 'row-total',
  title: { 'zh-cn': '行总计不等于各申请人之和', en: 'Row total is not the sum of the applicant columns' },
});
