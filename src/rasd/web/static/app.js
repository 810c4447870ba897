// rasd's web map: events on an offline vector map, a timeline, filters, a list and a detail
// panel with the Arabic evidence highlighted. Plain ES module, no build step.
// News text is untrusted: it only ever reaches the page through textContent, never innerHTML.

/* global L, topojson */

const TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
// One hue per PLOVER type; violent ones warm, verbal and cooperative ones cool.
const TYPE_COLOURS = {
  AGREE: "#2e7d32", CONSULT: "#00838f", SUPPORT: "#558b2f", CONCEDE: "#9e9d24",
  COOPERATE: "#1565c0", AID: "#43a047", RETREAT: "#6d4c41", REQUEST: "#5e35b1",
  ACCUSE: "#ad1457", REJECT: "#8e24aa", THREATEN: "#ef6c00", PROTEST: "#f9a825",
  SANCTION: "#546e7a", MOBILIZE: "#d84315", COERCE: "#c62828", ASSAULT: "#b71c1c",
};
const KINDS = ["trigger", "actor", "target", "location", "date", "count", "attribution"];
const EVENT_LIMIT = 500;

const STRINGS = {
  en: {
    title: "rasd — events", otherLanguage: "العربية", type: "Type", country: "Country",
    actor: "Actor", since: "From", until: "To", apply: "Apply", reset: "Reset", any: "any",
    events: "Events", close: "Close", timelineHelp: "Events per day: drag to choose a period",
    mode: "Mode", target: "Target", attribution: "According to", place: "Place",
    precision: "precision", date: "Date", counts: "Counts", reports: "Reports",
    fatalities: "Fatalities", flags: "Flags", sources: "Sources", legend: "Highlights",
    merge: "Why reports were merged", loading: "Loading…", shown: "{n} events shown",
    more: "{n} events shown (more match: narrow the filters)", none: "No events match.",
    error: "Error: {e}", unknown: "unknown", published: "published",
    geo1: "town", geo2: "near a town / part of a region", geo3: "province or larger",
    trigger: "trigger", location: "place", count: "count",
    day: "day", week: "week", month: "month", year: "year",
    negated: "negated", hypothetical: "hypothetical", future: "future", historical: "historical",
  },
  ar: {
    title: "رصد — الأحداث", otherLanguage: "English", type: "النوع", country: "البلد",
    actor: "الفاعل", since: "من", until: "إلى", apply: "تطبيق", reset: "إعادة ضبط", any: "الكل",
    events: "الأحداث", close: "إغلاق", timelineHelp: "الأحداث في كل يوم: اسحب لاختيار فترة",
    mode: "الأسلوب", target: "المستهدف", attribution: "المصدر", place: "المكان",
    precision: "الدقة", date: "التاريخ", counts: "الأعداد", reports: "التقارير",
    fatalities: "القتلى", flags: "ملاحظات", sources: "المصادر", legend: "دليل الألوان",
    merge: "سبب دمج التقارير", loading: "جارٍ التحميل…", shown: "عدد الأحداث المعروضة: {n}",
    more: "عدد الأحداث المعروضة: {n} (هناك المزيد: ضيّق التصفية)", none: "لا أحداث مطابقة.",
    error: "خطأ: {e}", unknown: "غير معروف", published: "نُشر",
    geo1: "بلدة", geo2: "قرب بلدة / جزء من منطقة", geo3: "محافظة أو أوسع",
    trigger: "الفعل", location: "المكان", count: "العدد",
    day: "يوم", week: "أسبوع", month: "شهر", year: "سنة",
    negated: "منفي", hypothetical: "افتراضي", future: "مستقبلي", historical: "تاريخي",
  },
};

let lang = localStorage.getItem("rasd-lang") === "ar" ? "ar" : "en";
let map = null;
let markers = null;
let fitted = false;
let openId = null;

