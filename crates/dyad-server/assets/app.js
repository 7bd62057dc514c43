// dyad dashboard: views drawn from the JSON API. Every piece of text from the store is put in
// the page as a text node (el(...) children, textContent), never as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}
function sv(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}
function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path, options) {
  const r = await fetch(path, options);
  let body = null;
  try { body = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) {
    const e = new Error(body && body.detail ? body.detail : `${r.status} ${r.statusText}`);
    e.status = r.status;
    throw e;
  }
  return { body, status: r.status, headers: r.headers };
}

function errorBox(e) {
  return el("p", { class: "error", role: "alert" }, String(e.message || e));
}

const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const fmt = (v, d = 2) => (v === null || v === undefined ? "–" : Number(v).toFixed(d));
const signed = (v, d = 2) => (v === null || v === undefined ? "–" : (v > 0 ? "+" : "") + Number(v).toFixed(d));
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const tone = (v) => (v === null || v === undefined ? "" : v > 0 ? "pos" : v < 0 ? "neg" : "");

// ---- routing ---------------------------------------------------------------------------

function route() {
  const at = location.hash;
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const main = document.getElementById("main");
  main.replaceChildren();
  // data-ready names the view once drawn (tests wait for it).
  main.removeAttribute("data-ready");
  let view;
  if (parts.length === 0) view = overview(main);
  else if (parts[0] === "dyad" && parts.length === 3) view = dyadView(main, parts[1], parts[2], params);
  else if (parts[0] === "events") view = eventsView(main, params);
  else if (parts[0] === "event" && parts.length === 2) view = eventView(main, parts[1]);
  else if (parts[0] === "actor" && parts.length === 2) view = actorView(main, parts[1], params);
  else if (parts[0] === "upload") view = uploadView(main);
  else main.append(el("p", { class: "error" }, "No such view: " + hash));
  Promise.resolve(view)
    .catch((e) => main.append(errorBox(e)))
    .finally(() => { if (location.hash === at) main.setAttribute("data-ready", hash); });
}

async function health() {
  try {
    const { body } = await api("/api/health");
    document.getElementById("counts").textContent =
      `${body.articles} articles · ${body.events} events · ${body.mentions} mentions`;
    document.getElementById("nav-upload").hidden = !body.writable;
    return body;
  } catch (e) {
    document.getElementById("counts").textContent = "store unavailable: " + e.message;
    return null;
  }
}

// ---- overview --------------------------------------------------------------------------

function sparkline(values) {
  const w = 120, h = 28, pad = 2;
  const svg = sv("svg", { class: "spark", width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: "img" });
  const n = values.length;
  if (n === 0) return svg;
  const x = (i) => pad + (n === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (n - 1));
  const y = (v) => h / 2 - (v / 10) * (h / 2 - pad);
  svg.append(sv("line", { x1: 0, x2: w, y1: h / 2, y2: h / 2, class: "zero" }));
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) { pen = false; return; }
    d += (pen ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1);
    pen = true;
    svg.append(sv("circle", { cx: x(i), cy: y(v), r: 1.6, class: tone(v) }));
  });
  svg.prepend(sv("path", { d, class: "spark-line" }));
  return svg;
}

