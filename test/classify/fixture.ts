/**
 * Invented appeals for the classifier tests (written for this project; no
 * real data): four categories, twelve training messages each, and two
 * held-out messages per category worded differently from the training ones.
 */
export interface FixtureRow {
  id: string;
  title: string;
  detail: string;
  label: string;
}

const TRAFFIC = '交通运输';
const ENVIRONMENT = '环境保护';
const EDUCATION = '教育文体';
const LABOUR = '劳动和社会保障';

const raw: [string, string, string][] = [
  [TRAFFIC, '公交车班次太少', '我们小区门口的公交车每小时才一班，早高峰等车的人很多，希望增加公交班次。'],
  [TRAFFIC, '网约车乱收费', '昨晚打网约车从火车站回家，司机绕路还多收了车费，平台不处理。'],
  [TRAFFIC, '路口红绿灯时间太短', '人民路与建设路路口的行人绿灯只有十秒，老人过马路很危险。'],
  [TRAFFIC, '出租车拒载', '下雨天在汽车站打出租车，连续三辆出租车拒载，请交通部门管一管。'],
  [TRAFFIC, '道路坑洼不平', '城东公路上坑洼很多，车辆经过颠簸严重，晚上骑电动车容易摔倒。'],
  [TRAFFIC, '公交站台没有遮雨棚', '新修的公交站台没有遮雨棚，等公交车时日晒雨淋，希望加装。'],
  [TRAFFIC, '货车超载压坏道路', '每天夜里有大量超载货车经过乡村公路，路面已经被压坏。'],
  [TRAFFIC, '驾驶证换证排队太久', '到车管所办理驾驶证换证，排队一整天还没办好，希望增加窗口。'],
  [TRAFFIC, '地铁站出口指示不清', '地铁站出口的指示牌不清楚，乘客经常走错出口，建议改进标识。'],
  [TRAFFIC, '客运班车取消', '县城到我们镇的客运班车取消了，村民出行只能坐黑车。'],
  [TRAFFIC, '违章停车堵塞道路', '学校门口违章停车严重，车辆把道路堵死，公交车都过不去。'],
  [TRAFFIC, '高速公路收费站拥堵', '节假日高速公路收费站车辆排长队，希望多开收费通道。'],
  [ENVIRONMENT, '工厂夜间排放废气', '附近化工厂每天夜里排放刺鼻废气，居民不敢开窗，怀疑污染超标。'],
  [ENVIRONMENT, '河道污水直排', '小河里有人直排污水，河水发黑发臭，鱼都死了，请环保部门检测。'],
  [ENVIRONMENT, '烧烤油烟扰民', '楼下烧烤店油烟直接排到住户窗口，油烟扰民严重。'],
  [ENVIRONMENT, '工地扬尘污染', '工地没有洒水降尘，扬尘很大，周边空气污染严重。'],
  [ENVIRONMENT, '垃圾焚烧冒黑烟', '村口有人露天焚烧垃圾，冒出黑烟，气味难闻，污染空气。'],
  [ENVIRONMENT, '养猪场粪便污染水源', '养猪场粪便直接排进水塘，污染了村里的水源，臭气熏天。'],
  [ENVIRONMENT, '夜间施工噪音', '工地夜间施工噪音很大，机器轰鸣到凌晨，严重影响休息，环保部门请处理。'],
  [ENVIRONMENT, '砍伐树木破坏生态', '有人在山上大面积砍伐树木，破坏生态环境，请林业和环保部门制止。'],
  [ENVIRONMENT, '黑臭水体治理', '小区旁的水塘变成黑臭水体，蚊虫很多，希望尽快治理污染。'],
  [ENVIRONMENT, '企业偷排废水', '工业园一家企业晚上偷排废水，排污口附近的水变成红色。'],
  [ENVIRONMENT, '采石场粉尘', '采石场粉尘飘到村里，庄稼和房屋都落满灰尘，污染严重。'],
  [ENVIRONMENT, '垃圾站臭气', '小区垃圾站长期不清理，臭气很重，污水横流，影响环境卫生。'],
  [EDUCATION, '孩子入学难', '孩子今年上小学，户口在本区却被分到很远的学校，入学报名很难。'],
  [EDUCATION, '幼儿园收费过高', '私立幼儿园学费一年涨了两次，家长负担很重，请教育局核查收费。'],
  [EDUCATION, '学校食堂饭菜质量差', '学校食堂的饭菜质量差，学生经常吃不饱，希望学校改善。'],
  [EDUCATION, '校外培训机构退费难', '校外培训机构突然关门，已交的学费不退，很多家长找不到人。'],
  [EDUCATION, '教师工资拖欠', '乡村学校的教师绩效工资拖欠半年，老师们很有意见。'],
  [EDUCATION, '体育馆不对外开放', '新建的体育馆一直不对外开放，市民想锻炼身体没有场地。'],
  [EDUCATION, '图书馆开放时间短', '市图书馆周末只开半天，学生想看书学习很不方便。'],
  [EDUCATION, '学区划分不合理', '今年学区划分调整，小区孩子只能去更远的初中上学，家长不满。'],
  [EDUCATION, '中考加分政策咨询', '请问今年中考对少数民族学生还有加分政策吗，怎么申请？'],
  [EDUCATION, '学校补课收费', '初中学校周末组织学生补课并收取补课费，违反规定。'],
  [EDUCATION, '校车安全隐患', '学校的校车超载，一辆车坐了很多学生，存在安全隐患。'],
  [EDUCATION, '广场舞场地', '社区文化广场太小，跳广场舞和打篮球的人抢场地，希望扩建文体场所。'],
  [LABOUR, '工资被拖欠', '我在工地干了半年活，老板一直拖欠工资不给，农民工讨薪无门。'],
  [LABOUR, '公司不交社保', '公司入职一年了没有给员工缴纳社保，劳动合同也不签。'],
  [LABOUR, '养老金待遇咨询', '我今年满六十岁，想咨询养老金怎么领取，每个月能领多少养老保险。'],
  [LABOUR, '医保报销比例', '住院费用医保报销比例太低，自己承担的部分太多，想了解医保政策。'],
  [LABOUR, '社保卡补办', '社保卡丢失了，想问在哪里补办社保卡，需要带什么材料。'],
  [LABOUR, '失业保险金申领', '被公司辞退后想申领失业保险金，人社局说材料不全。'],
  [LABOUR, '工伤认定', '在厂里上班时手被机器压伤，公司不给申报工伤认定。'],
  [LABOUR, '辞退不给补偿', '公司无故辞退员工，不给经济补偿，想申请劳动仲裁。'],
  [LABOUR, '公积金提取困难', '想提取住房公积金还房贷，公积金中心一直审核不通过。'],
  [LABOUR, '低保申请', '家里老人生病没有收入，申请低保村里一直不给办理。'],
  [LABOUR, '加班不给加班费', '公司每天要求加班到深夜，从来不给加班费，违反劳动法。'],
  [LABOUR, '退休人员养老保险', '退休后养老保险待遇一直没有调整，想咨询社保政策。'],
];

