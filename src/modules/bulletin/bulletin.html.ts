import { categoryChart, channelChart, satisfactionChart, trendChart } from './bulletin.charts.ts';
import { headlineCounts, headlineRates, type BulletinData } from './bulletin.data.ts';
import {
  beijingTime, channelName, countChange, counterName, kpiName, lowerIsBetter, pct, ppChange, title, typeName, w, type BulletinLang,
} from './bulletin.words.ts';

/**
 * The bulletin as one printable HTML page: A4 print CSS, charts as inline
 * SVG made on the server, no scripts and no external resources, so it
 * prints the same from any browser, offline. Everything is escaped except
 * the SVG ECharts produced from escaped-by-ECharts text.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const css = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Source Han Serif SC", "Noto Serif CJK SC", "Songti SC", SimSun, serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; font-size: 11pt; line-height: 1.5; }
h1 { text-align: center; color: #b71c1c; font-size: 18pt; margin: 0 0 2mm; }
.sub { text-align: center; color: #444; font-size: 9.5pt; margin-bottom: 6mm; border-bottom: 2px solid #b71c1c; padding-bottom: 3mm; }
h2 { font-size: 13pt; border-left: 4px solid #b71c1c; padding-left: 2mm; margin: 6mm 0 2mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 3mm 0 1mm; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin-bottom: 3mm; break-inside: auto; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; text-align: right; }
th { background: #f3e5e5; text-align: center; }
td.l, th.l { text-align: left; }
tr { break-inside: avoid; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; margin-bottom: 3mm; }
.tile { border: 1px solid #ccc; padding: 2mm; break-inside: avoid; }
.tile .k { font-size: 9pt; color: #444; }
.tile .v { font-size: 15pt; font-weight: bold; }
.tile .c { font-size: 8.5pt; color: #555; }
.up { color: #2e7d32; } .down { color: #b71c1c; }
.charts { display: flex; flex-wrap: wrap; gap: 2mm; justify-content: space-between; }
figure { margin: 0 0 3mm; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; text-align: center; }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.red { color: #b71c1c; } .black { color: #111; }
.note { font-size: 8.5pt; color: #555; margin-top: 6mm; border-top: 1px solid #ccc; padding-top: 2mm; }
.noprint { text-align: right; font-size: 9pt; }
@media print { .noprint { display: none; } body { padding: 0; } }
`;

/** Green when a change is good, red when bad (a falling 退单率 is good). */
function tone(delta: number | null, lowerBetter: boolean): string {
  if (delta === null || delta === 0) return '';
  return (delta > 0) !== lowerBetter ? 'up' : 'down';
}