async function overview(main) {
  main.append(el("h1", {}, "Most active dyads"));
  const box = el("div", {}, el("p", { class: "muted" }, "Loading…"));
  main.append(box);
  const { body } = await api("/api/dyads?limit=15");
  box.replaceChildren(
    el("p", { class: "muted" },
      `Country pairs by canonical events from ${body.since} to ${body.until}; change is the Goldstein mean against ${body.previous_since} – the day before ${body.since}.`));
  if (body.dyads.length === 0) {
    box.append(el("p", {}, "No events between two countries in this period. Store articles with `dyad ingest`."));
    return;
  }
  const rows = body.dyads.map((d) =>
    el("tr", { class: "dyad-row" },
      el("td", {}, el("a", { href: `#/dyad/${d.a}/${d.b}` }, `${d.a} – ${d.b}`)),
      el("td", { class: "num" }, d.events),
      el("td", { class: "num" }, el("span", { class: "pos" }, d.quad_counts[0] + d.quad_counts[1]), " / ",
        el("span", { class: "neg" }, d.quad_counts[2] + d.quad_counts[3])),
      el("td", { class: "num " + tone(d.goldstein_mean) }, fmt(d.goldstein_mean)),
      el("td", {}, sparkline(d.monthly)),
      el("td", { class: "num " + tone(d.change) }, signed(d.change)),
      el("td", { class: "num muted" }, d.previous_events)));
  box.append(el("table", { class: "grid", id: "dyads" },
    el("thead", {}, el("tr", {}, el("th", {}, "Dyad"), el("th", {}, "Events"), el("th", {}, "Coop. / conflict"),
      el("th", {}, "Goldstein mean"), el("th", {}, `By month (${body.months[0]} – ${body.months[body.months.length - 1]})`),
      el("th", {}, "Change"), el("th", {}, "Events before"))),
    el("tbody", {}, rows)));
  const moved = body.dyads.filter((d) => d.change !== null)
    .sort((p, q) => Math.abs(q.change) - Math.abs(p.change)).slice(0, 5);
  if (moved.length) {
    box.append(el("h2", {}, "Biggest changes"),
      el("ul", { class: "changes" }, moved.map((d) =>
        el("li", {}, el("a", { href: `#/dyad/${d.a}/${d.b}` }, `${d.a} – ${d.b}`), " ",
          el("span", { class: tone(d.change) }, signed(d.change)),
          el("span", { class: "muted" }, ` (${fmt(d.previous_mean)} → ${fmt(d.goldstein_mean)})`)))));
  }
}

// ---- dyad page -------------------------------------------------------------------------