const heldOutRaw: [string, string, string][] = [
  [TRAFFIC, '公交线路调整', '能否增加一条公交线路到开发区，现在坐公交车要换乘两次。'],
  [TRAFFIC, '出租车司机绕路', '坐出租车去医院，司机故意绕路多收车费。'],
  [ENVIRONMENT, '饭店油烟污染', '饭店的油烟管道对着住户，油烟和噪音污染严重。'],
  [ENVIRONMENT, '河水被污染', '上游工厂排放污水，河水发臭，请环保部门调查。'],
  [EDUCATION, '小学入学报名', '孩子明年上小学，请问入学报名需要哪些材料，学区怎么划分？'],
  [EDUCATION, '学校乱收费', '学校要求学生交资料费和补课费，家长负担重。'],
  [LABOUR, '老板拖欠工资', '装修公司老板拖欠我们三个月工资，讨薪无门，请帮忙追讨。'],
  [LABOUR, '社保缴费年限', '想咨询养老保险缴费满多少年才能领取养老金。'],
];

const toRows = (list: [string, string, string][], prefix: string): FixtureRow[] =>
  list.map(([label, title, detail], i) => ({ id: `${prefix}${i + 1}`, title, detail, label }));

export const trainingRows: FixtureRow[] = toRows(raw, 't');
export const heldOutRows: FixtureRow[] = toRows(heldOutRaw, 'h');
export const fixtureLabels = [TRAFFIC, ENVIRONMENT, EDUCATION, LABOUR];

/** Rows as CSV text (`id,title,detail,label`), quoting every field. */
export function fixtureCsv(rows: readonly FixtureRow[], { withLabel = true } = {}): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const header = withLabel ? 'id,title,detail,label' : 'id,title,detail';
  return [header, ...rows.map((r) => [r.id, r.title, r.detail, ...(withLabel ? [r.label] : [])].map(q).join(','))].join('\n') + '\n';
}
