/**
 * Fake but natural Chinese personal names and mobile numbers for demo data.
 * Surnames follow the rough frequency of real ones; given names are one or two
 * characters from common pools.
 */
import type { Rng } from './random.ts';

const surnames = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡',
  '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '邓', '冯', '曹',
  '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏',
  '苏', '吕', '丁', '任', '卢', '姚', '沈', '钟', '姜', '崔', '谭', '陆', '范', '汪', '廖',
];
const surnameWeights = surnames.map((_, i) => 1 / Math.pow(i + 1, 0.7));

const givenMale = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华',
  '飞', '鑫', '波', '宁', '凯', '建国', '志强', '海涛', '俊杰', '晓东', '文博', '子豪', '浩然',
  '宇轩', '国庆', '建华', '永刚', '振华', '立新', '学文', '德明', '春雷', '长青', '卫东', '红军',
];
const givenFemale = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '颖', '倩',
  '秀英', '桂兰', '玉兰', '丽华', '淑珍', '美玲', '晓燕', '雅琴', '春梅', '海燕', '欣怡', '梓涵',
  '雨萱', '诗琪', '佳怡', '慧敏', '晓丽', '文静', '素芬', '翠花', '凤英', '红梅', '小红', '月娥', '金凤',
];

/** A full name (surname + given name), e.g. '张建国', '刘芳'. */
export function personName(rng: Rng): string {
  const surname = rng.weighted(surnames, surnameWeights);
  return surname + rng.pick(rng.chance(0.5) ? givenMale : givenFemale);
}

/** A surname alone, for '王师傅', '李老板'. */
export function surname(rng: Rng): string {
  return rng.weighted(surnames, surnameWeights);
}

const mobilePrefixes = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '185', '186', '187', '188', '189',
];

/** An 11-digit mainland mobile number (13x/15x/18x). Random, so fictional. */
export function mobilePhone(rng: Rng): string {
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9));
  return rng.pick(mobilePrefixes) + rest;
}