function pad2(n) { return String(n).padStart(2, "0"); }
function isoDay(d) { return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`; }

// The first and last day of a period label of `dyad relations`.
function periodDays(label, by) {
  if (by === "day") return [label, label];
  if (by === "year") return [`${label}-01-01`, `${label}-12-31`];
  if (by === "month") {
    const [y, m] = label.split("-").map(Number);
    return [`${label}-01`, isoDay(new Date(Date.UTC(y, m, 0)))];
  }
  const [y, w] = label.split("-W").map(Number); // ISO week
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (w - 1) * 7 * 86400000);
  return [isoDay(monday), isoDay(new Date(monday.getTime() + 6 * 86400000))];
}

function relationsChart(periods, by, onPick) {
  const W = 960, left = 48, right = 12, top = 38, gH = 230, gap = 34, cH = 100, bottom = 46;
  const H = top + gH + gap + cH + bottom;
  const n = periods.length;
  const band = (W - left - right) / n;
  const xc = (i) => left + band * (i + 0.5);
  const means = periods.map((p) => p.goldstein_mean).filter((v) => v !== null);
  const ext = Math.min(10, Math.max(2, Math.ceil(Math.max(...means.map(Math.abs), 0))));
  // A little room beyond the largest value for its point and count.
  const gy = (v) => top + gH / 2 - (v / (ext * 1.12)) * (gH / 2);
  const svg = sv("svg", { id: "relations-chart", class: "chart", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img",
    "aria-label": "Goldstein mean and event counts per period" });
  // Goldstein axis.
  const step = ext <= 4 ? 1 : ext <= 8 ? 2 : 5;
  for (let v = -Math.floor(ext / step) * step; v <= ext; v += step) {
    svg.append(sv("line", { x1: left, x2: W - right, y1: gy(v), y2: gy(v), class: v === 0 ? "zero" : "gridline" }),
      sv("text", { x: left - 6, y: gy(v) + 4, class: "tick", "text-anchor": "end" }, v > 0 ? "+" + v : v));
  }
  svg.append(sv("text", { x: left, y: 14, class: "axis-title" }, "Goldstein mean (n = events)"));
  // Counts panel.
  const c0 = top + gH + gap + cH / 2;
  const coop = periods.map((p) => p.quad_counts[0] + p.quad_counts[1]);
  const conf = periods.map((p) => p.quad_counts[2] + p.quad_counts[3]);
  const cmax = Math.max(1, ...coop, ...conf);
  const cy = (v) => (v / cmax) * (cH / 2);
  svg.append(sv("text", { x: left, y: top + gH + gap - 6, class: "axis-title" },
    `cooperation (up) and conflict (down) events, at most ${cmax}`),
  sv("line", { x1: left, x2: W - right, y1: c0, y2: c0, class: "zero" }),
  sv("text", { x: left - 6, y: c0 - cH / 2 + 8, class: "tick", "text-anchor": "end" }, cmax),
  sv("text", { x: left - 6, y: c0 + cH / 2, class: "tick", "text-anchor": "end" }, cmax));
  const bw = Math.max(1, Math.min(24, band * 0.7));
  // X labels: as many as fit.
  const labelW = { day: 78, week: 66, month: 58, year: 40 }[by] || 60;
  const stride = Math.max(1, Math.ceil(n / Math.floor((W - left - right) / labelW)));
  const yl = top + gH + gap + cH + 18;
  let d = "";
  let pen = false;
  periods.forEach((p, i) => {
    const x = xc(i);
    const g = sv("g", { class: "period", "data-period": p.period, "data-events": p.events,
      "data-mean": p.goldstein_mean === null ? "" : p.goldstein_mean });
    g.append(sv("title", {}, `${p.period}: ${p.events} events, Goldstein mean ${fmt(p.goldstein_mean)}, ` +
      `${coop[i]} cooperation, ${conf[i]} conflict — click for the events`));
    g.append(sv("rect", { x: left + band * i, y: top, width: band, height: gH + gap + cH, class: "hit" }));
    if (coop[i]) g.append(sv("rect", { x: x - bw / 2, y: c0 - cy(coop[i]), width: bw, height: cy(coop[i]), class: "bar-coop" }));
    if (conf[i]) g.append(sv("rect", { x: x - bw / 2, y: c0, width: bw, height: cy(conf[i]), class: "bar-conf" }));
    if (p.goldstein_mean !== null) {
      const y = gy(p.goldstein_mean);
      d += (pen ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
      pen = true;
      g.append(sv("circle", { cx: x, cy: y, r: Math.min(9, 2.5 + Math.sqrt(p.events)), class: "pt " + tone(p.goldstein_mean) }));
      if (band >= 16) {
        g.append(sv("text", { x, y: p.goldstein_mean >= 0 ? y - 11 : y + 19, class: "count", "text-anchor": "middle" }, p.events));
      }
    } else {
      pen = false;
    }
    if (i % stride === 0) {
      g.append(sv("line", { x1: x, x2: x, y1: yl - 14, y2: yl - 10, class: "gridline" }));
      g.append(sv("text", { x, y: yl, class: "tick", "text-anchor": "middle" }, p.period));
    }
    g.addEventListener("click", () => onPick(p, svg, g));
    svg.append(g);
  });
  svg.insertBefore(sv("path", { d, class: "mean-line" }), svg.querySelector("g.period"));
  return svg;
}

async function dyadView(main, a, b, params) {
  const by = params.get("by") || "month";
  const q = new URLSearchParams({ a, b, by });
  for (const k of ["since", "until"]) if (params.get(k)) q.set(k, params.get(k));
  main.append(el("h1", {}, `${a} – ${b}`),
    el("p", { class: "muted" }, "Canonical events between the two countries, either acting. ",
      el("a", { href: `#/events?a=${a}&b=${b}` }, "All events"), " · ",
      el("a", { href: `#/actor/${a}` }, `${a}'s counterparts`), " · ",
      el("a", { href: `#/actor/${b}` }, `${b}'s counterparts`)));
  const scales = el("p", { class: "scales" }, "By ",
    ["day", "week", "month", "year"].map((s) => {
      const p = new URLSearchParams(q);
      p.set("by", s);
      p.delete("a"); p.delete("b");
      return el("a", { href: `#/dyad/${a}/${b}?${p}`, class: s === by ? "on" : null, id: `by-${s}` }, s);
    }));
  main.append(scales);
  const { body: periods, headers } = await api("/api/relations?" + q);
  if (periods.length === 0) {
    main.append(el("p", {}, "No dated events between these countries."));
    return;
  }
  const list = el("section", { id: "period-events" },
    el("p", { class: "muted" }, "Click a period in the chart to list its events."));
  main.append(relationsChart(periods, by, (p, svg, g) => {
    svg.querySelectorAll("g.period.picked").forEach((x) => x.classList.remove("picked"));
    g.classList.add("picked");
    const [since, until] = periodDays(p.period, by);
    list.replaceChildren(el("h2", {}, `${p.period}: ${plural(p.events, "event")}, Goldstein mean ${fmt(p.goldstein_mean)}`));
    eventTable(list, new URLSearchParams({ a, b, since, until }));
  }));
  const undated = Number(headers.get("x-dyad-undated") || 0), coarse = Number(headers.get("x-dyad-too-coarse") || 0);
  if (undated || coarse) {
    main.append(el("p", { class: "muted" }, `Left out: ${undated} undated events, ${coarse} dated too coarsely for ${by}s.`));
  }
  main.append(list);
}