export function bulletinHtml(d: BulletinData, lang: BulletinLang = 'zh'): string {
  const t = (k: Parameters<typeof w>[0]) => esc(w(k, lang));
  const en = lang === 'en';
  const [colon, comma, semi, open, close, gap] = en ? [': ', ', ', '; ', ' (', ')', ' · '] : ['：', '，', '；', '（', '）', '　'];
  const heading = esc(title(d, lang));
  const tiles = [
    ...headlineCounts.slice(0, 3).map((k) => `<div class="tile" data-figure="${k}"><div class="k">${esc(counterName(k, lang))}</div><div class="v">${d.counts[k]}</div>
      <div class="c ${tone(d.counts[k] - d.previousCounts[k], false)}">${t('previous')} ${d.previousCounts[k]}${comma}${esc(countChange(d.counts[k], d.previousCounts[k]))}</div></div>`),
    ...(['closureRate', 'closedOnTimeRate', 'satisfactionRate', 'resolutionRate', 'callbackRate'] as const).map((k) => {
      const cur = d.rates[k];
      const prev = d.previousRates[k];
      const delta = cur.value === null || prev.value === null ? null : cur.value - prev.value;
      return `<div class="tile" data-figure="${k}"><div class="k">${esc(kpiName(k, lang))}</div><div class="v">${pct(cur.value)}</div>
        <div class="c ${tone(delta, lowerIsBetter(k))}">${t('previous')} ${pct(prev.value)}${comma}${esc(ppChange(cur, prev, lang))}</div></div>`;
    }),
  ].join('');

  const headRows = [
    ...headlineCounts.map((k) => `<tr data-figure="${k}"><td class="l">${esc(counterName(k, lang))}</td><td>${d.counts[k]}</td><td>${d.previousCounts[k]}</td><td>${esc(countChange(d.counts[k], d.previousCounts[k]))}</td><td></td><td></td></tr>`),
    ...headlineRates.map((k) => {
      const cur = d.rates[k];
      const prev = d.previousRates[k];
      return `<tr data-figure="${k}"><td class="l">${esc(kpiName(k, lang))}</td><td>${pct(cur.value)}</td><td>${pct(prev.value)}</td><td>${esc(ppChange(cur, prev, lang))}</td><td>${cur.numerator}</td><td>${cur.denominator}</td></tr>`;
    }),
    ...(d.calls ? [
      `<tr data-figure="offered"><td class="l">${t('offered')}</td><td>${d.calls.offered}</td><td>${d.previousCalls?.offered ?? '—'}</td><td>${esc(countChange(d.calls.offered, d.previousCalls?.offered ?? 0))}</td><td></td><td></td></tr>`,
      ...(['connectionRate', 'answeredWithin15sRate'] as const).map((k) => `<tr data-figure="${k}"><td class="l">${t(k)}</td><td>${pct(d.calls![k].value)}</td><td>${pct(d.previousCalls?.[k].value)}</td><td>${d.previousCalls ? esc(ppChange(d.calls![k], d.previousCalls[k], lang)) : '—'}</td><td>${d.calls![k].numerator}</td><td>${d.calls![k].denominator}</td></tr>`),
    ] : []),
  ].join('');

  const catRows = (cats: BulletinData['topCategories']) => cats.length
    ? cats.map((c, i) => `<tr><td>${i + 1}</td><td class="l">${esc(c.fullName)}</td><td>${c.accepted}</td><td>${c.previous}</td><td>${c.change >= 0 ? '+' : ''}${c.change}</td><td>${pct(c.share)}</td></tr>`).join('')
    : `<tr><td colspan="6" class="l">${t('none')}</td></tr>`;
  const catHead = `<tr><th>${t('rank')}</th><th class="l">${t('category')}</th><th>${t('accepted')}</th><th>${t('previous')}</th><th>${t('change')}</th><th>${t('share')}</th></tr>`;

  const leagueRates = ['closureRate', 'closedOnTimeRate', 'satisfactionRate', 'signOnTimeRate', 'returnRate'] as const;
  const leagues = d.leagues.map((l) => `
    <h3>${t(l.level)}</h3>
    <div class="lists">
      <div><strong class="red">${t('red')}</strong>${colon}${l.red.map((u) => `${u.rank}. ${esc(u.name)}${open}${u.score}${close}`).join(semi) || t('none')}</div>
      <div><strong class="black">${t('black')}</strong>${colon}${l.black.map((u) => `${u.rank}. ${esc(u.name)}${open}${u.score}${close}`).join(semi) || t('none')}</div>
    </div>
    <table data-league="${l.level}"><thead><tr><th>${t('rank')}</th><th class="l">${t('unit')}</th><th>${t('score')}</th><th>${t('accepted')}</th>
      ${leagueRates.map((k) => `<th>${esc(kpiName(k, lang))}</th>`).join('')}</tr></thead>
    <tbody>${l.units.map((u) => `<tr><td>${u.rank ?? '—'}</td><td class="l">${esc(u.name)}</td><td>${u.score ?? '—'}</td><td>${u.accepted}</td>
      ${leagueRates.map((k) => `<td>${pct(u.kpis[k])}</td>`).join('')}</tr>`).join('')}</tbody></table>`).join('');

  const notable = (['supervised', 'instructed', 'overdue'] as const).map((k) => {
    const n = d.notable[k];
    return `<h3>${t(k)}${open}${t('total')} ${n.total}${close}</h3>` + (n.cases.length
      ? `<table data-notable="${k}"><thead><tr><th class="l">${t('number')}</th><th class="l">${t('title')}</th></tr></thead><tbody>${n.cases.map((c) => `<tr><td class="l">${esc(c.number)}</td><td class="l">${esc(c.title)}</td></tr>`).join('')}</tbody></table>`
      : `<p>${t('none')}</p>`);
  }).join('');

  const vol = (rows: Array<{ label: string; received: number; accepted: number }>) =>
    rows.map((r) => `<tr><td class="l">${esc(r.label)}</td><td>${r.received}</td><td>${r.accepted}</td></tr>`).join('');

  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-Hans'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title><style>${css}</style></head>
<body>
<p class="noprint">${t('print')}: Ctrl+P</p>
<h1>${heading}</h1>
<div class="sub">${t('period')}${colon}${d.range.from} – ${d.range.to}${gap}${t('previous')}${colon}${d.previous.range.from} – ${d.previous.range.to}${gap}${t('generatedAt')}${colon}${esc(beijingTime(d.generatedAt, lang))}</div>

<h2>${t('headline')}</h2>
<div class="tiles">${tiles}</div>
<table data-section="headline"><thead><tr><th class="l">${t('figure')}</th><th>${t('value')}</th><th>${t('previous')}</th><th>${t('change')}</th><th>${t('numerator')}</th><th>${t('denominator')}</th></tr></thead>
<tbody>${headRows}</tbody></table>

<h2>${t('trend')}</h2>
<figure>${trendChart(d, lang)}</figure>

<h2>${t('topCategories')}</h2>
<figure>${categoryChart(d, lang)}</figure>
<table data-section="categories"><thead>${catHead}</thead><tbody>${catRows(d.topCategories)}</tbody></table>
<h3>${t('risingCategories')}</h3>
<table data-section="rising"><thead>${catHead}</thead><tbody>${catRows(d.risingCategories)}</tbody></table>

<h2>${t('byChannel')} · ${t('byType')} · ${t('places')}</h2>
<div class="charts"><figure>${channelChart(d, lang)}<figcaption>${t('byChannel')}</figcaption></figure>
<figure>${satisfactionChart(d, lang)}<figcaption>${esc(kpiName('satisfactionRate', lang))}</figcaption></figure></div>
<div class="lists">
<table data-section="channels"><thead><tr><th class="l">${t('channel')}</th><th>${t('received')}</th><th>${t('accepted')}</th></tr></thead><tbody>${vol(d.byChannel.map((c) => ({ label: channelName(c.channel, lang), ...c })))}</tbody></table>
<table data-section="types"><thead><tr><th class="l">${t('type')}</th><th>${t('received')}</th><th>${t('accepted')}</th></tr></thead><tbody>${vol(d.byType.map((c) => ({ label: typeName(c.type, lang), ...c })))}</tbody></table>
</div>
<table data-section="places"><thead><tr><th class="l">${t('place')}</th><th>${t('received')}</th><th>${t('accepted')}</th></tr></thead><tbody>${vol(d.places.map((p) => ({ label: p.level === 'township' ? `　${p.name}` : p.name, ...p })))}</tbody></table>

<h2>${t('overdueSupervised')}</h2>
<table data-section="overdue"><thead><tr><th class="l"></th><th>${t('inPeriod')}</th><th>${t('openNow')}</th></tr></thead><tbody>
<tr data-live="overdue"><td class="l">${t('overdue')}</td><td>${d.overdue.inPeriod}</td><td>${d.overdue.openNow}</td></tr>
<tr data-live="supervised"><td class="l">${t('supervised')}</td><td>${d.supervised.inPeriod}</td><td>${d.supervised.openNow}</td></tr>
<tr data-live="open"><td class="l">${t('open')}</td><td>${d.counts.accepted - d.counts.closed}</td><td>${d.openNow}</td></tr>
</tbody></table>

${d.leagues.length ? `<h2>${t('league')}</h2>${leagues}` : ''}

<h2>${t('notable')}</h2>
${notable}

<p class="note">${t('asOfNote')}${d.asOf.exact ? '' : `<br>${t('notExact')}`}</p>
</body></html>`;
}
