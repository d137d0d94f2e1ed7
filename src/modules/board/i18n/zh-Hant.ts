import * as OpenCC from 'opencc-js/cn2t';
import { zhHans, type Dictionary } from './zh-Hans.ts';

/**
 * Traditional Chinese: every string of zh-Hans.ts converted by OpenCC to
 * Taiwan characters, after a short list of words that Taiwan says
 * differently (短信→簡訊, 搜索→搜尋). OpenCC's own phrase table (`twp`) is
 * not used: it is made for software texts and turns 审核 into 稽核 and
 * 类型 into 型別. Names (boards, units) get the characters only
 * (`toTraditional`), so no proper noun is rephrased.
 */
export const toTraditional: (text: string) => string = OpenCC.Converter({ from: 'cn', to: 'tw' });

const taiwanWords = OpenCC.CustomConverter([
  ['短信', '簡訊'], ['搜索', '搜尋'], ['网络', '網路'], ['登录', '登入'], ['文件', '檔案'], ['文档', '文件'],
  ['刷新', '重新整理'], ['接口', '介面'], ['批量', '批次'],
]);

/** Strings written by hand. */
const handWritten = {
  langName: '繁體中文',
};

function convert<T>(value: T): T {
  if (typeof value === 'string') return toTraditional(taiwanWords(value)) as T;
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, convert(v)])) as T;
}

export const zhHant: Dictionary = { ...convert<Dictionary>(zhHans), ...handWritten };