// ---- events ----------------------------------------------------------------------------

function sentence(segments) {
  return el("span", { class: "sentence" }, segments.map((s) =>
    s.role ? el("mark", { class: "seg-" + s.role, title: s.role }, s.text) : s.text));
}

function actorLink(a) {
  const label = a.code || a.name;
  return a.code ? el("a", { href: `#/actor/${encodeURIComponent(a.code)}`, title: a.name }, label) : el("span", { title: "uncoded" }, label);
}

// Fills `box` with the events of `params`, 50 at a time with a button for more.
async function eventTable(box, params, cursor) {
  const q = new URLSearchParams(params);
  q.set("limit", "50");
  if (cursor) q.set("cursor", cursor);
  let tbody = box.querySelector("tbody");
  let more = box.querySelector("button.more");
  if (more) more.remove();
  const { body } = await api("/api/events?" + q).catch((e) => { box.append(errorBox(e)); throw e; });
  if (!tbody) {
    box.append(el("p", { class: "muted total" }, `${plural(body.total, "event")}, newest first`));
    tbody = el("tbody", {});
    box.append(el("table", { class: "grid events" },
      el("thead", {}, el("tr", {}, el("th", {}, "Date"), el("th", {}, "Sentence (source, target, trigger)"),
        el("th", {}, "Source → target"), el("th", {}, "CAMEO"), el("th", {}, "PLOVER"), el("th", {}, "Goldstein"),
        el("th", {}, "Reports"), el("th", {}, ""))), tbody));
  }
  for (const e of body.events) {
    tbody.append(el("tr", { class: "event-row", "data-id": e.id },
      el("td", { class: "date" }, e.date || "undated",
        el("div", { class: "muted small" }, `${e.date_source || "?"} · ${e.outlet}`, e.published ? ` · pub. ${e.published}` : "")),
      el("td", {}, sentence(e.segments)),
      el("td", { class: "nowrap" }, actorLink(e.source), " → ", actorLink(e.target)),
      el("td", { title: e.event_name }, el("code", {}, e.cameo), el("div", { class: "small" }, e.event_name)),
      el("td", { title: e.plover ? (e.plover.context || []).join(", ") : "no PLOVER type (CAMEO public statement)" },
        e.plover ? el("code", {}, e.plover.type) : "–",
        e.plover && e.plover.mode ? el("div", { class: "small" }, e.plover.mode) : ""),
      el("td", { class: "num " + tone(e.goldstein) }, signed(e.goldstein, 1)),
      el("td", { class: "num" }, `${e.num_mentions} / ${e.num_articles}`),
      el("td", {}, el("a", { href: `#/event/${e.id}`, class: "evidence-link" }, "evidence"))));
  }
  if (body.next) {
    box.append(el("button", { class: "more", type: "button", onclick: () => eventTable(box, params, body.next) }, "More"));
  }
}