export function t(key, values = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

// ---- highlighting ----------------------------------------------------------------------

/** UTF-16 index of every code point offset of `text` (one more entry, for the end).
 * The API counts Python code points; JS strings count UTF-16 units, which differ after
 * any character outside the BMP (emoji, some CJK, mathematical letters). */
export function utf16Index(text) {
  const index = [0];
  for (const ch of text) index.push(index[index.length - 1] + ch.length);
  return index;
}

/** `text` as a fragment with each span {kind, start, end} (code points) in a <mark>.
 * Nested spans nest; a span that crosses its parent's end is split at that end. */
export function highlight(text, spans) {
  const index = utf16Index(text);
  const last = index.length - 1;
  const pending = spans
    .map((s) => ({ kind: String(s.kind), start: Math.max(0, s.start | 0), end: Math.min(last, s.end | 0) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const root = document.createDocumentFragment();
  const stack = [{ node: root, end: last }];
  let pos = 0;
  const emit = (node, to) => {
    if (to > pos) node.append(text.slice(index[pos], index[to]));
    pos = Math.max(pos, to);
  };
  for (let i = 0; i < pending.length; i++) {
    const span = pending[i];
    while (stack.length > 1 && stack[stack.length - 1].end <= span.start) {
      const top = stack.pop();
      emit(top.node, top.end);
    }
    const parent = stack[stack.length - 1];
    emit(parent.node, span.start);
    let end = span.end;
    if (end > parent.end) {
      // crosses its parent: highlight up to the parent's end, the rest as its own span
      const rest = { kind: span.kind, start: parent.end, end };
      let at = i + 1;
      while (at < pending.length && (pending[at].start < rest.start ||
        (pending[at].start === rest.start && pending[at].end >= rest.end))) at++;
      pending.splice(at, 0, rest);
      end = parent.end;
    }
    const mark = document.createElement("mark");
    mark.className = `hl hl-${span.kind}`;
    mark.dataset.kind = span.kind;
    mark.title = t(span.kind);
    parent.node.append(mark);
    stack.push({ node: mark, end });
  }
  while (stack.length > 1) {
    const top = stack.pop();
    emit(top.node, top.end);
  }
  emit(root, last);
  return root;
}

// ---- small DOM helpers -----------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key in node && key !== "style") node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function status(message) {
  document.getElementById("status").textContent = message;
}

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

// ---- filters ---------------------------------------------------------------------------

function filters({ dates = true } = {}) {
  const form = document.getElementById("filters");
  const value = (name) => form.elements[name].value.trim();
  const out = { type: value("type"), country: value("country"), actor: value("actor") };
  if (dates) Object.assign(out, { since: value("since"), until: value("until") });
  return out;
}

function setDates(since, until) {
  const form = document.getElementById("filters");
  form.elements.since.value = since;
  form.elements.until.value = until;
}

// ---- map -------------------------------------------------------------------------------

async function setUpMap() {
  map = L.map("map", { worldCopyJump: true, minZoom: 2 }).setView([30, 40], 4);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  markers = L.featureGroup().addTo(map);
  // the detail panel and the window change the map's size: Leaflet must be told
  new ResizeObserver(() => map.invalidateSize()).observe(document.getElementById("map"));
  try {
    const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
    const topology = await response.json();
    const countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#8a8f98", weight: 0.8, fillColor: "#f2efe6", fillOpacity: 1 },
    }).addTo(map);
    markers.bringToFront();
  } catch (err) {
    status(t("error", { e: err.message }));
  }
}

function radius(fatalities) {
  return 5 + 2.5 * Math.sqrt(Math.max(0, fatalities || 0));
}

function drawMarkers(collection) {
  markers.clearLayers();
  for (const feature of collection.features) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const colour = TYPE_COLOURS[p.event_type] || "#333";
    const marker = L.circleMarker([lat, lon], {
      radius: radius(p.fatalities), color: "#222", weight: 1,
      fillColor: colour, fillOpacity: 0.8, className: "event-marker",
    });
    // a DOM node, not a string: Leaflet puts strings in as HTML
    marker.bindTooltip(el("span", { textContent: `${p.event_type} · ${p.location ?? ""} · ${p.date ?? ""}` }));
    marker.on("click", () => openDetail(p.id));
    marker.addTo(markers);
    const path = marker.getElement();
    if (path) {
      path.dataset.id = p.id;
      path.dataset.type = p.event_type;
    }
  }
  if (!fitted && collection.features.length) {
    map.fitBounds(markers.getBounds().pad(0.3), { maxZoom: 7 });
    fitted = true;
  }
}

// ---- list ------------------------------------------------------------------------------

function drawList(events) {
  const list = document.getElementById("list");
  list.replaceChildren();
  if (!events.length) list.append(el("li", { class: "empty", textContent: t("none") }));
  for (const e of events) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = TYPE_COLOURS[e.event_type] || "#333";
    const who = [e.actor, e.target].filter(Boolean).join(" → ");
    const row = el(
      "button",
      { type: "button", class: "row", "data-id": e.id },
      swatch,
      el("strong", { textContent: e.event_type }),
      el("span", { class: "when", textContent: e.date ?? "" }),
      el("span", { class: "where", dir: "auto", textContent: e.location ?? "" }),
      who ? el("span", { class: "who", dir: "auto", textContent: who }) : null,
      e.fatalities ? el("span", { class: "dead", textContent: `✝ ${e.fatalities}` }) : null,
    );
    row.addEventListener("click", () => openDetail(e.id));
    list.append(el("li", {}, row));
  }
}

