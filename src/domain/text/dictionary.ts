/**
 * Domain words (用户词典) that the general jieba dictionary splits or does not
 * know, so they stay one token in search and classification: 网约车 rather
 * than 网/约/车. Simplified forms only: text is converted before it is cut.
 * Words already whole in the default dictionary (物业费, 业委会, 公积金 …) are
 * listed too, so that a future dictionary change cannot split them.
 */
export const DOMAIN_WORDS: readonly string[] = [
  // the hotline and its channels
  '12345热线', '12345', '市长热线', '政务服务', '便民热线', '留言板', '市长信箱',
  // housing and urban construction 城乡建设
  '物业费', '物业公司', '业委会', '业主委员会', '供暖', '集中供暖', '暖气费', '二次供水', '停水', '停电',
  '棚改', '棚户区改造', '拆迁', '征地拆迁', '拆迁安置', '安置房', '回迁房', '公租房', '廉租房', '经适房', '经济适用房',
  '不动产证', '不动产登记', '房产证', '网签', '烂尾楼', '违章建筑', '违建', '占道经营', '城管', '老旧小区改造', '加装电梯',
  // labour and social security 劳动和社会保障
  '公积金', '住房公积金', '医保', '医保卡', '社保', '社保卡', '养老保险', '医疗保险', '失业保险', '工伤保险', '生育保险',
  '低保', '五保户', '退休金', '养老金', '欠薪', '拖欠工资', '讨薪', '农民工', '劳动仲裁', '劳动合同', '人社局', '新农合', '灵活就业',
  // transport 交通运输
  '网约车', '出租车', '公交车', '渣土车', '共享单车', '电动车', '驾驶证', '行驶证', '高速公路', '违章停车', '客运站',
  // environment 环境保护
  '噪音扰民', '油烟扰民', '黑臭水体', '垃圾分类', '垃圾站', '环评', '偷排', '扬尘',
  // health and family planning 卫生计生
  '计生', '二孩', '独生子女', '准生证', '出生证明', '疫苗', '核酸', '乡村医生', '卫健委',
  // education, culture, sport 教育文体
  '义务教育', '学区房', '校外培训', '民办学校', '幼儿园', '特岗教师', '代课教师', '教师编制',
  // commerce and tourism 商贸旅游
  '营商环境', '预付卡', '消费维权', '快递', '外卖', '传销', '非法集资', '农家乐',
];

/**
 * The user dictionary as jieba reads it: one `word freq tag` line per word.
 * The frequency is high enough for the word to win over its pieces.
 */
export function userDictionary(words: readonly string[] = DOMAIN_WORDS, freq = 50_000): Buffer {
  return Buffer.from(words.map((w) => `${w} ${freq} n`).join('\n') + '\n', 'utf8');
}
