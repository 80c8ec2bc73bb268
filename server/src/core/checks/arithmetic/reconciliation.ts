import { identityRule } from './common.js';

// 勾稽关系：第一项加第二项之和，等于第三项加第四项之和, in every column of table 三.
export default identityRule({
  id: 'reconciliation',
  title: { 'zh-cn': '勾稽关系不成立（第一项加第二项之和，等于第三项加第四项之和）', en: 'Reconciliation fails (I + II = (7) Total + IV)' },
});