// ---- timeline --------------------------------------------------------------------------

const DAY_MS = 86400000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

async function drawTimeline() {
  const svg = document.getElementById("timeline");
  const stats = await api("/api/stats", filters({ dates: false }));
  const days = Object.keys(stats.by_day || {}).sort();
  svg.replaceChildren();
  if (!days.length) return;
  const first = Date.parse(days[0]);
  const count = Math.round((Date.parse(days[days.length - 1]) - first) / DAY_MS) + 1;
  const all = Array.from({ length: count }, (_, i) => isoDay(first + i * DAY_MS));
  const peak = Math.max(...all.map((d) => stats.by_day[d] || 0));
  const width = svg.clientWidth || 600;
  const height = svg.clientHeight || 90;
  const axis = 16;
  const step = width / count;
  const ns = "http://www.w3.org/2000/svg";
  const svgEl = (tag, attrs) => {
    const node = document.createElementNS(ns, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  };
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const brush = svgEl("rect", { class: "brush", x: 0, y: 0, width: 0, height: height - axis });
  svg.append(brush);
  all.forEach((day, i) => {
    const n = stats.by_day[day] || 0;
    const h = peak ? ((height - axis - 4) * n) / peak : 0;
    const bar = svgEl("rect", {
      class: "bar", x: i * step + 1, y: height - axis - h, width: Math.max(1, step - 2), height: h,
      "data-day": day,
    });
    bar.append(svgEl("title", {}));
    bar.firstChild.textContent = `${day}: ${n}`;
    svg.append(bar);
  });
  for (const [x, anchor, text] of [[2, "start", all[0]], [width - 2, "end", all[count - 1]]]) {
    const label = svgEl("text", { x, y: height - 3, "text-anchor": anchor, class: "axis" });
    label.textContent = text;
    svg.append(label);
  }
  const { since, until } = filters();
  const showBrush = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    brush.setAttribute("x", lo * step);
    brush.setAttribute("width", (hi - lo + 1) * step);
  };
  if (since || until) {
    const at = (day, fallback) => (day ? all.indexOf(day) : fallback);
    const a = at(since, 0);
    const b = at(until, count - 1);
    if (a >= 0 && b >= 0) showBrush(a, b);
  }
  // drag-select: press on a day, drag to another, release; a click picks one day
  const dayAt = (event) => {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * width;
    return Math.min(count - 1, Math.max(0, Math.floor(x / step)));
  };
  let start = null;
  svg.onpointerdown = (event) => {
    start = dayAt(event);
    svg.setPointerCapture(event.pointerId);
    showBrush(start, start);
  };
  svg.onpointermove = (event) => {
    if (start !== null) showBrush(start, dayAt(event));
  };
  svg.onpointerup = (event) => {
    if (start === null) return;
    const end = dayAt(event);
    setDates(all[Math.min(start, end)], all[Math.max(start, end)]);
    start = null;
    refresh({ timeline: false });
  };
}

// ---- detail panel ----------------------------------------------------------------------

function field(label, ...values) {
  const shown = values.filter((v) => v !== null && v !== undefined && v !== "");
  if (!shown.length) return null;
  return el("div", { class: "field" }, el("dt", { textContent: label }),
    el("dd", { dir: "auto", textContent: shown.join(" · ") }));
}

function actorText(name, argument) {
  const resolved = argument?.actor;
  const extra = [resolved?.name_en, resolved?.cameo].filter(Boolean).join(", ");
  const base = name ?? argument?.text;
  if (!base) return null;
  return extra ? `${base} (${extra})` : base;
}

function legend() {
  return el("ul", { class: "legend", "aria-label": t("legend") },
    ...KINDS.map((kind) => el("li", {}, el("mark", { class: `hl hl-${kind}`, textContent: t(kind) }))));
}

function reportView(report) {
  const safeUrl = /^https?:\/\//i.test(report.url || "") ? report.url : null;
  const title = safeUrl
    ? el("a", { href: safeUrl, target: "_blank", rel: "noopener noreferrer", textContent: report.title || safeUrl })
    : el("span", { textContent: report.title || report.document_id });
  const meta = [report.source, report.published && `${t("published")} ${report.published}`]
    .filter(Boolean).join(" · ");
  return el("section", { class: "report", "data-document": report.document_id },
    el("h4", { dir: "auto" }, title),
    el("p", { class: "meta", dir: "auto", textContent: meta }),
    el("div", { class: "article", dir: "rtl", lang: "ar" },
      highlight(report.text || "", report.highlights || [])));
}