function eventsView(main, params) {
  main.append(el("h1", {}, "Events"));
  const fields = [
    ["country", "Country", "TUR"], ["actor", "Actor", "TURGOV"], ["code", "CAMEO code", "042"],
    ["root", "Root", "04"], ["since", "Since", "2023-01-01"], ["until", "Until", "2024-12-31"], ["q", "Text", "earthquake"],
  ];
  const form = el("form", { id: "filters", class: "filters" },
    fields.map(([name, label, ph]) => el("label", {}, label,
      el("input", { name, placeholder: ph, value: params.get(name) || "", type: name === "since" || name === "until" ? "date" : "text" }))),
    el("label", {}, "Quad class", el("select", { name: "quad" }, el("option", { value: "" }, "any"),
      QUADS.map((t, i) => el("option", { value: i + 1, selected: params.get("quad") === String(i + 1) }, `${i + 1} ${t}`)))),
    el("button", { type: "submit" }, "Filter"));
  for (const k of ["a", "b"]) if (params.get(k)) form.append(el("input", { type: "hidden", name: k, value: params.get(k) }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) q.set(k, String(v).trim());
    location.hash = "#/events?" + q;
  });
  main.append(form);
  if (params.get("a")) main.append(el("p", { class: "muted" }, `Between ${params.get("a")} and ${params.get("b")}.`));
  const box = el("section", { id: "event-list" });
  main.append(box);
  return eventTable(box, params);
}

function entries(actor) {
  const list = (actor && actor.entries) || [];
  if (!list.length) return el("span", { class: "muted" }, "no knowledge-base entry");
  return el("ul", { class: "entries" }, list.map((x) => el("li", {},
    el("q", {}, x.matched), " → ", x.entry, " ", el("code", {}, x.code), " ",
    el("span", { class: "src" }, typeof x.source === "string" ? x.source : `${x.source.file}:${x.source.line}`),
    x.term ? el("span", { class: "muted" }, ` (term ${x.term})`) : "")));
}

async function eventView(main, id) {
  const { body } = await api(`/api/events/${encodeURIComponent(id)}`);
  const e = body.event;
  main.append(el("h1", {}, `Event ${e.id}: `, actorLink(e.source), " ", el("code", {}, e.cameo), " ", actorLink(e.target)),
    el("p", {}, `${e.event_name} · ${e.date || "undated"} (${e.date_precision || "no date"}) · quad class ${e.quad_class} (${QUADS[e.quad_class - 1] || "?"}) · Goldstein `,
      el("span", { class: tone(e.goldstein) }, signed(e.goldstein, 1)),
      ` · ${plural(e.num_mentions, "mention")} in ${plural(e.num_articles, "article")} from ${plural(e.num_sources, "outlet")}`),
    el("p", { class: "muted" }, `Mentions are folded into one event at the ${body.fold.level} CAMEO level within ${body.fold.window_days} days.`));
  body.mentions.forEach((m, i) => {
    const ev = m.evidence || {};
    main.append(el("article", { class: "mention", id: `mention-${m.id}` },
      el("h2", {}, `Mention ${i + 1}: `, m.title || m.article),
      el("p", { class: "muted" }, `${m.article} · ${m.outlet} · published ${m.published || "?"} · sentence ${m.sentence}`),
      el("blockquote", {}, sentence(m.segments)),
      el("dl", {},
        el("dt", {}, "Pattern"), el("dd", {}, el("code", { class: "pattern" }, m.pattern)),
        el("dt", {}, "Trigger"), el("dd", {}, m.trigger, ` (bytes ${m.spans.trigger[0]}–${m.spans.trigger[1]})`),
        el("dt", {}, "Mood"), el("dd", {}, ev.mood || "–"),
        el("dt", {}, "Date"), el("dd", {}, `${m.date || "none"} from ${ev.date_source || "?"}`),
        el("dt", {}, "Notes"), el("dd", {}, (ev.notes || []).join("; ") || "–"),
        el("dt", {}, "Source"), el("dd", {}, actorLink(m.source), ` “${m.source.name}” `, entries(m.source_actor)),
        el("dt", {}, "Target"), el("dd", {}, actorLink(m.target), ` “${m.target.name}” `, entries(m.target_actor)),
        el("dt", {}, "Folded"), el("dd", {}, m.fold_reason || "–"))));
  });
}

// ---- actor -----------------------------------------------------------------------------

