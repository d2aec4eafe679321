// The Rainforest Logger web console: plain JavaScript against the HTTP API, nothing loaded from elsewhere.
// The API key lives in sessionStorage (this tab only) and travels only in the X-Api-Key header.
"use strict";

(() => {
  const KEY = "rainforest.apiKey";
  const PAGE_SIZE = 50;
  const LIVE_EVERY_MS = 6000;     // the users' own polling period
  const FLEET_EVERY_MS = 10000;
  const STATES = [
    ["polling", "Polling"],
    ["failing", "Failing"],
    ["credentials_rejected", "Credentials rejected"],
    ["paused", "Paused"],
  ];
  const STATE_NAMES = Object.fromEntries(STATES);
  const SVG = "http://www.w3.org/2000/svg";

  const $ = (id) => document.getElementById(id);
  const views = ["sign-in", "fleet", "user", "archive"];
  let timers = [];
  let generation = 0;   // a view's late answers are dropped once another view (or page) is shown

  class Refused extends Error {}

  // ---- plumbing ------------------------------------------------------------------------------------

  function say(text) { $("status").textContent = text; }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value; else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function svg(tag, attributes = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function call(path, key = sessionStorage.getItem(KEY)) {
    let response;
    try {
      response = await fetch(path, { headers: { "X-Api-Key": key ?? "", "Accept": "application/json, text/csv, */*" }, cache: "no-store" });
    } catch {
      throw new Error("The server did not answer (network error).");
    }
    if (response.status === 401) throw new Refused("The API key was refused (401 Unauthorized).");
    if (!response.ok) {
      let problem = null;
      try { problem = await response.json(); } catch { /* not a problem body */ }
      throw new Error(problem?.detail || problem?.title || `The server answered ${response.status}.`);
    }
    return response;
  }

  // A refused key ends the session; anything else is told in the status line and the view carries on.
  function failed(error) {
    if (error instanceof Refused) { signOut(error.message + " Sign in again."); return; }
    say(error.message);
  }

  function every(ms, action) { timers.push(setInterval(action, ms)); }

  // Redraws what `render` replaces inside `container` and gives the focus back to the element that had it (matched
  // by data-focus), so a refresh every few seconds never throws a keyboard user back to the top of the page.
  function keepingFocus(container, render) {
    const active = document.activeElement;
    const key = active && container.contains(active) ? active.dataset.focus : undefined;
    render();
    if (key) container.querySelector(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  }

  function utc(value) {
    if (!value) return "—";
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return "—";
    return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  }

  function words(snake) { return snake ? snake.replaceAll("_", " ") : "—"; }

  function stateBadge(state) {
    return el("span", { class: `state state-${state}`, text: STATE_NAMES[state] ?? words(state) });
  }

  // ---- sign-in -------------------------------------------------------------------------------------

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    $("sign-in-error").textContent = message ?? "";
    location.hash = "#/";
    route();
  }

  async function signIn(event) {
    event.preventDefault();
    const key = $("api-key").value.trim();
    const error = $("sign-in-error");
    error.textContent = "";
    if (!key) { error.textContent = "Enter an API key."; return; }
    say("Checking the key…");
    try {
      await call("/api/users?limit=1", key);
    } catch (e) {
      say("");
      error.textContent = e instanceof Refused ? "That API key was refused (401 Unauthorized). Check it and try again." : e.message;
      $("api-key").focus();
      return;
    }
    sessionStorage.setItem(KEY, key);
    $("api-key").value = "";
    route();
    say("Signed in.");
    // Keyboard and screen-reader users land on the page they signed in to, not on a field that is gone.
    document.querySelector("main > section:not([hidden]) h2")?.focus();
  }

  // ---- fleet ---------------------------------------------------------------------------------------

  const fleet = { offset: 0, search: "", status: "" };

  // Background refreshes are quiet: the status line (a live region) speaks only of what the user asked for.
  async function loadFleet(quiet = false) {
    const mine = generation;
    const query = new URLSearchParams({ offset: fleet.offset, limit: PAGE_SIZE });
    if (fleet.search) query.set("search", fleet.search);
    if (fleet.status) query.set("status", fleet.status);
    try {
      const reply = await (await call(`/api/users?${query}`)).json();
      if (mine !== generation) return;
      showFleet(reply, quiet);
    } catch (e) {
      if (mine === generation) failed(e);
    }
  }

  function showFleet(reply, quiet) {
    const counts = reply.counts ?? {};
    const all = STATES.reduce((sum, [state]) => sum + (counts[state] ?? 0), 0);
    const list = $("counts");
    // One button per value of the status filter, each counting what it lists ("failing" lists rejected credentials too).
    const filters = [
      ["", "All users", all],
      ["polling", "Polling", counts.polling ?? 0],
      ["failing", "Need attention", (counts.failing ?? 0) + (counts.credentials_rejected ?? 0)],
      ["credentials_rejected", "Credentials rejected", counts.credentials_rejected ?? 0],
      ["paused", "Paused", counts.paused ?? 0],
    ];
    keepingFocus(list, () => list.replaceChildren(...filters.map(([state, name, n]) => {
      const button = el("button", { type: "button", "data-state": state, "data-focus": `state:${state}`, "aria-pressed": String(fleet.status === state) },
        el("span", { class: "n", text: n.toLocaleString("en") }), el("span", { text: name }));
      button.addEventListener("click", () => { fleet.status = state; fleet.offset = 0; $("status-filter").value = state; loadFleet(); });
      return el("li", {}, button);
    })));

    const rows = reply.users.map((u) => {
      const attention = u.state === "failing" || u.state === "credentials_rejected";
      return el("tr", { class: attention ? "attention" : null, "data-cloud-id": u.cloud_id },
        el("td", {}, el("a", { class: "mono", href: `#/users/${u.cloud_id}`, "data-focus": `user:${u.cloud_id}`, text: u.cloud_id })),
        el("td", { class: "nowrap", text: u.user_email ?? "—" }),
        el("td", { text: u.source ?? "relay" }),
        el("td", {}, stateBadge(u.state)),
        // The last error stays known after a recovery; it is the reason only while the user is not polling.
        el("td", { text: attention && u.last_error_kind ? `${words(u.last_error_kind)} (${utc(u.last_error_at)})` : "—" }),
        el("td", { class: "nowrap", text: utc(u.last_success_at) }),
        el("td", { class: "num", text: (u.total_events_logged ?? 0).toLocaleString("en") }));
    });
    const body = $("users").tBodies[0];
    if (rows.length === 0) rows.push(el("tr", {}, el("td", { colspan: "7", text: "No user matches." })));
    keepingFocus(body, () => body.replaceChildren(...rows));

    const total = reply.total ?? reply.count;
    const first = total === 0 ? 0 : fleet.offset + 1;
    const last = fleet.offset + reply.users.length;
    $("page-info").textContent = `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${total.toLocaleString("en")}`;
    $("users-caption").textContent = `Users ${first}–${last} of ${total}` + (fleet.search ? ` matching “${fleet.search}”` : "") +
      `, updated ${utc(new Date())}. Counters and last readings are as each user last reported them (when it stores its counters); a user's page is live.`;
    $("prev-page").disabled = fleet.offset === 0;
    $("next-page").disabled = last >= total;
    if (!quiet) say(`${total.toLocaleString("en")} user${total === 1 ? "" : "s"} found.`);
  }

  function showFleetView() {
    $("search").value = fleet.search;
    $("status-filter").value = fleet.status;
    loadFleet();
    every(FLEET_EVERY_MS, () => loadFleet(true));
  }

  let searchDelay;
  function searchChanged() {
    clearTimeout(searchDelay);
    searchDelay = setTimeout(() => {
      fleet.search = $("search").value.trim();
      fleet.offset = 0;
      loadFleet();
    }, 250);
  }

  // ---- user ----------------------------------------------------------------------------------------

  const user = { id: null, mode: "live", points: [], range: null, asking: false };

  async function loadUser() {
    const mine = generation;
    try {
      const u = await (await call(`/api/users/${user.id}`)).json();
      if (mine !== generation) return;
      showUser(u);
    } catch (e) {
      if (mine === generation) failed(e);
    }
  }

  function showUser(u) {
    $("user-title").textContent = `User ${u.cloud_id}`;
    const s = u.status ?? {};
    const facts = [
      ["Email", u.user_email ?? "—"],
      ["Source", u.source ?? "relay"],
      ["Status", stateBadge(s.state)],
      ["Reason", s.state !== "polling" && s.last_error_kind ? words(s.last_error_kind) : "—"],
      ["Last error", s.last_error ? `${s.last_error} (${utc(s.last_error_at)})` : "—"],
      ["Consecutive failures", String(s.consecutive_failures ?? 0)],
      ["Last reading", utc(s.last_success_at)],
      ["Next poll", utc(s.next_poll_at)],
      ["Readings logged", (u.total_events_logged ?? 0).toLocaleString("en")],
      ["First reading", u.first_timestamp ? utc(new Date(u.first_timestamp * 1000)) : "—"],
    ];
    $("user-facts").replaceChildren(...facts.flatMap(([name, value]) => [el("dt", { text: name }), el("dd", {}, value)]));

    const history = (u.status_history ?? []).slice().reverse().map((h) =>
      el("tr", {},
        el("td", { class: "nowrap", text: utc(h.at) }),
        el("td", {}, stateBadge(h.from)),
        el("td", {}, stateBadge(h.to)),
        el("td", { text: h.reason ?? "—" })));
    if (history.length === 0) history.push(el("tr", {}, el("td", { colspan: "4", text: "No change since this user's grain started." })));
    $("history").tBodies[0].replaceChildren(...history);
  }

  // CSV rows as the API writes them: time_utc,demand_kw,… (no field before demand_kw is ever quoted).
  function parseCsv(text) {
    return text.split("\n").slice(1).filter((line) => line.length > 0).map((line) => {
      const [time, kw] = line.split(",", 2);
      return { t: Date.parse(time), kw: Number(kw) };
    }).filter((p) => !Number.isNaN(p.t) && Number.isFinite(p.kw));
  }

  function readingsPath(from, to, format) {
    return `/api/users/${user.id}/readings?` + new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), format });
  }

  async function startLive() {
    const mine = generation;
    user.mode = "live";
    pressed("view-live");
    const now = Date.now();
    user.points = [];
    try {
      const text = await (await call(readingsPath(new Date(now - 3600e3), new Date(now + 300e3), "csv"))).text();
      if (mine !== generation || user.mode !== "live") return;
      user.points = parseCsv(text);
      drawLive();
    } catch (e) {
      if (mine === generation) failed(e);
    }
    every(LIVE_EVERY_MS, () => { if (user.mode === "live") pollLive(mine); });
  }

  // Only what came after the newest point shown; the gateway's time decides, as it does in the API.
  async function pollLive(mine) {
    // One question at a time: a slow answer must not be added twice.
    if (user.asking) return;
    user.asking = true;
    const last = user.points.length ? user.points[user.points.length - 1].t : Date.now() - 3600e3;
    try {
      const text = await (await call(readingsPath(new Date(last + 1000), new Date(Date.now() + 300e3), "csv"))).text();
      if (mine !== generation || user.mode !== "live") return;
      const fresh = parseCsv(text).filter((p) => p.t > last);
      const cutoff = Date.now() - 3600e3;
      user.points = user.points.concat(fresh).filter((p) => p.t >= cutoff);
      drawLive();
      loadUser();
    } catch (e) {
      if (mine === generation) failed(e);
    } finally {
      user.asking = false;
    }
  }

  function drawLive() {
    const now = Date.now();
    user.range = { from: new Date(now - 3600e3), to: new Date(now) };
    const series = user.points.map((p) => ({ t: p.t, kw: p.kw }));
    draw(series, user.range, false, 60e3);
    const latest = series[series.length - 1];
    $("chart-caption").textContent = latest
      ? `Last hour: ${series.length} readings; latest ${latest.kw} kW at ${utc(new Date(latest.t))}. Updates every 6 seconds.`
      : "Last hour: no reading yet. Updates every 6 seconds.";
  }

  async function showDay() {
    const value = $("day").value;
    if (!value) { say("Pick a day first."); $("day").focus(); return; }
    const mine = generation;
    user.mode = "day";
    pressed("view-day");
    const from = new Date(`${value}T00:00:00Z`);
    const to = new Date(from.getTime() + 86400e3);
    user.range = { from, to };
    say(`Loading ${value}…`);
    try {
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), step: "PT5M" });
      const steps = await (await call(`/api/users/${user.id}/readings/summary?${query}`)).json();
      if (mine !== generation || user.mode !== "day") return;
      const series = steps.map((s) => ({ t: Date.parse(s.start) + 150e3, kw: s.mean_kw, min: s.min_kw, max: s.max_kw }));
      draw(series, user.range, true, 2 * 300e3);
      const energy = steps.reduce((sum, s) => sum + s.energy_kwh, 0);
      $("chart-caption").textContent = series.length
        ? `${value} (UTC), 5-minute means with min–max band: ${steps.reduce((n, s) => n + s.count, 0)} readings, ${energy.toFixed(2)} kWh.`
        : `${value} (UTC): no reading logged that day.`;
      say(`Showing ${value}.`);
    } catch (e) {
      if (mine === generation) failed(e);
    }
  }

  function pressed(id) {
    for (const b of ["view-live", "view-day"]) $(b).setAttribute("aria-pressed", String(b === id));
  }

  // kW over the time range as inline SVG: a line per stretch without gaps, the latest reading marked; `band` adds
  // each step's min–max behind the line.
  function draw(series, range, band, gap) {
    const chart = $("chart");
    const W = 800, H = 260, left = 56, right = 12, top = 24, bottom = 28;
    const x0 = range.from.getTime(), x1 = range.to.getTime();
    const values = series.flatMap((p) => band ? [p.min, p.max] : [p.kw]);
    let lo = Math.min(0, ...values), hi = Math.max(0.1, ...values);
    if (hi === lo) hi = lo + 1;
    const pad = (hi - lo) * 0.08;
    hi += pad; if (lo < 0) lo -= pad;
    const x = (t) => left + ((t - x0) / (x1 - x0)) * (W - left - right);
    const y = (kw) => top + (1 - (kw - lo) / (hi - lo)) * (H - top - bottom);
    const parts = [];
    for (let i = 0; i <= 4; i++) {
      const kw = lo + ((hi - lo) * i) / 4;
      parts.push(svg("line", { class: "grid-line", x1: left, x2: W - right, y1: y(kw), y2: y(kw) }));
      parts.push(svg("text", { x: left - 6, y: y(kw) + 4, "text-anchor": "end" }, kw.toFixed(2)));
    }
    for (let i = 0; i <= 4; i++) {
      const t = x0 + ((x1 - x0) * i) / 4;
      parts.push(svg("text", { x: x(t), y: H - 8, "text-anchor": i === 0 ? "start" : i === 4 ? "end" : "middle" },
        new Date(t).toISOString().slice(11, 16)));
    }
    parts.push(svg("text", { x: left - 6, y: 12, "text-anchor": "end" }, "kW"));
    parts.push(svg("line", { class: "axis", x1: left, x2: left, y1: top, y2: H - bottom }));
    parts.push(svg("line", { class: "axis", x1: left, x2: W - right, y1: H - bottom, y2: H - bottom }));
    // A gap longer than `gap` is missing data, not a straight line: each stretch is drawn on its own.
    const stretches = [];
    for (const p of series) {
      const current = stretches[stretches.length - 1];
      if (current && p.t - current[current.length - 1].t <= gap) current.push(p); else stretches.push([p]);
    }
    const at = (p, kw) => `${x(p.t).toFixed(1)},${y(kw).toFixed(1)}`;
    for (const stretch of stretches) {
      if (band) {
        const upper = stretch.map((p) => at(p, p.max));
        const lower = stretch.slice().reverse().map((p) => at(p, p.min));
        parts.push(svg("polygon", { class: "band", points: upper.concat(lower).join(" ") }));
      }
      parts.push(svg("polyline", { class: "demand", points: stretch.map((p) => at(p, p.kw)).join(" ") }));
    }
    const latest = series[series.length - 1];
    if (latest) parts.push(svg("circle", { class: "latest", cx: x(latest.t), cy: y(latest.kw), r: 3.5 }));
    chart.replaceChildren(...parts);
    chart.dataset.points = String(series.length);
  }

  // The shown range as CSV: fetched with the key in a header, then handed to the browser as a file.
  async function downloadCsv() {
    if (!user.range) return;
    // Live: the last hour up to now (and any reading the gateway dated a little ahead); a day: that day.
    const { from, to } = user.mode === "live"
      ? { from: new Date(Date.now() - 3600e3), to: new Date(Date.now() + 300e3) }
      : user.range;
    say("Preparing the CSV…");
    try {
      const blob = await (await call(readingsPath(from, to, "csv"))).blob();
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: `rainforest-${user.id}-${from.toISOString().slice(0, 16).replace(":", "")}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      say("CSV downloaded.");
    } catch (e) {
      failed(e);
    }
  }

  function showUserView(id) {
    user.id = id;
    user.points = [];
    $("user-title").textContent = `User ${id}`;
    $("user-facts").replaceChildren();
    $("history").tBodies[0].replaceChildren();
    $("chart").replaceChildren();
    $("chart").dataset.points = "0";
    $("chart-caption").textContent = "";
    if (!$("day").value) $("day").value = new Date().toISOString().slice(0, 10);
    loadUser();
    startLive();
  }

  // ---- archive -------------------------------------------------------------------------------------

  async function loadArchive(quiet = false) {
    const mine = generation;
    try {
      const a = await (await call("/api/archive")).json();
      if (mine !== generation) return;
      $("archive-summary").textContent =
        `${a.failing ? "Shipping is failing. " : "Shipping is healthy. "}${a.backlog_files} hour file${a.backlog_files === 1 ? "" : "s"} waiting` +
        (a.oldest_backlog_age ? ` (oldest waiting ${a.oldest_backlog_age})` : "") +
        `; ${a.hours_shipped} hours shipped; as of ${utc(a.as_of)}.`;
      const rows = a.silos.map((s) => el("tr", { class: s.failing ? "attention" : null },
        el("td", { text: `${s.silo} (${s.host})` }),
        el("td", { class: "mono", text: s.target }),
        el("td", { class: "num", text: String(s.backlog_files) }),
        el("td", { text: s.oldest_backlog_hour ? `${utc(s.oldest_backlog_hour)} (${s.oldest_backlog_age})` : "—" }),
        el("td", { class: "num", text: String(s.hours_shipped) }),
        el("td", { text: utc(s.last_success_at) }),
        el("td", { text: s.last_error ? `${words(s.last_error_kind)}: ${s.last_error} (${utc(s.last_error_at)})` : "—" }),
        el("td", { text: utc(s.reported_at) })));
      if (rows.length === 0) rows.push(el("tr", {}, el("td", { colspan: "8", text: "No silo has reported yet." })));
      $("silos").tBodies[0].replaceChildren(...rows);
      if (!quiet) say(`Archive status as of ${utc(a.as_of)}.`);
    } catch (e) {
      if (mine === generation) failed(e);
    }
  }

  // ---- routing -------------------------------------------------------------------------------------

  function show(view) {
    for (const v of views) $(v).hidden = v !== view;
    $("nav").hidden = view === "sign-in";
  }

  function route() {
    generation++;
    for (const t of timers) clearInterval(t);
    timers = [];
    say("");
    if (!sessionStorage.getItem(KEY)) {
      show("sign-in");
      $("api-key").focus();
      return;
    }
    const hash = location.hash || "#/";
    const userMatch = /^#\/users\/([0-9a-fA-F]{6})$/.exec(hash);
    if (userMatch) {
      show("user");
      showUserView(userMatch[1].toLowerCase());
    } else if (hash === "#/archive") {
      show("archive");
      loadArchive();
      every(FLEET_EVERY_MS, () => loadArchive(true));
    } else {
      show("fleet");
      showFleetView();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("sign-in-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", () => { signOut("Signed out."); say(""); });
    $("fleet-filter").addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(searchDelay); fleet.search = $("search").value.trim(); fleet.offset = 0; loadFleet(); });
    $("search").addEventListener("input", searchChanged);
    $("status-filter").addEventListener("change", () => { fleet.status = $("status-filter").value; fleet.offset = 0; loadFleet(); });
    $("prev-page").addEventListener("click", () => { fleet.offset = Math.max(0, fleet.offset - PAGE_SIZE); loadFleet(); });
    $("next-page").addEventListener("click", () => { fleet.offset += PAGE_SIZE; loadFleet(); });
    $("view-live").addEventListener("click", () => { generation++; for (const t of timers) clearInterval(t); timers = []; startLive(); });
    $("view-day").addEventListener("click", () => { generation++; for (const t of timers) clearInterval(t); timers = []; showDay(); });
    $("download-csv").addEventListener("click", downloadCsv);
    window.addEventListener("hashchange", route);
    route();
  });
})();
