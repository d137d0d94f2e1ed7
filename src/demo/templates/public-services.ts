/**
 * Templates about markets, schools, health, work and pensions, social
 * assistance, the countryside, land, police services and government services.
 */
import { rainySeason, summer, type AppealTemplate } from './types.ts';

export const publicServiceTemplates: readonly AppealTemplate[] = [
  {
    id: 'expired-food',
    category: ['市场监管', '食品安全', '过期食品'],
    types: { report: 8, complaint: 2 },
    setting: 'any',
    address: 'shop',
    subject: '{shop}',
    variants: [
      {
        titles: ['{shop}销售过期牛奶', '举报{shop}出售过期食品'],
        content:
          '{date}我在{road}{num}号的{shop}买了一箱牛奶，回家后发现生产日期是去年的，已经过期两个多月。回去找店家理论，店员说是促销品，只同意换货。超市货架上还有不少过期商品在卖，请市场监管部门查处。',
      },
      {
        titles: ['{shop}打折销售过期零食', '{township}{shop}出售过期饮料'],
        content:
          '{township}的{shop}把临期和过期的零食、饮料混在一起打折销售，很多老人和孩子在买。我拍了照片留存，请相关部门到现场检查。',
      },
    ],
  },
  {
    id: 'restaurant-hygiene',
    category: ['市场监管', '食品安全', '餐饮卫生'],
    types: { complaint: 7, report: 3 },
    setting: 'urban',
    address: 'shop',
    season: summer,
    urgency: [7, 3, 0],
    subject: '{restaurant}',
    variants: [
      {
        titles: ['在{restaurant}就餐后一家人腹泻', '{restaurant}食品卫生差'],
        content:
          '{date}晚上我和家人在{road}的{restaurant}吃饭，回家后一家三口都出现了腹痛、腹泻的症状，孩子还发烧了，去医院诊断为急性肠胃炎。后来听邻居说这家店后厨卫生很差，希望市场监管部门尽快检查。',
      },
      {
        titles: ['{restaurant}后厨脏乱差', '举报{restaurant}露天操作'],
        content:
          '{road}{num}号的{restaurant}后厨就在后巷露天操作，地上污水横流，食材直接放在地上，还看到有老鼠。这家店生意很好，顾客很多，存在很大的食品安全隐患，请相关部门查处。',
      },
    ],
  },
  {
    id: 'elevator',
    category: ['市场监管', '特种设备', '电梯故障'],
    types: { complaint: 5, help: 5 },
    setting: 'urban',
    urgency: [4, 5, 1],
    subject: '{propertyCo}',
    variants: [
      {
        titles: ['{estate}{bld}号楼电梯频繁故障', '{estate}电梯困人事故'],
        content:
          '{estate}{bld}号楼的电梯这个月已经坏了四五次，{date}还发生了困人事故，一位老人被困了四十多分钟。电梯已经用了十几年，物业说维修资金不够，只能小修小补。请特种设备监管部门检查电梯安全状况。',
      },
      {
        titles: ['{estate}电梯停运多日无人修', '{estate}{bld}号楼唯一电梯停运'],
        content:
          '{estate}{bld}号楼共{floors}层，唯一的一部电梯从{date}起停运，物业{propertyCo}说在等配件。楼里住着很多老人，有的腿脚不便，已经好几天下不了楼。请相关部门督促尽快修复。',
      },
    ],
  },
  {
    id: 'short-weight',
    category: ['市场监管', '计量标准', '缺斤短两'],
    types: { complaint: 6, report: 4 },
    setting: 'any',
    address: 'area',
    subject: '{market}摊主',
    variants: [
      {
        titles: ['{market}商贩缺斤短两', '{market}买肉少了四两'],
        content:
          '{date}我在{market}买了两斤猪肉，回家用电子秤一称只有一斤六两。后来又去其他摊位买菜，也发现分量不足。这个市场的公平秤放在角落里，很多人都不知道，请市场监管部门对摊位的计量器具进行检查。',
      },
      {
        titles: ['{market}有摊位秤不准', '{market}水果摊专坑老年人'],
        content:
          '{market}有好几个水果摊的电子秤被动了手脚，每斤少二三两，专门欺负老年人。我当场复秤后摊主态度很差。希望相关部门加强监管。',
      },
    ],
  },
  {
    id: 'prepaid-card',
    category: ['商贸旅游', '商业服务', '预付卡退费'],
    types: { complaint: 6, help: 4 },
    setting: 'urban',
    address: 'shop',
    subject: '{prepaidShop}',
    variants: [
      {
        titles: ['{prepaidShop}关门跑路，预付卡无法退费', '{prepaidShop}突然关门会员卡作废'],
        content:
          '我去年在{road}的{prepaidShop}办了一张年卡，充值{amount}，{date}去的时候发现店门已经关了，门上贴着“装修暂停营业”，老板电话打不通。和我一样办卡的会员有上百人，请相关部门帮助我们追回钱款。',
      },
      {
        titles: ['{prepaidShop}拒不退还预付费', '预付卡不退只能转让是否合理'],
        content:
          '我在{prepaidShop}办了{amount}的会员卡，用了不到两个月就因为搬家想退卡，商家说预付卡一律不退，只能转让，可合同里根本没写这一条。请问这种情况怎么维权？',
      },
    ],
  },
  {
    id: 'scenic',
    category: ['商贸旅游', '旅游服务', '景区管理'],
    types: { complaint: 8, suggestion: 2 },
    setting: 'any',
    address: 'area',
    season: { months: [4, 5, 7, 8, 10], factor: 2 },
    subject: '{scenic}',
    variants: [
      {
        titles: ['{scenic}停车乱收费', '{scenic}周边有人冒充工作人员收费'],
        content:
          '{date}带家人去{scenic}游玩，景区停车场收费二十元，出来时又被要求另交十元“清洁费”，没有任何票据。景区周边还有人冒充工作人员拦车收费。请旅游部门加强对景区周边秩序的管理。',
      },
      {
        titles: ['{scenic}节假日管理混乱', '{scenic}排队一个多小时才入园'],
        content:
          '节假日期间{scenic}游客很多，但只开了一个售票窗口，排队一个多小时才进去，景区里厕所不够，垃圾桶也满了没人清。希望景区提高接待能力和管理水平。',
      },
    ],
  },
  {
    id: 'school-enrollment',
    category: ['教育文体', '招生入学', '义务教育入学'],
    types: { inquiry: 8, complaint: 2 },
    setting: 'urban',
    season: { months: [4, 5, 6, 7, 8], factor: 3.5, off: 0.4 },
    variants: [
      {
        titles: ['咨询{estate}对应学区和报名材料', '随迁子女上小学需要哪些材料'],
        content:
          '我家在{estate}买了房，孩子今年九月该上一年级了，户口还在老家。请问{estate}对应的是哪所小学？随迁子女报名需要准备哪些材料，居住证和社保缴纳有没有年限要求？',
      },
      {
        titles: ['{estate}业主子女被分到远处学校', '{estate}学区划分不合理'],
        content:
          '{estate}的购房合同上写着对口学校是{school}，但今年学校说学位紧张，要把我们小区的孩子分到离家六公里外的学校。孩子太小，路上又不安全，请教育部门给一个明确合理的解释。',
      },
    ],
  },
  {
    id: 'kindergarten',
    category: ['教育文体', '招生入学', '幼儿园入园'],
    types: { inquiry: 6, suggestion: 4 },
    setting: 'urban',
    season: { months: [3, 4, 5, 6, 7, 8], factor: 2.5, off: 0.3 },
    variants: [
      {
        titles: ['{township}公办幼儿园学位不够', '建议在{estate}附近增建公办幼儿园'],
        content:
          '{township}周边新建小区很多，但是公办幼儿园只有{kindergarten}一所，每年报名都要排队抽签，很多孩子只能去收费很高的民办园。希望教育部门在{estate}附近增建公办幼儿园，或者增加普惠性学位。',
      },
      {
        titles: ['咨询{kindergarten}招生时间', '孩子满三岁如何报名公办幼儿园'],
        content:
          '我家孩子今年满三周岁，想报{kindergarten}，请问今年什么时候开始报名，需要带哪些材料？户口不在本街道的能不能报名？',
      },
    ],
  },
  {
    id: 'training-refund',
    category: ['教育文体', '教育收费', '校外培训收费'],
    types: { complaint: 8, help: 2 },
    setting: 'urban',
    address: 'shop',
    subject: '{training}',
    variants: [
      {
        titles: ['{training}突然停课拒不退费', '{training}停课后学费无法退还'],
        content:
          '我在{road}的{training}给孩子交了一年的课时费{amount}，上了不到三个月，机构突然通知停课，老师也走了，负责人一直说在想办法，但退费迟迟没有下文。很多家长都遇到同样的问题，请教育和市场监管部门介入。',
      },
      {
        titles: ['{training}退费要扣三成违约金', '培训机构退费扣违约金是否合理'],
        content:
          '{training}在招生时承诺“不满意随时退费”，我给孩子报名后发现老师频繁更换，要求退剩余课时费，机构却要扣除百分之三十的违约金。请问这是否合理？',
      },
    ],
  },
  {
    id: 'school-fees',
    category: ['教育文体', '教育收费', '违规收费'],
    types: { report: 6, complaint: 4 },
    setting: 'any',
    address: 'area',
    confidential: 0.6,
    subject: '{school}',
    variants: [
      {
        titles: ['{school}变相强制收取资料费', '举报{school}指定购买教辅'],
        content:
          '{school}开学时要求每名学生交{fee3}元“资料费”，还让家长统一在指定的书店购买教辅，不买的孩子会被老师点名。这种变相强制收费是否违规？请教育部门核查。',
      },
      {
        titles: ['{school}课后服务变相强制', '举报{school}课后服务收费'],
        content:
          '{school}的课后服务原本是自愿参加，但是班主任在家长群里要求全部报名，每学期收费{fee3}元，不参加的孩子下午三点半就得有人来接。希望教育部门调查处理。',
      },
    ],
  },
  {
    id: 'medical-reimburse',
    category: ['卫生健康', '医疗保险', '医保报销'],
    types: { inquiry: 8, help: 2 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['咨询住院费用医保报销比例', '父亲住院医保报销比例偏低'],
        content:
          '我父亲{date}在{hospital}住院治疗，花了三万多元，出院结算时医保报销比例比我们预期的低很多，有些药说是目录外的。请问城乡居民医保在市级医院住院的报销比例是多少，大病保险怎么申请？',
      },
      {
        titles: ['一年多次住院起付线如何计算', '咨询居民医保起付线'],
        content:
          '我母亲参加的是城乡居民医保，今年在{hospital}做了两次手术，第二次住院起付线又重新计算了一次。请问一年内多次住院起付线怎么算，门诊费用能不能报销？',
      },
    ],
  },
  {
    id: 'remote-medical',
    category: ['卫生健康', '医疗保险', '异地就医'],
    types: { inquiry: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['异地就医备案如何办理', '去省城看病医保如何直接结算'],
        content:
          '我母亲需要去省城的大医院做手术，医保参保地在{county}。请问异地就医备案在手机上怎么办理？备案后在外地医院住院是不是可以直接结算，报销比例和本地一样吗？',
      },
      {
        titles: ['咨询长期异地就医备案', '外地工作人员看病如何报销'],
        content:
          '我在外地工作，医保在{county}缴纳，最近在工作地看病都得先自己垫付再回来报销，来回跑很麻烦。请问像我这种情况能不能办理长期异地就医备案？需要什么材料？',
      },
    ],
  },
  {
    id: 'hospital-attitude',
    category: ['卫生健康', '医疗服务', '服务态度'],
    types: { complaint: 1 },
    setting: 'any',
    address: 'area',
    subject: '{hospital}',
    variants: [
      {
        titles: ['{hospital}儿科医生态度差', '投诉{hospital}医生不耐烦'],
        content:
          '{date}我带孩子去{hospital}儿科看病，排队两个多小时，轮到我们时医生不到三分钟就开了单子，问了两句就不耐烦，还说“不懂就别问”。希望医院加强对医护人员的服务意识教育。',
      },
      {
        titles: ['{hospital}急诊先缴费后检查', '{hospital}急诊延误检查'],
        content:
          '{date}晚上我父亲突发胸痛，送到{hospital}急诊科，分诊护士让我们先去挂号缴费，前后耽误了将近半小时才开始检查。急诊应该先抢救后缴费，请卫健部门调查。',
      },
    ],
  },
  {
    id: 'vaccine',
    category: ['卫生健康', '公共卫生', '疫苗接种'],
    types: { inquiry: 7, suggestion: 3 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['咨询儿童疫苗接种预约', '宝宝打疫苗需要提前预约吗'],
        content:
          '我家宝宝快满六个月了，需要接种疫苗，请问在{clinic}接种需要提前预约吗，怎么预约？另外自费疫苗和免费疫苗怎么区分，可以自己选择接种吗？',
      },
      {
        titles: ['{clinic}疫苗接种预约难', '建议{clinic}增加疫苗接种号源'],
        content:
          '{clinic}每周只有两个半天可以接种疫苗，号源很少，线上预约一放号就被抢光，我连续三周都没约上，孩子的疫苗已经推迟了。建议增加接种时间和号源。',
      },
    ],
  },
  {
    id: 'migrant-wages',
    category: ['劳动和社会保障', '劳资纠纷', '拖欠农民工工资'],
    types: { help: 8, complaint: 2 },
    setting: 'any',
    address: 'site',
    season: { months: [12, 1, 2], factor: 3.5 },
    urgency: [6, 4, 0],
    confidential: 0.1,
    subject: '{builder}',
    variants: [
      {
        titles: ['{workers}名农民工被拖欠工资', '{estate}工地拖欠农民工工资'],
        content:
          '我们{workers}个人从{month}开始在{road}的{estate}项目工地干活，承包方{builder}的包工头{boss}一直拖着不发工资，总共欠了{wageTotal}。家里老人看病、孩子上学都等着这笔钱，找总包单位也说没钱。请劳动监察部门帮我们讨回血汗钱。',
      },
      {
        titles: ['{builder}拖欠工资{wageTotal}', '{estate}项目完工后工资仍未结清'],
        content:
          '我是在{estate}工地做木工的，包工头{boss}欠我和工友们{months}个月工资，合计{wageTotal}。项目已经完工，建设单位说工程款已经付给{builder}了，可是钱就是到不了我们手里。请政府帮帮我们。',
      },
    ],
  },
  {
    id: 'wage-arrears',
    category: ['劳动和社会保障', '劳资纠纷', '拖欠工资'],
    types: { help: 6, complaint: 4 },
    setting: 'urban',
    address: 'area',
    subject: '{company}',
    variants: [
      {
        titles: ['{company}拖欠员工工资', '{company}拖欠工资{months}个月'],
        content:
          '我在{company}上班，公司从{month}起就没按时发工资，每次问都说资金周转困难，现在已经拖欠了{months}个月，每人{amount}左右，涉及三十多名员工。请劳动监察部门调查处理。',
      },
      {
        titles: ['离职后{company}不结算工资', '{company}扣押工资不开离职证明'],
        content:
          '我{date}从{company}离职，按规定应该结清工资，但公司以交接没完成为由扣着最后一个月工资{amount}不发，还不给开离职证明。请问我该怎么维权？',
      },
    ],
  },
  {
    id: 'work-injury',
    category: ['劳动和社会保障', '社会保险', '工伤认定'],
    types: { help: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['单位不配合工伤认定', '个人能否申请工伤认定'],
        content:
          '我在{company}上班，{date}在车间操作机器时右手被压伤，住院治疗了一个多月。现在公司不承认是工伤，也不出具事故证明，医药费都是自己垫的。请问我自己能不能申请工伤认定，需要哪些材料？',
      },
      {
        titles: ['工地摔伤无工伤保险如何维权', '丈夫工地受伤公司不管'],
        content:
          '我丈夫在{builder}承包的工地干活时从脚手架上摔下来，腰椎骨折。公司没有给他交工伤保险，事故发生后只给了五千元就不管了。请问我们该怎么维权？',
      },
    ],
  },
  {
    id: 'pension-insurance',
    category: ['劳动和社会保障', '社会保险', '养老保险'],
    types: { inquiry: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['咨询灵活就业人员养老保险缴费', '养老保险断缴能否补缴'],
        content:
          '我今年{age2}岁，以前在企业上班交过{years}年社保，后来辞职做小生意就断交了。请问现在以灵活就业人员身份续交养老保险，缴费基数怎么选，中间断交的年份能不能补交，需要到哪里办理？',
      },
      {
        titles: ['外地养老保险如何转回本地', '咨询养老保险关系转移'],
        content:
          '我是{township}人，在外地打工时单位交过几年职工养老保险，现在回老家了。请问外地的养老保险关系怎么转回来，和城乡居民养老保险能不能合并计算？',
      },
    ],
  },
  {
    id: 'pension-payment',
    category: ['劳动和社会保障', '退休待遇', '养老金发放'],
    types: { inquiry: 7, complaint: 3 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['咨询今年养老金调整何时到账', '养老金上调后为何没变'],
        content:
          '我是{county}的企业退休职工，听说今年养老金又上调了，但是这个月卡上的钱还是和原来一样。请问今年的调整方案什么时候执行，补发的部分什么时候到账？',
      },
      {
        titles: ['退休后养老金迟迟未发放', '办完退休手续{months}个月未领到养老金'],
        content:
          '我{month}办完了退休手续，单位说下个月就能领到养老金，可是到现在已经{months}个月了还没有发放，打电话问社保部门说还在审核。请问审核需要多长时间？',
      },
    ],
  },
  {
    id: 'low-income',
    category: ['民政社区', '社会救助', '低保申请'],
    types: { help: 7, inquiry: 3 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['家庭困难申请低保被拒', '咨询低保申请条件'],
        content:
          '我家住在{township}{village}，丈夫{month}因病去世，我一个人带着两个上学的孩子，还有一个瘫痪在床的婆婆，家里没有固定收入。之前申请过低保，被告知不符合条件。请问低保的申请条件是什么，我家这种情况能不能申请？',
      },
      {
        titles: ['独居老人申请低保难', '低保是否有名额限制'],
        content:
          '我父亲今年{age}岁，独自住在{village}，没有其他子女赡养，身体也不好。想帮他申请低保或者特困供养，有人说名额已经满了。请问低保是否有名额限制？',
      },
    ],
  },
  {
    id: 'elderly-allowance',
    category: ['民政社区', '养老服务', '高龄津贴'],
    types: { inquiry: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['咨询高龄津贴如何申领', '八十岁以上老人高龄津贴标准'],
        content:
          '我母亲今年{age}岁了，户籍在{county}{township}。听说八十岁以上老人可以领取高龄津贴，请问需要到哪里申请，要带什么材料，每月能领多少？',
      },
      {
        titles: ['老人高龄津贴停发', '高龄津贴{month}起未到账'],
        content:
          '我父亲{age}岁，以前每月都能领到高龄津贴，从{month}开始就没有再到账了，问了社区也说不清楚。请问是什么原因停发，怎样才能恢复？',
      },
    ],
  },
  {
    id: 'neighbour-leak',
    category: ['民政社区', '社区管理', '邻里纠纷'],
    types: { help: 7, complaint: 3 },
    setting: 'urban',
    variants: [
      {
        titles: ['楼上住户漏水拒不维修', '{estate}楼上漏水邻居不开门'],
        content:
          '我家住在{estate}{bld}号楼{room}室，楼上住户卫生间漏水已经{months}个月，我家卫生间吊顶全部泡坏，墙面发霉。多次上门沟通，楼上住户不开门也不维修，物业也协调不了。请社区帮忙调解。',
      },
      {
        titles: ['{estate}邻里漏水纠纷请求调解', '楼上装修破坏防水拒绝赔偿'],
        content:
          '{estate}{bld}号楼楼上邻居装修时把卫生间防水层破坏了，导致我家天花板渗水。对方承认了但拒绝赔偿，只说去找物业。希望社区和调解组织出面，协调双方解决。',
      },
    ],
  },
  {
    id: 'ebike-corridor',
    category: ['民政社区', '社区管理', '楼道堆物'],
    types: { report: 6, complaint: 4 },
    setting: 'urban',
    variants: [
      {
        titles: ['{estate}有住户在楼道给电动车充电', '{estate}{bld}号楼飞线充电'],
        content:
          '{estate}{bld}号楼有住户长期把电动车推进楼道，从楼上拉电线下来充电，晚上整夜充着。前段时间新闻里经常报道电动车起火的事，大家都很担心，跟物业说了也没人管。请社区和相关部门尽快整治。',
      },
      {
        titles: ['{estate}楼道堆物堵塞消防通道', '{estate}{bld}号楼楼道堆满杂物'],
        content:
          '{estate}{bld}号楼的楼道里堆满了纸箱、旧家具和杂物，有的住户还在楼梯间放了煤气罐，消防通道几乎被堵死。请社区组织清理，消除火灾隐患。',
      },
    ],
  },
  {
    id: 'rural-water',
    category: ['农村农业', '农村基础设施', '农村饮水'],
    types: { help: 6, complaint: 4 },
    setting: 'rural',
    season: summer,
    urgency: [6, 4, 0],
    variants: [
      {
        titles: ['{village}自来水经常停水', '{township}{village}吃水困难'],
        content:
          '{township}{village}的自来水这个月停了好几次，每次一停就是两三天，天热用水量大，村民只能到几里外拉水。村里说是供水站的水泵老化了，希望有关部门尽快解决我们的吃水问题。',
      },
      {
        titles: ['{village}饮用水浑浊发黄', '{village}{group}自来水水质差'],
        content:
          '{village}{group}的自来水最近发黄浑浊，烧开后壶底有很多沉淀，村里很多人家都不敢直接喝。请相关部门对水质进行检测，查明原因。',
      },
    ],
  },
  {
    id: 'village-affairs',
    category: ['农村农业', '村务管理', '村务公开'],
    types: { report: 8, complaint: 2 },
    setting: 'rural',
    confidential: 0.7,
    subject: '{village}村委会',
    variants: [
      {
        titles: ['{village}村务不公开', '举报{village}集体收入账目不清'],
        content:
          '{village}这几年把村里的集体土地和鱼塘承包出去，每年有不少租金收入，但是村委会从来没有公布过账目，村民问起来村干部就说“用在村里了”。请镇里对村集体财务进行审计并公开。',
      },
      {
        titles: ['{village}低保和危房改造名单未公示', '举报{village}优亲厚友'],
        content:
          '{village}今年的低保户和危房改造名单都没有张榜公示，村民反映有几户条件不错的人家也在名单里，都是村干部的亲戚。希望{township}调查核实，做到公开公平。',
      },
    ],
  },
  {
    id: 'grain-subsidy',
    category: ['农村农业', '惠农政策', '种粮补贴'],
    types: { inquiry: 1 },
    setting: 'rural',
    season: { months: [4, 5, 6, 9, 10], factor: 2 },
    variants: [
      {
        titles: ['咨询今年种粮补贴发放时间', '{village}种粮补贴未到账'],
        content:
          '我是{township}{village}的村民，家里种了{mu}亩小麦，往年这个时候种粮补贴已经打到一卡通里了，今年还没有收到。请问今年的补贴标准是多少，什么时候发放？',
      },
      {
        titles: ['土地流转后种粮补贴发给谁', '咨询流转土地的补贴归属'],
        content:
          '我家的承包地{month}流转给了合作社，村里说今年的种粮补贴要发给合作社，不发给我们。请问补贴到底应该发给承包户还是实际种粮的经营者？',
      },
    ],
  },
  {
    id: 'land-transfer',
    category: ['农村农业', '农村土地承包', '土地流转'],
    types: { help: 6, complaint: 4 },
    setting: 'rural',
    subject: '{coop}',
    variants: [
      {
        titles: ['{coop}拖欠土地流转费', '{village}土地流转费两年未付'],
        content:
          '我们{village}一百多户村民的{mu2}亩承包地流转给了{coop}，合同约定每年年底前支付流转费，但已经拖欠两年了，合作社负责人说种植亏损付不起。很多老人就靠这点钱生活，请相关部门帮助协调。',
      },
      {
        titles: ['{coop}擅自改变流转土地用途', '{village}流转耕地被建棚盖房'],
        content:
          '{coop}承包了{village}的土地后，没经过村民同意就在地里建了养殖棚和仓库，改变了土地用途。合同到期后这些地也恢复不了耕种。请有关部门调查处理。',
      },
    ],
  },
  {
    id: 'breeding-pollution',
    category: ['农村农业', '畜牧水产', '养殖污染'],
    types: { complaint: 7, report: 3 },
    setting: 'rural',
    season: summer,
    subject: '{farm}',
    variants: [
      {
        titles: ['{village}养猪场臭气熏天', '{village}旁养殖场粪水直排'],
        content:
          '{village}边上的{farm}养了几百头猪，离居民房子不到两百米，夏天臭味很重，苍蝇成群，粪水还直接排进了旁边的水沟里。村民多次反映没人管，请有关部门查处。',
      },
      {
        titles: ['{farm}养殖废水直排河道', '{village}下游河水被养殖废水污染'],
        content:
          '{farm}把养殖废水直接排到{river}的支流里，{village}下游的水变黑变臭，沿岸村民浇地都不敢用这个水了。希望相关部门尽快处理。',
      },
    ],
  },
  {
    id: 'land-compensation',
    category: ['国土资源', '土地征收', '征地补偿'],
    types: { complaint: 6, help: 4 },
    setting: 'rural',
    variants: [
      {
        titles: ['{village}征地补偿款迟迟不到位', '征地{months}个月补偿款未发'],
        content:
          '{month}{township}征收了我们{village}的一部分耕地用于修建产业园，我家被征了{mu}亩，当时说三个月内发放补偿款，到现在已经过去{months}个月，补偿款一分也没拿到。请问补偿款到底卡在哪里了？',
      },
      {
        titles: ['{township}征地补偿标准过低', '{village}征地补偿标准不公开'],
        content:
          '{township}为修路征收{village}的土地，给的补偿标准比邻镇同类项目低了不少，地上附着物也没有认真清点。村民多次反映没有结果，希望相关部门公开征地批复和补偿标准，依法依规补偿。',
      },
    ],
  },
  {
    id: 'homestead',
    category: ['国土资源', '土地利用', '宅基地审批'],
    types: { inquiry: 1 },
    setting: 'rural',
    variants: [
      {
        titles: ['咨询农村宅基地翻建审批手续', '老房成危房如何申请翻建'],
        content:
          '我是{township}{village}村民，老房子是六十年代的土坯房，已经成了危房，想在原宅基地上翻建。请问现在农村建房审批需要哪些手续，到哪个部门办理，大概要多长时间？',
      },
      {
        titles: ['{village}宅基地申请一直没批', '分户后申请宅基地有何规定'],
        content:
          '我儿子结婚分户后，{month}向村里提交了宅基地申请，村里和镇里都签了意见，但是一直没有批下来，问了说是没有用地指标。请问分户后申请宅基地有什么规定？',
      },
    ],
  },
  {
    id: 'property-registration',
    category: ['国土资源', '不动产登记', '房产证办理'],
    types: { inquiry: 7, complaint: 3 },
    setting: 'urban',
    address: 'area',
    variants: [
      {
        titles: ['咨询二手房过户所需材料', '二手房过户能否网上预约'],
        content:
          '我准备购买{estate}的一套二手房，请问到不动产登记中心办理过户需要准备哪些材料，买卖双方是否都要到场，税费大概怎么计算？能不能网上预约办理？',
      },
      {
        titles: ['不动产登记办证时间太长', '房产证超期一个月未办出'],
        content:
          '我{date}在不动产登记中心提交了房产证办理材料，工作人员说十个工作日就能出证，到现在已经一个多月了还没消息，打电话也一直没人接。请尽快帮忙查询进度。',
      },
    ],
  },
  {
    id: 'hukou',
    category: ['公安政法', '户籍管理', '户口迁移'],
    types: { inquiry: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['买房后户口迁入需要哪些材料', '咨询购房落户手续'],
        content:
          '我在{township}{estate}买了房，想把一家三口的户口从老家迁过来，方便孩子上学。请问现在落户需要哪些材料，需不需要先回老家开准迁证明，能不能跨省通办？',
      },
      {
        titles: ['咨询新生儿落户手续', '新生儿上户口去哪个派出所'],
        content:
          '我家孩子{month}出生，请问新生儿上户口需要准备哪些材料？父母一方户口不在本市的话，孩子能不能随另一方落户？去{township}哪个派出所办理？',
      },
    ],
  },
  {
    id: 'ebike-plate',
    category: ['公安政法', '交通管理', '电动车上牌'],
    types: { inquiry: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['咨询电动自行车上牌流程', '新买电动车能否在车行代办上牌'],
        content:
          '我最近在{township}的车行买了一辆新国标电动自行车，请问上牌需要带哪些材料，在哪里办理，能不能在车行直接代办？',
      },
      {
        titles: ['超标电动车过渡期后还能骑吗', '咨询电动车以旧换新补贴'],
        content:
          '我家有一辆几年前买的电动车，是超标车，听说过渡期结束后就不能再上路了。请问现在有没有以旧换新的补贴政策，去哪里办理？',
      },
    ],
  },
  {
    id: 'telecom-fraud',
    category: ['公安政法', '涉众犯罪', '电信网络诈骗'],
    types: { help: 8, report: 2 },
    setting: 'any',
    address: 'area',
    urgency: [6, 4, 0],
    variants: [
      {
        titles: ['被冒充快递客服诈骗{amount}', '遭遇冒充客服诈骗求助'],
        content:
          '{date}我接到一个自称快递客服的电话，说我的包裹丢了要给我理赔，让我下载了一个会议软件共享屏幕，结果银行卡里的{amount}被转走了。我已经到{township}派出所报了案，希望警方能尽快追回损失。',
      },
      {
        titles: ['母亲被拉进投资群被骗', '老人遭遇投资理财诈骗'],
        content:
          '我妈妈今年六十多岁，{date}在手机上被人拉进一个“投资理财群”，前后转了{amount}，现在对方把她拉黑了。我们已经报警，请问这种情况钱还能追回来吗？也希望有关部门多到{township}各社区宣传防诈骗知识。',
      },
    ],
  },
  {
    id: 'pushback',
    category: ['政务服务', '办事效率', '推诿扯皮'],
    types: { complaint: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['办理经营范围变更跑了三趟', '{county}政务服务中心窗口推诿'],
        content:
          '我{date}到{county}政务服务中心办理个体工商户经营范围变更，窗口说要先去另一个部门开证明，那个部门又说不归他们管，前后跑了三趟还没办成。不是说“最多跑一次”吗？请相关部门核查。',
      },
      {
        titles: ['办事材料不一次性告知', '为一项认证来回跑了{times}次'],
        content:
          '我为了给父亲办理一项社保待遇认证，在社区、{township}和人社窗口之间来回跑了{times}次，每次都说缺材料，但一次性告知的清单里根本没有这些材料。希望改进服务，一次性告知所需材料。',
      },
    ],
  },
  {
    id: 'thanks',
    category: ['其他', '表扬感谢', '表扬单位'],
    types: { thanks: 1 },
    setting: 'any',
    address: 'area',
    variants: [
      {
        titles: ['感谢{township}工作人员高效办事', '为{township}的办事效率点赞'],
        content:
          '我是{township}的居民，前段时间反映的路灯和积水问题，{township}的工作人员第二天就到现场查看，一周内全部处理好了，还专门打电话回访。特别感谢他们的高效和负责，为政府点赞！',
      },
      {
        titles: ['感谢{hospital}医护人员', '感谢{hospital}救治我的父亲'],
        content:
          '{date}我父亲突发脑梗，被送到{hospital}抢救，医生护士连夜手术，术后照顾也非常细心。现在父亲已经康复出院。在此对{hospital}的医护人员表示衷心感谢！',
      },
    ],
  },
  {
    id: 'city-suggestion',
    category: ['其他', '意见建议', '城市发展建议'],
    types: { suggestion: 1 },
    setting: 'urban',
    address: 'area',
    variants: [
      {
        titles: ['建议在{river}沿岸建设健身步道', '关于{river}沿岸绿道建设的建议'],
        content:
          '{river}沿岸风景很好，每天早晚都有很多市民散步锻炼，但目前沿河只有一段土路，晚上也没有照明。建议沿河修建健身步道和自行车道，增加路灯和休息座椅，打造成市民休闲的好去处。',
      },
      {
        titles: ['关于增加{township}停车位的建议', '建议在{road}附近建设立体停车场'],
        content:
          '{township}老城区老旧小区多，车位严重不足，晚上车辆只能停在路边甚至人行道上。建议利用{road}附近的闲置地块建设立体停车场，同时在夜间开放周边单位的停车场。',
      },
    ],
  },
  {
    id: 'flood-control',
    category: ['其他', '公共安全', '防汛排涝'],
    types: { help: 5, report: 5 },
    setting: 'any',
    address: 'area',
    season: rainySeason,
    urgency: [3, 5, 2],
    variants: [
      {
        titles: ['{river}{township}段河堤出现渗水', '{river}水位上涨河堤渗水'],
        content:
          '连日降雨，{river}水位上涨很快，{township}段的河堤有一处出现渗水，堤下就是居民区和农田。已经有人在现场值守，请防汛部门尽快派专业人员查看，做好抢险准备。',
      },
      {
        titles: ['{road}下穿隧道积水严重', '暴雨后{road}隧道积水车辆被困'],
        content:
          '{date}暴雨后，{road}下穿隧道积水超过一米，已经有车辆熄火被困，现场没有设置警示和封闭措施。请有关部门立即安排抽排积水，设置警示标志。',
      },
    ],
  },
  {
    id: 'fire-hazard',
    category: ['其他', '公共安全', '消防安全'],
    types: { report: 1 },
    setting: 'urban',
    address: 'shop',
    confidential: 0.6,
    variants: [
      {
        titles: ['{road}一商铺存在消防隐患', '举报{road}{num}号商铺前店后宅'],
        content:
          '{road}{num}号的一家商铺前面开店后面住人，里面堆满了纸箱和易燃物，还私拉电线，门口的灭火器早就过期了。这栋楼上面还住着居民，一旦起火后果不堪设想，请消防部门检查。',
      },
      {
        titles: ['举报{estate}群租房消防隐患', '{estate}一套房隔成十几间出租'],
        content:
          '{estate}{bld}号楼有一套房子被隔成了十几个小单间出租，住了二十多个人，楼道里全是私拉的电线和电动车。请相关部门上门检查，消除安全隐患。',
      },
    ],
  },
];