function network(code, list) {
  const W = 520, H = 420, cx = W / 2, cy = H / 2, R = 160;
  const svg = sv("svg", { class: "network", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img" });
  const shown = list.slice(0, 16);
  const max = Math.max(1, ...shown.map((c) => c.events));
  shown.forEach((c, i) => {
    const a = (2 * Math.PI * i) / shown.length - Math.PI / 2;
    const x = cx + R * Math.cos(a), y = cy + R * Math.sin(a);
    const label = c.code || c.name;
    const node = sv("a", { href: c.code ? `#/actor/${encodeURIComponent(c.code)}` : null },
      sv("line", { x1: cx, y1: cy, x2: x, y2: y, class: "edge " + tone(c.goldstein_mean), "stroke-width": 1 + (6 * c.events) / max }),
      sv("circle", { cx: x, cy: y, r: 6 + (10 * c.events) / max, class: "node " + tone(c.goldstein_mean) }),
      sv("text", { x, y: y + (y < cy ? -20 : 30), "text-anchor": "middle", class: "node-label" }, label),
      sv("title", {}, `${c.name}: ${c.events} events, Goldstein mean ${fmt(c.goldstein_mean)}`));
    svg.append(node);
  });
  svg.append(sv("circle", { cx, cy, r: 24, class: "node center" }),
    sv("text", { x: cx, y: cy + 5, "text-anchor": "middle", class: "node-label center" }, code));
  return svg;
}

async function actorView(main, code) {
  main.append(el("h1", {}, `${code}: counterparts`));
  const { body } = await api(`/api/actors/${encodeURIComponent(code)}/counterparts?limit=40`);
  if (!body.counterparts.length) {
    main.append(el("p", {}, "No events with this actor."));
    return;
  }
  const max = Math.max(...body.counterparts.map((c) => c.events));
  main.append(el("div", { class: "two" }, network(body.actor, body.counterparts),
    el("table", { class: "grid", id: "counterparts" },
      el("thead", {}, el("tr", {}, el("th", {}, "Counterpart"), el("th", {}, "Events"), el("th", {}, "Out / in"),
        el("th", {}, "Coop. / conflict"), el("th", {}, "Goldstein mean"))),
      el("tbody", {}, body.counterparts.map((c) => {
        const bar = el("span", { class: "bar" });
        bar.style.width = `${Math.round((80 * c.events) / max)}px`;
        return el("tr", {},
          el("td", {}, actorLink(c), " ", el("span", { class: "muted small" }, c.name)),
          el("td", { class: "num" }, bar, " ", c.events),
          el("td", { class: "num" }, `${c.outgoing} / ${c.incoming}`),
          el("td", { class: "num" }, el("span", { class: "pos" }, c.cooperation), " / ", el("span", { class: "neg" }, c.conflict)),
          el("td", { class: "num " + tone(c.goldstein_mean) }, signed(c.goldstein_mean)));
      })))));
}

// ---- upload ----------------------------------------------------------------------------

function uploadView(main) {
  main.append(el("h1", {}, "Upload an article"),
    el("p", { class: "muted" }, "The article is coded and stored; the same text again gives the stored result."));
  const result = el("section", { id: "upload-result" });
  const form = el("form", { id: "upload", class: "upload" },
    el("label", {}, "Token", el("input", { name: "token", type: "password", autocomplete: "off", required: true })),
    el("label", {}, "Title", el("input", { name: "title" })),
    el("label", {}, "Date", el("input", { name: "date", type: "date" })),
    el("label", { class: "wide" }, "Text", el("textarea", { name: "text", rows: 10, required: true })),
    el("button", { type: "submit" }, "Code and store"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const article = { title: f.get("title") || null, text: f.get("text"), date: f.get("date") || null };
    result.replaceChildren(el("p", { class: "muted" }, "Coding…"));
    try {
      const { body, status } = await api("/api/articles", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + f.get("token") },
        body: JSON.stringify(article),
      });
      result.replaceChildren(
        el("p", { class: "ok", id: "upload-status" },
          `${status === 201 ? "Stored" : "Already stored"}: article ${body.article}, ${plural(body.events.length, "event")}.`),
        el("ul", {}, body.events.map((e) => el("li", {},
          el("a", { href: `#/event/${e.id}` }, `${e.source.code || e.source.name} ${e.cameo} ${e.target.code || e.target.name}`),
          ` ${e.event_name} · ${e.date || "undated"} · `, el("span", { class: "muted" }, e.text)))));
      health();
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });
  main.append(form, result);
}

window.addEventListener("hashchange", route);
health();
route();
