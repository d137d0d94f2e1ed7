/**
 * Templates about housing, utilities, city management, environment and
 * transport (城乡建设, 环境保护, 交通运输).
 */
import { rainySeason, summer, winter, type AppealTemplate } from './types.ts';

export const cityLifeTemplates: readonly AppealTemplate[] = [
  {
    id: 'property-fee',
    category: ['城乡建设', '物业管理', '物业费收取'],
    types: { complaint: 8, inquiry: 2 },
    setting: 'urban',
    subject: '{propertyCo}',
    variants: [
      {
        titles: ['{estate}物业擅自上调物业费', '关于{estate}物业乱涨价的投诉'],
        content:
          '我是{township}{estate}的业主。{date}物业公司{propertyCo}在单元门口贴出通知，物业费从每平米{fee}元涨到{fee2}元，事先没有召开业主大会，也没有公示成本明细。小区电梯经常坏、楼道卫生没人管，服务没改善却要涨价，业主们都不认可。希望相关部门核查涨价是否合规。',
      },
      {
        titles: ['{estate}物业捆绑收费', '{estate}物业不交费就不给办门禁卡'],
        content:
          '{estate}{bld}号楼业主反映，物业公司{propertyCo}要求业主必须先交清全年物业费才给办理门禁卡和车位登记，还额外收取所谓的“二次供水加压费”。业主多次找物业要收费依据，对方一直推脱。请相关部门查处物业捆绑收费问题。',
      },
    ],
  },
  {
    id: 'property-service',
    category: ['城乡建设', '物业管理', '物业服务质量'],
    types: { complaint: 1 },
    setting: 'urban',
    subject: '{propertyCo}',
    variants: [
      {
        titles: ['{estate}垃圾多日无人清运', '{estate}物业服务差'],
        content:
          '{estate}小区的垃圾桶已经{days}天没人清运，天气一热臭味很大，苍蝇蚊子满天飞。{bld}号楼的单元门禁坏了快一个月，陌生人随便进出，业主多次打物业电话都说在处理。物业费一分不少地收，服务却越来越差，希望有关部门督促物业公司{propertyCo}履职。',
      },
      {
        titles: ['{estate}地下车库照明长期损坏', '{estate}物业报修不处理'],
        content:
          '我住在{road}{num}号{estate}，小区地下车库的照明灯大半不亮，{date}晚上有老人在车库摔倒。物业只在业主群里回复“已报修”，至今没修。小区绿化带也长期无人修剪，杂草比人还高。请督促物业尽快整改。',
      },
    ],
  },
  {
    id: 'maintenance-fund',
    category: ['城乡建设', '物业管理', '维修基金使用'],
    types: { help: 6, inquiry: 4 },
    setting: 'urban',
    variants: [
      {
        titles: ['{estate}{bld}号楼顶楼漏水申请维修基金', '顶楼漏水如何申请使用维修基金'],
        content:
          '我家住在{estate}{bld}号楼顶楼{room}室，房子交付十几年了，屋面防水层老化，每逢下雨卧室墙面就渗水，墙皮大面积脱落。物业说维修需要动用住宅专项维修基金，要三分之二业主签字，实在很难凑齐。请问维修基金使用有没有应急程序，由哪个部门审批？',
      },
      {
        titles: ['{estate}外墙瓷砖脱落急需维修', '{estate}外墙脱落维修基金申请难'],
        content:
          '{estate}{bld}号楼的外墙瓷砖从{date}起陆续脱落，楼下就是孩子上学走的通道，存在很大安全隐患。物业说维修费用要从维修基金里出，但申请流程复杂，到现在还没动工。希望相关部门帮助协调，尽快启动应急维修。',
      },
    ],
  },
  {
    id: 'heating-cold',
    category: ['城乡建设', '供暖供气', '暖气不热'],
    types: { complaint: 6, help: 4 },
    setting: 'urban',
    season: winter,
    urgency: [7, 3, 0],
    subject: '{heatCo}',
    variants: [
      {
        titles: ['{estate}暖气不热，室温只有{temp}度', '家中暖气不热，老人孩子受冻'],
        content:
          '我家住在{estate}{bld}号楼{room}室，今年供暖开始以来暖气一直不热，用温度计测室温只有{temp}度左右，家里有老人和刚满月的孩子，只能开电暖器取暖。已经多次给{heatCo}打电话报修，师傅来放过一次气，还是不热。请相关部门督促供热单位尽快解决。',
      },
      {
        titles: ['{estate}{bld}号楼供暖不达标', '{estate}整栋楼暖气温度低'],
        content:
          '{estate}小区{bld}号楼整栋楼的暖气都是温的，特别是低楼层和边户，早上室温只有{temp}度。供暖费我们是按时足额交的，希望{heatCo}入户检测，查明是管网问题还是换热站压力不足，尽快让室温达到18度的标准。',
      },
    ],
  },
  {
    id: 'heating-fee',
    category: ['城乡建设', '供暖供气', '供暖费'],
    types: { inquiry: 7, complaint: 3 },
    setting: 'urban',
    season: { months: [9, 10, 11, 12], factor: 3, off: 0.2 },
    variants: [
      {
        titles: ['咨询空置房停暖和供暖费标准', '{estate}空置房如何申请停暖'],
        content:
          '我在{estate}有一套房子常年没人住，想申请今年停止供暖。请问停暖需要到哪里办理，停暖后是否还要交空置费，按什么比例收取？另外今年的供暖费缴费标准是多少，能不能在手机上缴费？',
      },
      {
        titles: ['室温不达标能否减免供暖费', '{estate}暖气不热还要交全额供暖费'],
        content:
          '我家在{road}{num}号{estate}，去年冬天暖气基本不热，今年{heatCo}又通知缴纳全额供暖费。想咨询一下，如果室温长期不达标，能否按规定减免或退还部分供暖费，需要提供什么证明材料？',
      },
    ],
  },
  {
    id: 'gas-supply',
    category: ['城乡建设', '供暖供气', '燃气供应'],
    types: { help: 7, complaint: 3 },
    setting: 'urban',
    urgency: [6, 4, 0],
    variants: [
      {
        titles: ['{estate}突然停气无任何通知', '{estate}停气{days}天未恢复'],
        content:
          '{estate}小区从{date}早上开始突然停气，物业和燃气公司事先都没有任何通知，到现在已经{days}天了，几百户居民做饭烧水都成了问题。打燃气公司客服电话一直占线，请相关部门尽快了解停气原因，督促恢复供气。',
      },
      {
        titles: ['{estate}燃气开户迟迟办不下来', '新房交付多月仍未通燃气'],
        content:
          '我是{estate}的新业主，{month}就提交了燃气开户申请并交了初装费，燃气公司一直说要等小区整体验收，至今没有通气。一家人只能用电磁炉做饭，很不方便。请问燃气开户到底需要多长时间，能否尽快安排通气？',
      },
    ],
  },
  {
    id: 'illegal-rooftop',
    category: ['城乡建设', '违法建设', '违章搭建'],
    types: { report: 8, complaint: 2 },
    setting: 'urban',
    confidential: 0.7,
    subject: '{estate}{bld}号楼住户',
    variants: [
      {
        titles: ['举报{estate}顶楼违建', '{estate}{bld}号楼楼顶私自加盖房屋'],
        content:
          '{estate}{bld}号楼的顶楼住户从{date}开始在楼顶平台上用彩钢板和砖块加盖房屋，面积有七八十平米，白天晚上都在施工。加盖后楼顶防水层被破坏，下面几户已经开始漏水，而且增加了楼体荷载，存在安全隐患。请城管部门尽快到现场查处。',
      },
      {
        titles: ['{estate}一楼住户圈占绿地建房', '举报{estate}一楼违章搭建'],
        content:
          '举报：{road}{num}号{estate}{bld}号楼一楼住户把院子用砖墙围起来，又搭了两间房，准备对外出租做库房，占用了小区公共绿地和消防通道。邻居们劝阻无效，请相关部门依法拆除。',
      },
    ],
  },
  {
    id: 'illegal-yard',
    category: ['城乡建设', '违法建设', '私搭乱建'],
    types: { report: 6, complaint: 4 },
    setting: 'rural',
    subject: '{person}',
    variants: [
      {
        titles: ['{village}有村民占用村道私搭乱建', '{village}私搭棚子堵路'],
        content:
          '{township}{village}{group}村民{person}在村里主干道边上私自搭建了一排简易棚子，用来堆放建材和养鸡，占了一半路面，农用车和三轮车经过都很困难。村里协调过几次他都不拆，请镇里派人现场处理。',
      },
      {
        titles: ['{village}村口道路两侧乱搭乱堆', '{township}{village}村道被占'],
        content:
          '我是{village}村民，村口新修的水泥路两边被几户人家搭了棚子、堆了柴草，晚上路上又没有灯，{date}已经有电动车撞上去。希望{township}尽快组织清理，还村民一条安全的路。',
      },
    ],
  },
  {
    id: 'delivery-delay',
    category: ['城乡建设', '房地产市场', '逾期交房'],
    types: { complaint: 7, help: 3 },
    setting: 'urban',
    address: 'site',
    subject: '{developer}',
    variants: [
      {
        titles: ['{estate}项目逾期交房', '{estate}逾期{months}个月仍未交房'],
        content:
          '我于{years}年前购买了{developer}开发的{estate}项目的商品房，合同约定{month}底交房，现在已经逾期{months}个月，工地上几乎看不到工人。开发商只说资金紧张，既不给交房时间表，也不按合同支付违约金。我们每月还着房贷又在外面租房，压力很大，恳请政府督促开发商尽快复工交房。',
      },
      {
        titles: ['{estate}项目迟迟不交房', '{developer}开发的{estate}延期交房'],
        content:
          '{estate}项目几百户业主的购房款早已全部付清，但楼盘主体完工后外立面和配套迟迟不施工，交房一拖再拖。业主去售楼处询问，工作人员态度敷衍。希望住建部门对预售资金监管账户进行核查，确保专款专用，保障业主权益。',
      },
    ],
  },
  {
    id: 'property-cert',
    category: ['城乡建设', '房地产市场', '办证难'],
    types: { complaint: 6, help: 4 },
    setting: 'urban',
    subject: '{developer}',
    variants: [
      {
        titles: ['{estate}交房{years}年办不了房产证', '{estate}业主办证难'],
        content:
          '我是{estate}的业主，{years}年前就已交房入住，至今拿不到不动产权证书。开发商{developer}说是因为项目土地出让金没有缴清，迟迟办不了首次登记。孩子马上要上学，没有房产证没法登记学位，请相关部门帮助协调解决。',
      },
      {
        titles: ['{estate}三百多户业主办证难', '{estate}房产证何时能办'],
        content:
          '{estate}小区三百多户业主入住多年都没办下房产证，大家多次找{developer}，对方只说在跑手续。请住建和自然资源部门查明原因，督促开发商尽快完善手续，给业主一个明确的办证时间。',
      },
    ],
  },
  {
    id: 'house-quality',
    category: ['城乡建设', '房地产市场', '房屋质量'],
    types: { complaint: 1 },
    setting: 'urban',
    subject: '{developer}',
    variants: [
      {
        titles: ['新房墙体开裂渗水，开发商拒不维修', '{estate}新房墙面开裂'],
        content:
          '我家在{estate}{bld}号楼，{month}刚收的房，还没装修就发现客厅和卧室墙面有多条裂缝，卫生间楼板往楼下渗水。找开发商{developer}维修，对方说属于正常收缩，一直拖着不处理。房子还在保修期内，请相关部门督促开发商履行保修责任。',
      },
      {
        titles: ['{estate}新交付房屋质量问题多', '{estate}精装修与承诺不符'],
        content:
          '{estate}新交付的{bld}号楼有不少住户反映窗户密封不严、外墙渗水，下雨天阳台积水。开发商承诺的精装修标准和实际差距很大，地板起拱、橱柜变形。希望主管部门组织对工程质量进行检测。',
      },
    ],
  },
  {
    id: 'road-damage',
    category: ['城乡建设', '市政设施', '道路破损'],
    types: { complaint: 5, help: 3, suggestion: 2 },
    setting: 'urban',
    address: 'street',
    season: summer,
    urgency: [8, 2, 0],
    variants: [
      {
        titles: ['{road}路面坑洼不平', '{road}靠近{estate}路段破损严重'],
        content:
          '{road}靠近{estate}的路段有好几个大坑，最大的一个直径有一米多，下雨积水后根本看不出深浅，{date}晚上有骑电动车的人摔倒受伤。这条路是附近居民和学生上下学的必经之路，希望尽快修补。',
      },
      {
        titles: ['{road}路面塌陷存在隐患', '{road}与{road2}路口附近路面下沉'],
        content:
          '{road}与{road2}交叉口往东一百米左右的路面出现塌陷，井盖周围也下沉了，车辆经过时颠簸得厉害，晚上更加危险。请市政部门尽快设置警示标志并组织维修。',
      },
    ],
  },
  {
    id: 'street-light',
    category: ['城乡建设', '市政设施', '路灯照明'],
    types: { complaint: 5, help: 3 },
    setting: 'urban',
    address: 'street',
    season: { months: [11, 12, 1], factor: 1.4 },
    variants: [
      {
        titles: ['{road}一段路灯长期不亮', '{estate}门口路灯坏了很久'],
        content:
          '{road}从{estate}门口到{road2}路口这一段，十几盏路灯已经{weeks}周不亮了，晚上一片漆黑，附近居民晚上出门、学生晚自习回家都很不安全。请相关部门尽快派人维修。',
      },
      {
        titles: ['{road}路灯时亮时不亮', '{road}{num}号附近路灯损坏'],
        content:
          '我每天晚上下班都要经过{road}{num}号附近，这段路的路灯时亮时不亮，有几根灯杆还是歪的，灯罩也掉了。前段时间这里发生过一起抢包的事，大家心里都很害怕，希望尽快修复路灯。',
      },
    ],
  },
  {
    id: 'manhole',
    category: ['城乡建设', '市政设施', '井盖缺失'],
    types: { report: 5, help: 5 },
    setting: 'urban',
    address: 'street',
    urgency: [3, 6, 1],
    variants: [
      {
        titles: ['{road}井盖丢失存在安全隐患', '{road}{num}号门口井盖缺失'],
        content:
          '{road}{num}号门口的人行道上有一个下水井盖丢了，只剩下一个黑洞，现在只有附近商户用一个破筐盖着。这里行人很多，晚上看不清很容易掉下去，请相关部门立即处理。',
      },
      {
        titles: ['{estate}南门雨水井盖破碎', '{road}井盖破损随时可能塌陷'],
        content:
          '{road}靠近{estate}南门的一个雨水井盖碎了，车辆一压就哐哐响，随时可能塌下去。已经有行人在上面崴了脚，希望尽快更换井盖。',
      },
    ],
  },
  {
    id: 'drainage-flood',
    category: ['城乡建设', '市政设施', '排水管网'],
    types: { help: 6, complaint: 4 },
    setting: 'urban',
    address: 'street',
    season: rainySeason,
    urgency: [5, 4, 1],
    variants: [
      {
        titles: ['{estate}门口一下雨就积水', '{road}排水不畅路面严重积水'],
        content:
          '{date}那场大雨后，{road}靠近{estate}的路段积水有半米深，小区居民进出只能蹚水，有几辆车在水里熄了火。这里每年夏天一下大雨就淹，排水管道明显不够用，希望相关部门彻底疏通改造排水管网。',
      },
      {
        titles: ['暴雨后{estate}地下车库进水', '{estate}雨水倒灌地下车库'],
        content:
          '昨天下午暴雨，{estate}的雨水倒灌进地下车库，十几辆车被泡。居民反映小区外面{road}的雨水管网多年没清淤，水排不出去。请相关部门尽快疏通，并查明倒灌原因，防止再次发生。',
      },
    ],
  },
  {
    id: 'water-outage',
    category: ['城乡建设', '供水供电', '停水'],
    types: { help: 6, complaint: 4 },
    setting: 'urban',
    season: { months: [7, 8], factor: 1.6 },
    urgency: [4, 5, 1],
    variants: [
      {
        titles: ['{estate}停水超过{hours}小时', '{estate}突然停水无通知'],
        content:
          '{estate}从{date}凌晨开始停水，已经超过{hours}个小时了，事先没有任何通知。小区里有很多老人，买水、提水都很困难，厕所也没法冲。打自来水公司电话只说在抢修，也说不清什么时候来水，请尽快恢复供水。',
      },
      {
        titles: ['{township}多个小区停水', '{road}一带停水无送水车'],
        content:
          '{township}{road}一带的几个小区都停水了，{estate}也在其中。听说是主管道爆裂，但是到现在也没有送水车过来。大家生活非常不便，希望供水部门加快抢修，并安排临时供水。',
      },
    ],
  },
  {
    id: 'water-pressure',
    category: ['城乡建设', '供水供电', '水压不足'],
    types: { complaint: 7, help: 3 },
    setting: 'urban',
    variants: [
      {
        titles: ['{estate}高层水压不足', '{estate}{bld}号楼高层用水困难'],
        content:
          '我住在{estate}{bld}号楼{floor}楼，每天早晚用水高峰期水龙头只有细细一股，热水器都打不着火，洗澡做饭都很困难。物业说二次供水设备老化，要等供水公司接管改造。请问小区二次供水改造什么时候能落实？',
      },
      {
        titles: ['{estate}加压泵损坏长期水压低', '{estate}晚上高峰期几乎没水'],
        content:
          '{estate}小区高层住户长期水压不足，夏天更严重，晚上七点到十点几乎没水。业主多次找物业，物业说加压泵坏了在等配件，已经拖了{weeks}周。请相关部门督促尽快修复。',
      },
    ],
  },
  {
    id: 'power-outage',
    category: ['城乡建设', '供水供电', '停电'],
    types: { complaint: 5, help: 5 },
    setting: 'any',
    season: { months: [7, 8], factor: 2.5 },
    variants: [
      {
        titles: ['高温天{estate}反复停电', '{estate}小区频繁停电'],
        content:
          '这几天气温很高，{estate}小区从{date}以来已经停了三次电，每次几个小时，家里冰箱里的东西都坏了，老人孩子热得睡不着觉。供电所说是线路负荷太大，希望尽快对小区线路和变压器进行增容改造。',
      },
      {
        titles: ['{road}一带夜间突然停电', '{estate}电压不稳烧坏电器'],
        content:
          '{road}{num}号{estate}一带最近经常晚上突然停电，没有任何通知，来电后电压也不稳，已经烧坏了好几户人家的空调。请供电部门查明原因，尽快解决。',
      },
    ],
  },
  {
    id: 'street-vendor',
    category: ['城乡建设', '市容环卫', '占道经营'],
    types: { complaint: 8, report: 2 },
    setting: 'urban',
    address: 'street',
    season: { months: [5, 6, 7, 8, 9], factor: 1.5 },
    variants: [
      {
        titles: ['{road}夜市占道经营', '{estate}门口烧烤摊占道扰民'],
        content:
          '每天傍晚到深夜，{road}从{estate}门口到{road2}路口一段被烧烤摊、水果摊占满，桌椅摆到了机动车道上，油烟、噪音、垃圾都很严重，居民进出小区都要绕着走。希望城管部门加强管理，规范经营时间和区域。',
      },
      {
        titles: ['{road}商户占用人行道经营', '{road}盲道被商户占用'],
        content:
          '{road}{num}号附近几家店铺长期把货物和招牌摆在人行道上，盲道全被占了，行人只能走到机动车道上，非常危险。请城管部门督促商户整改。',
      },
    ],
  },
  {
    id: 'garbage',
    category: ['城乡建设', '市容环卫', '垃圾清运'],
    types: { complaint: 1 },
    setting: 'any',
    address: 'street',
    variants: [
      {
        titles: ['{road}垃圾堆积无人清理', '{estate}附近垃圾点多日未清运'],
        content:
          '{road}靠近{estate}的垃圾收集点已经好几天没有清运，垃圾桶满了就堆在地上，散发出刺鼻的臭味，还招来很多老鼠。附近有幼儿园和菜市场，请环卫部门尽快清运，并增加清运频次。',
      },
      {
        titles: ['{estate}旁垃圾站臭气熏天', '建议{estate}旁垃圾中转站密闭改造'],
        content:
          '{estate}北侧的垃圾中转站离居民楼不到二十米，夏天臭味特别大，晚上清运车作业噪音也很大。希望相关部门对中转站进行密闭改造，或者考虑迁址。',
      },
    ],
  },
  {
    id: 'restaurant-fume',
    category: ['环境保护', '大气污染', '餐饮油烟'],
    types: { complaint: 8, report: 2 },
    setting: 'urban',
    address: 'shop',
    subject: '{restaurant}',
    variants: [
      {
        titles: ['{restaurant}油烟直排扰民', '{estate}楼下饭店油烟扰民'],
        content:
          '{estate}{bld}号楼楼下的{restaurant}每天从中午营业到凌晨，油烟没有经过净化直接从后墙排出，正好对着我们的窗户，家里窗户根本不敢开，衣服也晾不了。多次和店家沟通，对方置之不理，请相关部门查处。',
      },
      {
        titles: ['{road}{restaurant}排烟噪音扰民', '住宅楼底层开饭店是否合规'],
        content:
          '{road}{num}号的{restaurant}开在住宅楼底层，排烟管道直接伸到居民阳台下面，晚上空调外机和排风机的噪音也很大。居民楼底层开餐饮本身是否合规？请相关部门核查处理。',
      },
    ],
  },
  {
    id: 'factory-gas',
    category: ['环境保护', '大气污染', '工业废气'],
    types: { report: 7, complaint: 3 },
    setting: 'any',
    address: 'area',
    confidential: 0.6,
    subject: '{factory}',
    variants: [
      {
        titles: ['{factory}夜间偷排废气', '{township}有工厂夜里排放刺鼻气体'],
        content:
          '{township}{road}附近的{factory}经常在{night}偷偷排放废气，气味刺鼻，附近居民晚上被熏得睡不着，有老人出现咳嗽、头晕。白天检查的时候他们就停产，请环保部门夜间突击检查。',
      },
      {
        titles: ['{township}傍晚有塑料烧焦味', '举报{factory}无治污设施'],
        content:
          '我家住在{township}{village}，最近{weeks}周每到傍晚就能闻到一股塑料烧焦的味道，来源是附近的{factory}。下风向的树叶都发黄了。希望有关部门查一下这家企业有没有环评手续和治污设施。',
      },
    ],
  },
  {
    id: 'dust',
    category: ['环境保护', '大气污染', '扬尘污染'],
    types: { complaint: 1 },
    setting: 'urban',
    address: 'street',
    season: { months: [3, 4, 5], factor: 2 },
    variants: [
      {
        titles: ['{road}渣土车撒漏扬尘严重', '渣土车夜间经过{road}撒漏'],
        content:
          '每天晚上都有大量渣土车经过{road}，很多车没有盖篷布，沿路撒漏泥土，白天车一过尘土飞扬，沿街的窗户一天就落满灰。请相关部门加强渣土车管理和道路清扫。',
      },
      {
        titles: ['{estate}周边工地扬尘大', '{estate}南侧工地不采取降尘措施'],
        content:
          '{estate}南边的工地开挖土方没有覆盖防尘网，也不洒水降尘，刮风天整个小区都是灰，阳台上能扫出一层土。请相关部门督促工地落实扬尘防治措施。',
      },
    ],
  },
  {
    id: 'straw-burning',
    category: ['环境保护', '大气污染', '秸秆焚烧'],
    types: { report: 7, complaint: 3 },
    setting: 'rural',
    season: { months: [5, 6, 10, 11], factor: 4, off: 0.1 },
    variants: [
      {
        titles: ['{village}有人焚烧秸秆', '{township}田间焚烧秸秆浓烟滚滚'],
        content:
          '{date}傍晚，{township}{village}北边的麦田里有人焚烧秸秆，浓烟很大，飘到附近的公路上，能见度很低，车辆行驶非常危险。请镇里尽快派人处理，加强秸秆禁烧巡查。',
      },
      {
        titles: ['{township}夜间偷烧秸秆和垃圾', '{township}多个村焚烧秸秆'],
        content:
          '最近{township}好几个村晚上都有人偷偷焚烧秸秆和垃圾，{village}一带烟雾弥漫，气味呛人，晚上不敢开窗。希望加强巡查，同时帮助农户解决秸秆回收的问题。',
      },
    ],
  },
  {
    id: 'river-pollution',
    category: ['环境保护', '水污染', '河道污染'],
    types: { report: 5, complaint: 5 },
    setting: 'any',
    address: 'area',
    season: { months: [5, 6, 7, 8, 9], factor: 1.8 },
    variants: [
      {
        titles: ['{river}{township}段河水发黑发臭', '{river}有不明管道排污'],
        content:
          '{river}流经{township}的这一段，最近河水发黑发臭，水面上漂着一层油污，岸边还有一根管子往河里排污水，来源不明。附近居民夏天晚上都不敢开窗。请相关部门查明排污来源，尽快治理。',
      },
      {
        titles: ['{river}{township}段出现大量死鱼', '{river}死鱼怀疑上游偷排'],
        content:
          '{date}早上发现{river}{township}段出现大量死鱼，河面白花花一片，水有明显异味。怀疑上游有企业偷排，请环保部门尽快取样检测，查明原因。',
      },
    ],
  },
  {
    id: 'night-construction',
    category: ['环境保护', '噪声污染', '夜间施工噪声'],
    types: { complaint: 1 },
    setting: 'urban',
    subject: '{builder}',
    variants: [
      {
        titles: ['{estate}旁工地夜间施工扰民', '{estate}东侧工地连续夜间施工'],
        content:
          '{estate}东侧的工地最近连续多天施工到{night}，打桩机、搅拌车的声音特别大，整栋楼的居民都睡不好。施工单位是{builder}，我们打过电话没人管。请问他们有没有夜间施工许可？请相关部门查处。',
      },
      {
        titles: ['{road}工地深夜施工噪音大', '{road}市政工地夜间施工扰民'],
        content:
          '{road}{num}号附近的市政工地每天晚上都在施工，渣土车进出不停，噪音和扬尘都很严重。家里孩子马上要中考，晚上根本没法休息。希望相关部门督促施工单位合理安排作业时间。',
      },
    ],
  },
  {
    id: 'living-noise',
    category: ['环境保护', '噪声污染', '社会生活噪声'],
    types: { complaint: 1 },
    setting: 'urban',
    season: { months: [5, 6, 7, 8, 9], factor: 1.6 },
    variants: [
      {
        titles: ['{estate}广场舞音响声音过大', '{estate}广场舞噪音扰民'],
        content:
          '{estate}中心广场每天晚上七点到十点都有人跳广场舞，音响开得特别大，隔着双层玻璃都能听到。家里有上夜班的人和备考的学生，实在受不了。不是反对跳舞，希望能控制音量和时间。',
      },
      {
        titles: ['{road}KTV噪音扰民', '{road}一KTV深夜喧哗扰民'],
        content:
          '{road}{num}号的一家KTV每天营业到凌晨两三点，音乐声、客人在门口喧哗的声音很大，周边{estate}的居民严重失眠。多次报警后安静一会儿又照旧，请相关部门彻底整治。',
      },
    ],
  },
  {
    id: 'bus-route',
    category: ['交通运输', '公共交通', '公交线路'],
    types: { suggestion: 8, inquiry: 2 },
    setting: 'urban',
    address: 'street',
    variants: [
      {
        titles: ['建议开通{estate}到{hospital}的公交', '{estate}周边居民出行难'],
        content:
          '{estate}周边新建了好几个小区，入住居民有上万人，但是最近的公交站要步行二十多分钟。老人去{hospital}看病要转两趟车，非常不便。建议新开一条公交线路，或者将{bus}延伸到{estate}门口。',
      },
      {
        titles: ['建议{bus}公交线路延伸至{estate}', '建议调整{bus}线路走向'],
        content:
          '我是{township}的居民，每天坐{bus}上下班。随着{road}一带的新小区陆续交付，现有线路已经不能满足需求。建议调整{bus}线路走向，在{estate}增设站点。',
      },
    ],
  },
  {
    id: 'bus-frequency',
    category: ['交通运输', '公共交通', '公交班次'],
    types: { complaint: 8, suggestion: 2 },
    setting: 'urban',
    address: 'street',
    variants: [
      {
        titles: ['{bus}公交车等车时间太长', '{bus}早高峰班次太少'],
        content:
          '{bus}公交车在{road}站早高峰经常要等四十多分钟才来一辆，来了也挤不上去。站牌上写的发车间隔是十五分钟，实际远远做不到。{date}早上我等了将近一个小时，上班迟到。希望公交公司增加高峰期班次。',
      },
      {
        titles: ['{bus}末班车提前发车', '{road}站等不到{bus}末班车'],
        content:
          '{bus}末班车经常提前发车，{date}晚上九点多我在{road}站等了很久，最后也没等到，问调度说末班车已经过去了。请公交公司严格按照公示时刻表运营。',
      },
    ],
  },
  {
    id: 'ride-hailing',
    category: ['交通运输', '出租车网约车', '网约车服务'],
    types: { complaint: 1 },
    setting: 'urban',
    address: 'street',
    subject: '{platform}',
    variants: [
      {
        titles: ['{platform}网约车司机绕路多收费', '网约车绕路车费{fare}元'],
        content:
          '{date}晚上我在{road}通过{platform}叫了一辆网约车去{station}，司机不按导航路线走，故意绕了很远，平时三十多元的车费收了{fare}元。我在平台投诉后只退了几块钱优惠券。请相关部门对平台和司机进行查处。',
      },
      {
        titles: ['{platform}网约车司机中途甩客', '投诉{platform}司机态度恶劣'],
        content:
          '{date}下午我用{platform}约车从{estate}去{hospital}，上车后司机嫌路程短，一路抱怨，走到半路以车辆有故障为由让我下车，还要求我确认订单完成。我带着老人在路边等了很久才打到车。请相关部门依法处理。',
      },
    ],
  },
  {
    id: 'taxi-refuse',
    category: ['交通运输', '出租车网约车', '出租车拒载'],
    types: { complaint: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['{station}出租车拒载挑客', '{station}出租车不打表议价'],
        content:
          '{date}晚上十点多我乘车到{station}，出站后排队打出租车，前面几辆司机一听目的地是{county}{township}都不愿意走，有的直接要价一百元不打表。外地旅客对我们城市的第一印象就是这样，希望交通部门加强管理。',
      },
      {
        titles: ['{station}出租车拒载短途乘客', '{station}上客点出租车私自拼客'],
        content:
          '{station}出租车上客点长期有司机拒载短途乘客，只拉去外县的长途客人，还私自拼客。{date}我带孩子等了半个小时也没打上车。请交通运输部门加强现场监管。',
      },
    ],
  },
  {
    id: 'rural-road',
    category: ['交通运输', '公路建设养护', '农村公路'],
    types: { help: 5, complaint: 3, suggestion: 2 },
    setting: 'rural',
    variants: [
      {
        titles: ['{village}通村公路损坏严重', '{township}{village}道路年久失修'],
        content:
          '{township}{village}到镇上的通村公路修了十几年，现在到处是坑，一下雨就是泥水，学生上学、村民卖菜都很不方便，{date}还有一辆拉菜的三轮车翻进了沟里。希望有关部门把这条路纳入农村公路提升改造计划。',
      },
      {
        titles: ['{village}{group}至今未通水泥路', '希望给{village}修一条水泥路'],
        content:
          '我们{village}{group}到村委会的路还是土路，晴天一身土、雨天一身泥，村里老人看病要走很远。听说附近其他村都修了水泥路，希望交通部门和镇里能帮忙解决。',
      },
    ],
  },
  {
    id: 'illegal-parking',
    category: ['交通运输', '道路交通', '违章停车'],
    types: { complaint: 7, report: 3 },
    setting: 'urban',
    variants: [
      {
        titles: ['{estate}消防通道被车辆长期占用', '{estate}私家车堵塞消防通道'],
        content:
          '{estate}小区内的消防通道长期被私家车占用，晚上更严重，{bld}号楼前面的通道只剩一条缝。万一发生火灾，消防车根本进不来。物业管不了，请相关部门进行整治。',
      },
      {
        titles: ['{school}门口接送车辆乱停', '{road}上下学时段乱停车堵路'],
        content:
          '{road}靠近{school}的路段每天上下学时间家长车辆随意停放，双向车道被堵成单车道，公交车都过不去。希望交警部门在上下学高峰期加强疏导，规划临时停车区域。',
      },
    ],
  },
  {
    id: 'traffic-light',
    category: ['交通运输', '道路交通', '交通信号灯'],
    types: { suggestion: 7, complaint: 3 },
    setting: 'urban',
    address: 'street',
    variants: [
      {
        titles: ['建议{road}与{road2}路口增设红绿灯', '{road}路口无信号灯学生过街危险'],
        content:
          '{road}与{road2}交叉口车流量很大，附近有{school}和几个大型小区，但是路口没有红绿灯，也没有斑马线，学生过马路非常危险，{month}以来已经发生了好几起剐蹭事故。建议尽快增设交通信号灯。',
      },
      {
        titles: ['{road}路口信号灯配时不合理', '建议优化{road}与{road2}路口绿灯时长'],
        content:
          '{road}与{road2}路口东西方向绿灯时间只有十几秒，早晚高峰车辆排队好几百米，行人过街时间也不够，老人走到一半就变灯了。建议交警部门优化信号灯配时。',
      },
    ],
  },
];
