import type { TopicInput } from '../../src/domain/hottopics.ts';

/**
 * Written appeals for the hot-topic tests (made up; no real data): the same
 * problem at the same place told several ways, the same problem elsewhere,
 * another problem at the same place, and one question without a place.
 */
const day = (d: number, h = 9) => new Date(Date.UTC(2026, 10, d, h - 8));

export const mixingPlant: TopicInput[] = [
  { id: 1, title: '幸福家园小区旁搅拌站噪音扰民', content: '临澜县幸福家园小区北侧新建了一个混凝土搅拌站，每天晚上都在作业，噪音和粉尘很大，居民无法休息。', receivedAt: day(10, 20) },
  { id: 2, title: '投诉幸福家园附近搅拌站夜间噪音扰民', content: '幸福家园小区附近的搅拌站晚上十二点还在生产，噪音太大，粉尘满天飞，请尽快处理。', receivedAt: day(11, 8) },
  { id: 3, title: '幸福家园小区被搅拌站噪音粉尘污染', content: '我们幸福家园的业主每天被搅拌站的噪音吵醒，粉尘落满阳台，希望环保部门查处这个搅拌站。', receivedAt: day(11, 22) },
  { id: 4, title: '幸福家園攪拌站噪音擾民', content: '幸福家園小區旁邊的攪拌站日夜生產，噪音粉塵嚴重影響居民生活。', receivedAt: day(12, 7) },
];
/** The same problem (a mixing plant's noise) at another estate. */
export const mixingPlantElsewhere: TopicInput[] = [
  { id: 11, title: '锦绣花园旁搅拌站噪音扰民', content: '三里镇锦绣花园小区南边的混凝土搅拌站晚上作业，噪音和粉尘很大，居民无法休息。', receivedAt: day(11, 9) },
];
/** Another problem (a broken street light) at the same estate. */
export const streetLight: TopicInput[] = [
  { id: 21, title: '幸福家园小区路灯坏了', content: '幸福家园小区3栋门口的路灯坏了一个多月不亮，晚上出行很不方便，请物业和城管维修路灯。', receivedAt: day(11, 10) },
  { id: 22, title: '幸福家园路灯坏了没人修', content: '幸福家园小区里好几盏路灯坏了很久，晚上一片漆黑，老人小孩出门不安全，请尽快维修路灯。', receivedAt: day(12, 10) },
];
/** A policy question without a place. */
export const policy: TopicInput[] = [
  { id: 31, title: '咨询公积金提取需要什么材料', content: '请问租房提取住房公积金需要准备哪些材料，在哪里办理？', receivedAt: day(11, 11) },
];
/** The first problem again, long after: outside the window, a new topic. */
export const mixingPlantLater: TopicInput[] = [
  { id: 41, title: '幸福家园小区旁搅拌站又开始夜间作业', content: '幸福家园小区北侧的搅拌站又在晚上作业，噪音粉尘很大。', receivedAt: new Date(Date.UTC(2027, 1, 20)) },
  { id: 42, title: '幸福家园搅拌站噪音又来了', content: '幸福家园附近的搅拌站最近又开始夜里生产，噪音扰民。', receivedAt: new Date(Date.UTC(2027, 1, 21)) },
];

/**
 * A city's ordinary stream around the topics: one appeal each about many
 * other things and places. Word weights (IDF) come from the appeals of a
 * run, so a run needs such a background, as a real month of appeals has.
 */
export const background: TopicInput[] = [
  ['春风小区电梯经常故障', '春风小区5栋电梯一个月坏了三次，困住过老人，物业一直不彻底维修。'],
  ['育才路学校门口交通拥堵', '每天上学放学时间育才路实验小学门口车辆乱停，交通堵塞严重，希望增派交警疏导。'],
  ['咨询新生儿医保办理流程', '孩子刚出生，想给他办理城乡居民医保，请问需要带哪些证件，在哪个窗口办理？'],
  ['东湖村自来水发黄', '东湖村最近自来水发黄有异味，村民不敢饮用，请水务部门检测水质。'],
  ['拖欠农民工工资三个月', '我们在城南工地干活，包工头拖欠工资三个月，多次讨要无果，请劳动监察部门帮忙。'],
  ['和平街占道经营严重', '和平街两边摊贩占道经营，行人只能走机动车道，城管很少来管理。'],
  ['锦江花园物业费上涨不合理', '锦江花园物业公司未经业主大会同意把物业费从每平米1元涨到1.8元，服务却没有改善。'],
  ['建议增开夜班公交', '火车站晚上十点以后就没有公交车了，外地回来的旅客打车很贵，建议增开夜班公交线路。'],
  ['滨江公园厕所脏乱', '滨江公园东门附近的公共厕所长期无人打扫，气味难闻，影响游客。'],
  ['新华书店附近井盖缺失', '新华书店门口人行道上有一个井盖丢了，晚上很危险，请尽快补上。'],
  ['翠苑小区违建阳光房', '翠苑小区顶楼住户私自搭建阳光房，影响楼顶防水和消防安全，请执法部门查处。'],
  ['投诉出租车拒载绕路', '昨晚在汽车南站打出租车，司机拒载短途乘客，另一辆还故意绕路多收费。'],
  ['红星幼儿园收费过高', '红星幼儿园每学期收取高额赞助费，还强制购买校服和教材，家长负担很重。'],
  ['长安路下水道堵塞污水外溢', '长安路与建设路交叉口的下水道堵塞，雨后污水漫到路面，臭气熏天。'],
  ['人民医院挂号难', '人民医院专家号每天一放出就没了，黄牛倒卖号源，普通患者根本挂不上。'],
  ['咨询养老保险补缴政策', '我中断缴纳养老保险五年，现在想补缴，请问政策允许吗，怎么补缴？'],
  ['金桂苑楼下烧烤油烟扰民', '金桂苑小区临街门面烧烤店每晚油烟直排，住户不敢开窗，请环保部门处理。'],
  ['青石镇道路破损', '青石镇通往县城的道路坑洼不平，大货车经过尘土飞扬，下雨全是积水。'],
  ['外卖电动车逆行乱闯红灯', '城区很多外卖电动车逆行、闯红灯，多次差点撞到行人，希望加强管理。'],
  ['举报非法集资', '有人在城东开理财公司，宣称年化收益百分之二十，疑似非法集资，请公安调查。'],
  ['朝阳村低保评定不公', '朝阳村有家庭条件好的人拿低保，真正困难的老人却没有评上，请民政部门核查。'],
  ['体育馆周末不开放', '市体育馆周末经常闭馆，市民健身没有地方去，希望延长开放时间。'],
  ['光明小区停车位不足', '光明小区车位严重不足，车辆停满消防通道，请物业和交警规划停车位。'],
  ['商场预付卡无法退款', '万达广场一家健身房突然关门，会员预付卡里还有几千元，老板联系不上。'],
].map(([title, content], i) => ({ id: 1000 + i, title, content, receivedAt: day(5 + (i % 10), 10 + (i % 8)) }));
