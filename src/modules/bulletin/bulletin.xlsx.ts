import ExcelJS from 'exceljs';
import type { BulletinData } from './bulletin.data.ts';
import { headlineCounts, headlineRates } from './bulletin.data.ts';
import { beijingTime, channelName, counterName, kpiName, title, typeName, w, type BulletinLang } from './bulletin.words.ts';

/**
 * The bulletin as a workbook: 概览 (headline figures with the previous
 * period and the change), 走势, 分类, 渠道与类型, 地区, one sheet per league
 * table, and 重点工单. Rates are numbers formatted as percentages, so they
 * can be computed with; a rate without a denominator is an empty cell.
 */
export async function bulletinXlsx(d: BulletinData, lang: BulletinLang = 'zh'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Minsheng';
  wb.created = new Date(d.generatedAt);
  const t = (k: Parameters<typeof w>[0]) => w(k, lang);

  const sheet = (name: string, heading: string, columns: Array<{ header: string; width: number; fmt?: string }>) => {
    const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.mergeCells(1, 1, 1, columns.length);
    const h = ws.getCell(1, 1);
    h.value = heading;
    h.font = { bold: true, size: 14 };
    ws.getRow(2).values = [`${t('period')}: ${d.range.from} – ${d.range.to}    ${t('generatedAt')}: ${beijingTime(d.generatedAt, lang)}`];
    ws.getRow(2).font = { color: { argb: 'FF555555' }, size: 9 };
    const head = ws.getRow(3);
    head.values = columns.map((c) => c.header);
    head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    columns.forEach((c, i) => {
      head.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB71C1C' } };
      ws.getColumn(i + 1).width = c.width;
      if (c.fmt) ws.getColumn(i + 1).numFmt = c.fmt;
    });
    ws.views = [{ state: 'frozen', ySplit: 3 }];
    return ws;
  };
  const rate = (v: number | null | undefined) => (v === null || v === undefined ? null : v);

  const overview = sheet('概览', title(d, lang), [
    { header: t('figure'), width: 22 }, { header: t('value'), width: 14 }, { header: t('previous'), width: 14 },
    { header: t('change'), width: 14 }, { header: t('numerator'), width: 10 }, { header: t('denominator'), width: 10 },
  ]);
  for (const k of headlineCounts) {
    const r = overview.addRow([counterName(k, lang), d.counts[k], d.previousCounts[k], d.counts[k] - d.previousCounts[k]]);
    r.numFmt = '0';
    r.getCell(4).numFmt = '+0;-0;0';
  }
  for (const k of headlineRates) {
    const cur = d.rates[k];
    const prev = d.previousRates[k];
    const r = overview.addRow([kpiName(k, lang), rate(cur.value), rate(prev.value),
      cur.value === null || prev.value === null ? null : cur.value - prev.value, cur.numerator, cur.denominator]);
    for (const c of [2, 3]) r.getCell(c).numFmt = '0.00%';
    r.getCell(4).numFmt = '+0.00%;-0.00%;0.00%';
  }
  if (d.calls) {
    overview.addRow([t('offered'), d.calls.offered, d.previousCalls?.offered ?? null, d.calls.offered - (d.previousCalls?.offered ?? 0)]);
    for (const k of ['connectionRate', 'answeredWithin15sRate'] as const) {
      const r = overview.addRow([t(k), rate(d.calls[k].value), rate(d.previousCalls?.[k].value), null, d.calls[k].numerator, d.calls[k].denominator]);
      for (const c of [2, 3]) r.getCell(c).numFmt = '0.00%';
    }
  }
  overview.addRow([]);
  overview.addRow([`${t('overdue')} · ${t('inPeriod')}`, d.overdue.inPeriod]);
  overview.addRow([`${t('overdue')} · ${t('openNow')}`, d.overdue.openNow]);
  overview.addRow([`${t('supervised')} · ${t('inPeriod')}`, d.supervised.inPeriod]);
  overview.addRow([`${t('supervised')} · ${t('openNow')}`, d.supervised.openNow]);
  overview.addRow([`${t('open')} · ${t('openNow')}`, d.openNow]);
  overview.addRow([]);
  overview.addRow([t('asOfNote')]).font = { size: 9, color: { argb: 'FF555555' } };
  if (!d.asOf.exact) overview.addRow([t('notExact')]).font = { size: 9, color: { argb: 'FFB71C1C' } };

  const trend = sheet('走势', t('trend'), [
    { header: t('bucket'), width: 14 }, { header: t('received'), width: 12 }, { header: t('accepted'), width: 12 }, { header: t('closed'), width: 12 },
  ]);
  for (const p of d.trend.points) trend.addRow([p.start, p.received, p.accepted, p.closed]);

  const cats = sheet('分类', t('topCategories'), [
    { header: t('rank'), width: 8 }, { header: t('category'), width: 36 }, { header: t('accepted'), width: 12 },
    { header: t('previous'), width: 12 }, { header: t('change'), width: 10 }, { header: t('share'), width: 10, fmt: '0.00%' },
  ]);
  d.topCategories.forEach((c, i) => cats.addRow([i + 1, c.fullName, c.accepted, c.previous, c.change, rate(c.share)]));
  cats.addRow([]);
  cats.addRow([t('risingCategories')]).font = { bold: true };
  d.risingCategories.forEach((c, i) => cats.addRow([i + 1, c.fullName, c.accepted, c.previous, c.change, rate(c.share)]));

  const ct = sheet('渠道与类型', `${t('byChannel')} / ${t('byType')}`, [
    { header: `${t('channel')} / ${t('type')}`, width: 22 }, { header: t('received'), width: 12 }, { header: t('accepted'), width: 12 },
  ]);
  for (const c of d.byChannel) ct.addRow([channelName(c.channel, lang), c.received, c.accepted]);
  ct.addRow([]);
  for (const c of d.byType) ct.addRow([typeName(c.type, lang), c.received, c.accepted]);

  const places = sheet('地区', t('places'), [{ header: t('place'), width: 24 }, { header: t('received'), width: 12 }, { header: t('accepted'), width: 12 }]);
  for (const p of d.places) places.addRow([p.level === 'township' ? `  ${p.name}` : p.name, p.received, p.accepted]);

  for (const l of d.leagues) {
    const ws = sheet(w(l.level, 'zh').replace(/[（）、]/g, '').slice(0, 28), `${w(l.level, lang)}`, [
      { header: t('rank'), width: 7 }, { header: t('unit'), width: 24 }, { header: t('score'), width: 10 },
      { header: t('accepted'), width: 10 }, { header: t('assignments'), width: 10 },
      ...headlineRates.map((k) => ({ header: kpiName(k, lang), width: 11, fmt: '0.00%' })),
    ]);
    for (const u of l.units) ws.addRow([u.rank, u.name, u.score, u.accepted, u.assignments, ...headlineRates.map((k) => rate(u.kpis[k]))]);
    ws.addRow([]);
    ws.addRow([t('red'), l.red.map((u) => `${u.rank}. ${u.name} (${u.score})`).join(lang === 'en' ? '; ' : '；') || t('none')]).getCell(1).font = { bold: true, color: { argb: 'FFB71C1C' } };
    ws.addRow([t('black'), l.black.map((u) => `${u.rank}. ${u.name} (${u.score})`).join(lang === 'en' ? '; ' : '；') || t('none')]).getCell(1).font = { bold: true };
  }

  const notable = sheet('重点工单', t('notable'), [{ header: t('figure'), width: 14 }, { header: t('number'), width: 20 }, { header: t('title'), width: 60 }]);
  for (const key of ['supervised', 'instructed', 'overdue'] as const) {
    const n = d.notable[key];
    notable.addRow([`${t(key)} (${t('total')} ${n.total})`]).font = { bold: true };
    for (const c of n.cases) notable.addRow(['', c.number, c.title]);
    if (!n.cases.length) notable.addRow(['', t('none')]);
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}
