// The metrics page: a shop's numbers per day, week or month (GET .../metrics) as charts, and the loyalty report (GET
// .../loyalty) as the repeat rate of each service experience with its 95% interval. Charts are uPlot, bundled.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import uPlot from 'uplot';
import { call, shopPath } from './api.js';

const html = htm.bind(h);

const isoDay = (date) => date.toISOString().slice(0, 10);

/** The last {days} days up to today, as the API takes them. */
function lastDays(days) {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: isoDay(from), to: isoDay(to) };
}

/**
 * One uPlot chart of some series over the periods' starts, re-made when its data changes, and its numbers as a table
 * under it: what a screen reader reads (the canvas is only a picture) and anyone can check.
 */
function Chart({ title, periods, series, bars, t }) {
  const ref = useRef(null);
  const values = series.map((s) => periods.map((p) => s.value(p) ?? null));
  useEffect(() => {
    if (!ref.current || periods.length === 0) return undefined;
    const xs = periods.map((p) => Date.parse(p.start + 'T00:00:00Z') / 1000);
    const colours = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];
    const plot = new uPlot({
      width: Math.min(720, ref.current.clientWidth || 720), height: 220, title,
      scales: { x: { time: true } },
      series: [{}, ...series.map((s, i) => ({
        label: s.label, stroke: colours[i % colours.length], width: 2,
        ...(bars ? { paths: uPlot.paths.bars({ size: [0.6, 40] }), fill: colours[i % colours.length] + '66' } : {}),
      }))],
    }, [xs, ...values], ref.current);
    return () => plot.destroy();
  }, [periods, series, title, bars]);
  const shown = (v) => (v == null ? '–' : String(Math.round(v * 100) / 100));
  return html`<figure class="chart"><div ref=${ref} role="img" aria-label=${title}></div>
    <details><summary>${t('metricsNumbers', { chart: title })}</summary>
      <table data-testid="chart-data" data-chart=${title}><thead><tr><th scope="col">${t('metricsPeriodStart')}</th>
        ${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
        <tbody>${periods.map((p, i) => html`<tr key=${p.start}><th scope="row"><time datetime=${p.start}>${p.start}</time></th>
          ${values.map((column) => html`<td>${shown(column[i])}</td>`)}</tr>`)}</tbody></table></details></figure>`;
}

const first = (amounts) => {
  const values = Object.values(amounts ?? {});
  return values.length ? Number(values[0]) : null;
};

export function Metrics({ ctx }) {
  const { shop, t } = ctx;
  const [period, setPeriod] = useState('day');
  const [report, setReport] = useState(undefined);
  const [loyalty, setLoyalty] = useState(undefined);
  const [error, setError] = useState(null);
  useEffect(() => {
    const range = lastDays(period === 'day' ? 30 : period === 'week' ? 182 : 365);
    const query = `?from=${range.from}&to=${range.to}`;
    call('GET', shopPath(shop, `/metrics${query}&period=${period}`)).then(setReport).catch((e) => setError(e.message));
  }, [shop, period]);
  useEffect(() => { // the loyalty report covers the last year whatever the period shown: asked for once per shop
    const year = lastDays(365);
    call('GET', shopPath(shop, `/loyalty?from=${year.from}&to=${year.to}`))
      .then(setLoyalty).catch((e) => setError(e.message));
  }, [shop]);
  const periods = report?.items ?? [];
  const csv = shopPath(shop, `/metrics?from=${report?.from ?? ''}&to=${report?.to ?? ''}&period=${period}&format=csv`);
  const groups = (loyalty?.groups ?? []).filter((g) => g.customers > 0);
  return html`<main id="main" class="metrics">
    <h1>${t('metricsTitle')}</h1>
    ${error && html`<p role="alert" class="error">${t('error', { message: error })}</p>`}
    <form class="period" onSubmit=${(e) => e.preventDefault()}>
      <label for="metrics-period">${t('metricsPeriod')}</label>
      <select id="metrics-period" value=${period} onChange=${(e) => setPeriod(e.target.value)}>
        ${['day', 'week', 'month'].map((p) => html`<option value=${p}>${t('metricsPeriod_' + p)}</option>`)}
      </select>
      ${report && html`<a href=${csv} download>${t('metricsCsv')}</a>`}
    </form>
    ${report === undefined ? html`<p>${t('loading')}</p>` : html`
      <${Chart} t=${t} title=${t('metricsOrders')} periods=${periods} bars=${true}
        series=${[{ label: t('metricsOrders'), value: (p) => p.orders }]} />
      <${Chart} t=${t} title=${t('metricsRevenue')} periods=${periods}
        series=${[{ label: t('metricsRevenue'), value: (p) => first(p.revenue) }, { label: t('metricsAov'), value: (p) => first(p.averageOrderValue) }]} />
      <${Chart} t=${t} title=${t('metricsFirstResponse')} periods=${periods}
        series=${[{ label: 'p50', value: (p) => p.tickets.firstResponseSeconds.business.p50 / 3600 },
          { label: 'p90', value: (p) => p.tickets.firstResponseSeconds.business.p90 / 3600 }]} />
      <${Chart} t=${t} title=${t('metricsSurveys')} periods=${periods}
        series=${[{ label: 'NPS', value: (p) => p.surveys.nps.score }, { label: 'CSAT %', value: (p) => p.surveys.csat.score == null ? null : p.surveys.csat.score * 100 }]} />`}
    <section aria-labelledby="loyalty-title">
      <h2 id="loyalty-title">${t('loyaltyTitle')}</h2>
      <p>${t('loyaltyHelp')}</p>
      ${groups.length === 0 ? html`<p>${t('loyaltyEmpty')}</p>` : html`<table class="loyalty">
        <thead><tr><th scope="col">${t('loyaltyGroup')}</th><th scope="col">${t('loyaltyCustomers')}</th>
          <th scope="col">${t('loyaltyRepeat')}</th><th scope="col">${t('loyaltyInterval')}</th></tr></thead>
        <tbody>${groups.map((g) => html`<tr key=${g.group}><th scope="row">${t('loyalty_' + g.group.replaceAll('-', '_'))}</th>
          <td>${g.customers}</td><td>${Math.round(g.repeatRate.rate * 100)}%</td>
          <td>${Math.round(g.repeatRate.low * 100)}–${Math.round(g.repeatRate.high * 100)}%
            <span class="bar" aria-hidden="true"><span class="range" style=${{ left: g.repeatRate.low * 100 + '%', width: (g.repeatRate.high - g.repeatRate.low) * 100 + '%' }}></span>
            <span class="dot" style=${{ left: g.repeatRate.rate * 100 + '%' }}></span></span></td></tr>`)}</tbody>
      </table>`}
    </section>
  </main>`;
}
