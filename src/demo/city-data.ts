/**
 * Raw names for the fictional city of 安澜市 (Anlan). Every place name here is
 * invented for the demo; any likeness to a real place is a coincidence of
 * common Chinese place-name words.
 */

/** Kind of county-level division: 市辖区, 县, 县级市. */
export type CountyKind = 'district' | 'county' | 'countyCity';

/** One county-level division, in the order of its key (c01…c13). */
export interface CountySeed {
  name: string;
  short: string;
  kind: CountyKind;
  /** Streets (街道, urban) it has; they come first. */
  streets: number;
  /** Towns (镇). */
  towns: number;
  /** Rural townships (乡). Total of the three: 4–8. */
  xiang: number;
}

export const cityName = '安澜市';
export const cityShortName = '安澜';
/** Prefix of case numbers in the demo city (e.g. AL2026031500012). */
export const cityNumberPrefix = 'AL';

export const counties: readonly CountySeed[] = [
  { name: '澜城区', short: '澜城', kind: 'district', streets: 8, towns: 0, xiang: 0 },
  { name: '清溪区', short: '清溪', kind: 'district', streets: 7, towns: 0, xiang: 0 },
  { name: '凤栖区', short: '凤栖', kind: 'district', streets: 4, towns: 2, xiang: 0 },
  { name: '澜湾区', short: '澜湾', kind: 'district', streets: 3, towns: 2, xiang: 0 },
  { name: '临澜县', short: '临澜', kind: 'county', streets: 2, towns: 4, xiang: 1 },
  { name: '白鹭县', short: '白鹭', kind: 'county', streets: 1, towns: 4, xiang: 1 },
  { name: '青岚县', short: '青岚', kind: 'county', streets: 1, towns: 3, xiang: 1 },
  { name: '禾丰县', short: '禾丰', kind: 'county', streets: 2, towns: 3, xiang: 1 },
  { name: '梧川县', short: '梧川', kind: 'county', streets: 1, towns: 2, xiang: 1 },
  { name: '柳溪县', short: '柳溪', kind: 'county', streets: 1, towns: 3, xiang: 1 },
  { name: '桐源县', short: '桐源', kind: 'county', streets: 1, towns: 2, xiang: 1 },
  { name: '宁澜市', short: '宁澜', kind: 'countyCity', streets: 3, towns: 4, xiang: 0 },
  { name: '鹤岭市', short: '鹤岭', kind: 'countyCity', streets: 2, towns: 4, xiang: 0 },
];

/** Roots of township/street names (two characters, unique across the city). */
export const townshipRoots: readonly string[] = [
  '青石', '柳塘', '河口', '白沙', '桃源', '杏林', '马坊', '官庄', '南关', '北城',
  '东关', '西津', '龙泉', '石桥', '双井', '槐荫', '枣园', '云台', '金沙', '望湖',
  '三里', '五峰', '七星', '九龙', '新桥', '古渡', '梨花', '芦湾', '松林', '竹溪',
  '凤鸣', '鹤塘', '黄土', '红庙', '大营', '小店', '高桥', '平原', '长乐', '永和',
  '安仁', '太平', '兴隆', '丰收', '福田', '花园', '锦江', '玉泉', '银滩', '临江',
  '观音', '牛山', '羊角', '马鞍', '鸡鸣', '龟山', '蛇口', '燕子', '莲花', '荷塘',
  '稻香', '麦岭', '棉湖', '茶山', '桑园', '柿林', '栗树', '杨庄', '柳河', '柏林',
  '西城', '东城', '南湖', '北湖', '中和', '文昌', '武安', '崇德', '明德', '广福',
  '仁和', '义兴', '礼泉', '智山', '信义', '清泉', '碧水', '丹霞', '紫云', '青龙',
  '白马', '黑石', '黄岗', '赤岸', '蓝田', '秀峰', '翠屏', '苍岭', '澄湖', '澜口',
];

/** Words of urban community (社区) names. */
export const communityRoots: readonly string[] = [
  '和平', '锦绣', '新华', '幸福', '阳光', '翠苑', '紫荆', '文昌', '育才', '春晖',
  '朝阳', '建设', '滨河', '桂花', '民主', '长青', '胜利', '兴业', '光明', '东风',
  '南苑', '北苑', '西苑', '东苑', '金桥', '钟楼', '鼓楼', '府前', '站前', '学府',
  '康乐', '丽景', '馨园', '曙光', '红旗', '振兴', '向阳', '团结', '新风', '永安',
];

/** Roots of village (村) names: used as `${root}村`. */
export const villageRoots: readonly string[] = [
  '东坡', '柳树', '杨柳', '石桥', '大王', '小河', '梨园', '枣林', '红星', '前进',
  '新庄', '后洼', '前湾', '上营', '下营', '中堡', '西沟', '北坪', '南岗', '东岭',
  '桃花', '杏花', '槐树', '榆林', '松树', '竹园', '茶园', '果园', '石门', '高庙',
  '三合', '四平', '五里', '六合', '八里', '十里', '双河', '三岔', '太和', '丰乐',
];

/** Common surnames used in `${surname}家${suffix}村` village names. */
export const villageSurnames: readonly string[] = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '胡', '朱', '郭', '何',
];
export const villageSuffixes: readonly string[] = ['庄', '湾', '坪', '沟', '营', '寨', '岭', '店', '集', '屯', '洼', '堡'];

/**
 * City functional departments: key suffix, name at city level and the short
 * name used for county-level counterparts (`${county}${short}`).
 */
export interface DepartmentSeed {
  suffix: string;
  cityName: string;
  countyShort?: string;
}

export const cityDepartments: readonly DepartmentSeed[] = [
  { suffix: 'zjj', cityName: '市住建局', countyShort: '住建局' },
  { suffix: 'cgj', cityName: '市城管局', countyShort: '城管局' },
  { suffix: 'sthjj', cityName: '市生态环境局' },
  { suffix: 'jtysj', cityName: '市交通运输局' },
  { suffix: 'jyj', cityName: '市教育局', countyShort: '教育局' },
  { suffix: 'wjw', cityName: '市卫健委', countyShort: '卫健局' },
  { suffix: 'rsj', cityName: '市人社局', countyShort: '人社局' },
  { suffix: 'scjgj', cityName: '市市场监管局', countyShort: '市场监管局' },
  { suffix: 'gaj', cityName: '市公安局' },
  { suffix: 'zrzyj', cityName: '市自然资源局', countyShort: '自然资源局' },
  { suffix: 'swj', cityName: '市水务局' },
  { suffix: 'mzj', cityName: '市民政局', countyShort: '民政局' },
  { suffix: 'nyncj', cityName: '市农业农村局', countyShort: '农业农村局' },
  { suffix: 'wlj', cityName: '市文旅局' },
  { suffix: 'ybj', cityName: '市医保局' },
  { suffix: 'xfj', cityName: '市信访局' },
  { suffix: 'swuj', cityName: '市商务局' },
  { suffix: 'sfj', cityName: '市司法局' },
  { suffix: 'yjj', cityName: '市应急管理局' },
  { suffix: 'zwfw', cityName: '市政务服务管理局' },
];