function drawDetail(data) {
  const s = data.summary;
  const e = data.event || {};
  const geo = s.geo_precision ? `${t("precision")} ${s.geo_precision} (${t(`geo${s.geo_precision}`)})` : null;
  const place = [s.location, s.admin1, s.country].filter(Boolean).join(", ");
  const coords = s.lat != null && s.lon != null ? `${(+s.lat).toFixed(3)}, ${(+s.lon).toFixed(3)}` : null;
  const counts = (e.counts || []).map((c) =>
    `${c.kind}: ${c.value}${c.qualifier && c.qualifier !== "exactly" ? ` (${c.qualifier})` : ""}`);
  const flags = ["negated", "hypothetical", "future", "historical"].filter((f) => e[f]).map((f) => t(f));
  const sources = (data.reports || []).map((r) => r.source || r.document_id);
  const swatch = el("span", { class: "swatch" });
  swatch.style.background = TYPE_COLOURS[s.event_type] || "#333";
  const body = document.getElementById("detail-body");
  const parts = [
    el("h3", {}, swatch, el("span", { textContent: s.event_type })),
    el("dl", {},
      field(t("mode"), s.mode ?? e.mode),
      field(t("actor"), actorText(s.actor, e.actor)),
      field(t("target"), actorText(s.target, e.target)),
      field(t("attribution"), e.attribution?.text),
      field(t("place"), place || t("unknown"), geo, coords),
      field(t("date"), s.date ?? t("unknown"), s.date_precision && t(s.date_precision)),
      field(t("fatalities"), s.fatalities ? String(s.fatalities) : null),
      field(t("counts"), counts.join("; ")),
      field(t("flags"), flags.join(", ")),
      field(t("sources"), `${s.reports ?? sources.length}: ${[...new Set(sources)].join(", ")}`)),
    (data.merge_reasons || []).length
      ? el("details", {}, el("summary", { textContent: t("merge") }),
        el("ul", {}, ...data.merge_reasons.map((r) => el("li", { textContent: r }))))
      : null,
    el("h4", { textContent: t("reports") }),
    legend(),
    ...(data.reports || []).map(reportView),
  ];
  body.replaceChildren(...parts.filter(Boolean));
}

async function openDetail(id) {
  openId = id;
  const panel = document.getElementById("detail");
  panel.hidden = false;
  panel.dataset.id = id;
  panel.classList.add("loading");
  try {
    const data = await api(`/api/events/${encodeURIComponent(id)}`);
    if (openId !== id) return;
    drawDetail(data);
    panel.dataset.loaded = id;
  } catch (err) {
    document.getElementById("detail-body").replaceChildren(
      el("p", { class: "error", textContent: t("error", { e: err.message }) }));
  } finally {
    panel.classList.remove("loading");
  }
  for (const row of document.querySelectorAll("#list .row")) {
    row.classList.toggle("selected", row.dataset.id === String(id));
  }
}

// ---- loading ---------------------------------------------------------------------------

async function refresh({ timeline = true } = {}) {
  status(t("loading"));
  try {
    const params = { ...filters(), format: "geojson", limit: EVENT_LIMIT };
    const [collection] = await Promise.all([
      api("/api/events", params),
      timeline ? drawTimeline() : null,
    ]);
    const all = collection.features.map((f) => f.properties);
    drawMarkers(collection);
    drawList(all);
    status(t(collection.next ? "more" : "shown", { n: all.length }));
    document.body.dataset.ready = "true";
  } catch (err) {
    status(t("error", { e: err.message }));
  }
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
}

async function fillCountries() {
  const stats = await api("/api/stats");
  const select = document.getElementById("filters").elements.country;
  for (const code of Object.keys(stats.by_country || {}).sort()) {
    select.append(el("option", { value: code, textContent: code }));
  }
}

async function main() {
  applyLanguage();
  const form = document.getElementById("filters");
  for (const type of TYPES) form.elements.type.append(el("option", { value: type, textContent: type }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  form.addEventListener("reset", () => setTimeout(refresh));
  document.getElementById("lang").addEventListener("click", () => {
    lang = lang === "ar" ? "en" : "ar";
    localStorage.setItem("rasd-lang", lang);
    applyLanguage();
    refresh();
    if (openId !== null) openDetail(openId);
  });
  document.getElementById("close").addEventListener("click", () => {
    openId = null;
    document.getElementById("detail").hidden = true;
  });
  await setUpMap();
  fillCountries().catch((err) => status(t("error", { e: err.message })));
  await refresh();
}

if (document.getElementById("map")) main();
