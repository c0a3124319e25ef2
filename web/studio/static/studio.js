// The studio's editor: the bpmn-js modeler, a panel for the project's own properties, and the Check's
// stream drawn on the diagram (docs/pages.md, "The Check stream"). No framework; nothing loaded from elsewhere.
(function () {
  "use strict";
  const setup = JSON.parse(document.getElementById("studio-setup").textContent);
  const SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core";
  // bpmnlint with the project's .bpmnlintrc, live while editing (scripts/refresh-bpmn-js.sh packs it); the
  // Check adds the project's own rules, which need the catalogue and run on the server.
  const lint = window.LienThongLint;
  const modeler = new BpmnJS({
    container: "#canvas",
    additionalModules: [lint.module],
    linting: { bpmnlint: lint.config, active: true },
  });
  const canvas = modeler.get("canvas");
  const overlays = modeler.get("overlays");
  const registry = modeler.get("elementRegistry");
  const modeling = modeler.get("modeling");
  const moddle = modeler.get("moddle");
  const selection = modeler.get("selection");
  const panel = document.getElementById("thuoc-tinh");
  const progress = document.getElementById("tien-do");
  const checkButton = document.getElementById("kiem-tra");
  const submitForm = document.getElementById("gui-duyet");
  const submitButton = document.getElementById("gui");
  const csrf = submitForm.elements.csrf.value;
  let marked = [];
  let simulated = 0;

  window.studio = { modeler: modeler, ready: false, checks: 0, bpmnlint: null };
  modeler.on("linting.completed", function (event) { window.studio.bpmnlint = event.issues; });

  // -- the diagram ----------------------------------------------------------------------------------
  fetch(setup.bpmn, { credentials: "same-origin" })
    .then(function (answer) { return answer.text(); })
    .then(function (xml) { return modeler.importXML(xml); })
    .then(function () {
      canvas.zoom("fit-viewport");
      window.studio.ready = true;
      document.body.dataset.studio = "ready";
    })
    .catch(function (error) { say("Không mở được sơ đồ: " + error.message); });

  modeler.on("selection.changed", function (event) { showProperties(event.newSelection[0]); });
  modeler.on("commandStack.changed", function () { submitButton.disabled = true; });

  // -- the properties panel: the project's spiffworkflow:property values, a lane's agency and role --------
  function propertiesOf(bo) {
    const ext = bo.extensionElements;
    const holder = ext && (ext.values || []).find(function (v) { return v.$type === "spiffworkflow:properties"; });
    const found = {};
    ((holder && holder.$children) || []).forEach(function (p) {
      if (p.$type === "spiffworkflow:property") { found[p.name] = p.value; }
    });
    return found;
  }

  function setProperty(element, name, value) {
    const bo = element.businessObject;
    let ext = bo.extensionElements;
    if (!ext) { ext = moddle.create("bpmn:ExtensionElements", { values: [] }); ext.$parent = bo; }
    ext.values = ext.values || [];
    let holder = ext.values.find(function (v) { return v.$type === "spiffworkflow:properties"; });
    if (!holder) {
      holder = moddle.createAny("spiffworkflow:properties", SPIFF, {});
      holder.$children = [];
      holder.$parent = ext;
      ext.values.push(holder);
    }
    holder.$children = (holder.$children || []).filter(function (p) { return p.name !== name; });
    if (value !== "") {
      const property = moddle.createAny("spiffworkflow:property", SPIFF, { name: name, value: value });
      property.$parent = holder;
      holder.$children.push(property);
    }
    if (!holder.$children.length) { ext.values = ext.values.filter(function (v) { return v !== holder; }); }
    // Through modeling, so the change is on the command stack (undo, and the Check sees a changed diagram).
    modeling.updateProperties(element, { extensionElements: ext.values.length ? ext : undefined });
  }

  function field(id, label, control) {
    const wrap = document.createElement("div");
    wrap.className = "field";
    const tag = document.createElement("label");
    tag.htmlFor = id;
    tag.textContent = label;
    control.id = id;
    wrap.append(tag, control);
    return wrap;
  }

  function choice(values, current, labels) {
    const select = document.createElement("select");
    [""].concat(values).forEach(function (value) {
      const option = document.createElement("option");
      option.value = String(value);
      option.textContent = value === "" ? "(không có)" : (labels && labels[value]) || String(value);
      option.selected = String(value) === String(current === undefined ? "" : current);
      select.append(option);
    });
    return select;
  }

  function controlFor(prop, current) {
    const statusLabels = {};
    setup.statuses.forEach(function (s) { statusLabels[s.code] = s.code + " — " + s.label; });
    if (prop.kind === "status") { return choice(setup.statuses.map(function (s) { return s.code; }), current, statusLabels); }
    if (prop.values.length) { return choice(prop.values, current); }
    if (prop.kind === "form") { return choice(setup.forms, current); }
    const input = document.createElement("input");
    input.type = prop.kind === "integer" ? "number" : "text";
    if (prop.kind === "integer") { input.min = "0"; }
    input.value = current === undefined ? "" : current;
    if (prop.kind === "components") {
      input.placeholder = setup.components.map(function (c) { return c.code; }).join(",");
      input.title = setup.components.map(function (c) { return c.code + ": " + c.name; }).join("\n");
    }
    if (prop.kind === "deadline") {
      input.placeholder = Object.keys(setup.deadlines).map(function (k) { return k + " (" + setup.deadlines[k] + ")"; }).join(", ") || "số ngày làm việc";
    }
    return input;
  }

  function showProperties(element) {
    panel.replaceChildren();
    const title = document.createElement("h2");
    title.id = "thuoc-tinh-title";
    title.textContent = "Thuộc tính";
    panel.append(title);
    if (!element || element.type === "label") {
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.textContent = "Chọn một phần tử trên sơ đồ.";
      panel.append(hint);
      return;
    }
    const bo = element.businessObject;
    const who = document.createElement("p");
    who.className = "hint";
    who.textContent = bo.$type.replace("bpmn:", "") + " · " + bo.id;
    panel.append(who);
    const name = document.createElement("input");
    name.type = "text";
    name.value = bo.name || "";
    name.addEventListener("change", function () { modeling.updateProperties(element, { name: name.value }); });
    panel.append(field("tt-ten", "Tên", name));
    if (bo.$type === "bpmn:Lane") {
      const lanes = {};
      setup.lanes.forEach(function (l) { lanes[l.name] = l.name + " — " + l.agency_name + " / " + l.role; });
      const lane = choice(setup.lanes.map(function (l) { return l.name; }), bo.name, lanes);
      lane.addEventListener("change", function () { modeling.updateProperties(element, { name: lane.value }); showProperties(element); });
      panel.append(field("tt-lan", "Làn → cơ quan / vai trò (procedure.toml)", lane));
      return;
    }
    if (!/Task|Event|Gateway|SubProcess|CallActivity/.test(bo.$type)) { return; }
    const current = propertiesOf(bo);
    setup.properties.forEach(function (prop) {
      const control = controlFor(prop, current[prop.name]);
      control.dataset.property = prop.name;
      control.addEventListener("change", function () { setProperty(element, prop.name, control.value.trim()); });
      panel.append(field("tt-" + prop.name, prop.label + " (" + prop.name + ")", control));
    });
  }

  // -- the Check ---------------------------------------------------------------------------------------
  function say(text) { progress.textContent = text; }

  function clearMarks() {
    marked.forEach(function (m) { if (registry.get(m[0])) { canvas.removeMarker(m[0], m[1]); } });
    marked = [];
    overlays.remove({ type: "lt-lint" });
    ["lint", "kich-ban", "so-sanh"].forEach(function (id) { document.getElementById(id).replaceChildren(); });
    ["do-phu", "kich-ban-tong", "ket-luan"].forEach(function (id) { document.getElementById(id).textContent = ""; });
  }

  function mark(id, marker) {
    if (id && registry.get(id)) { canvas.addMarker(id, marker); marked.push([id, marker]); return true; }
    return false;
  }

  function goTo(id) {
    const element = registry.get(id);
    if (!element) { return; }
    selection.select(element);
    // Centred, not at the edge where the palette covers it.
    const box = canvas.viewbox();
    canvas.viewbox({ x: element.x + (element.width || 0) / 2 - box.width / 2,
                     y: element.y + (element.height || 0) / 2 - box.height / 2,
                     width: box.width, height: box.height });
  }

  window.studio.goTo = goTo;

  function item(list, text, id, kind, first) {
    const li = document.createElement("li");
    li.className = kind;
    if (id && registry.get(id)) {
      const link = document.createElement("button");
      link.type = "button";
      link.className = "link to-element";
      link.dataset.element = id;
      link.textContent = id;
      link.addEventListener("click", function () { goTo(id); });
      li.append(link, document.createTextNode(" " + text));
    } else {
      li.textContent = text;
    }
    const into = document.getElementById(list);
    if (first) { into.prepend(li); } else { into.append(li); }
  }

  const handlers = {
    draft: function (e) { submitForm.elements.nhap.value = e.draft; say("Đã lưu bản nháp " + e.draft + "; đang kiểm tra…"); },
    stage: function (e) { say({ lint: "Đang kiểm tra mô hình…", scenarios: "Đang chạy kịch bản…", simulation: "Đang mô phỏng…" }[e.stage] || e.stage); },
    lint: function (e) {
      e.findings.forEach(function (f) {
        const kind = f.severity === "error" ? "lt-lint-error" : "lt-lint-warning";
        if (mark(f.element_id, kind)) {
          const badge = document.createElement("div");
          badge.className = "lt-badge " + kind;
          badge.title = f.message;
          badge.textContent = f.severity === "error" ? "!" : "?";
          overlays.add(f.element_id, "lt-lint", { position: { top: -10, right: 10 }, html: badge });
        }
        item("lint", (f.severity === "error" ? "Lỗi: " : "Lưu ý: ") + f.message + (f.hint ? " (" + f.hint + ")" : ""), f.element_id, kind);
      });
      if (!e.findings.length) { item("lint", "Không có lỗi.", null, "ok"); }
    },
    progress: function (e) { say("Kịch bản: " + e.done + " xong (" + e.percent + "%)"); },
    scenario: function (e) {
      const text = (e.status === "passed" ? "Đạt: " : e.status === "failed" ? "HỎNG: " : "Bỏ qua: ") + e.name +
        (e.message ? " — " + e.message : "");
      if (e.status === "failed") { mark(e.element_id, "lt-scenario-failed"); }
      // Failures first: they are what the analyst has to act on.
      item("kich-ban", text, e.status === "failed" ? e.element_id : null, "scenario-" + e.status, e.status === "failed");
    },
    scenarios: function (e) { document.getElementById("kich-ban-tong").textContent = "Không chạy kịch bản: " + e.reason; },
    coverage: function (e) {
      document.getElementById("kich-ban-tong").textContent = e.passed + " đạt, " + e.failed + " hỏng, " + e.skipped + " bỏ qua · " + e.seconds.toFixed(1) + " s";
      e.covered.forEach(function (id) { mark(id, "lt-covered"); });
      e.missing.forEach(function (id) { mark(id, "lt-gap"); });
      if (e.node_percent !== null) {
        document.getElementById("do-phu").textContent = "Độ phủ: " + e.node_percent + "% nút, " + e.flow_percent + "% luồng (tô xanh: có kịch bản đi qua; viền đỏ đứt: chưa).";
      }
    },
    simulation: function (e) {
      simulated = e.cases;
      if (!e.ran) { document.getElementById("do-phu").textContent += " Không mô phỏng được: " + e.reason; }
    },
    comparison: function (e) {
      const table = document.getElementById("so-sanh");
      const head = table.createTHead().insertRow();
      ["Chỉ số (" + simulated + " hồ sơ mô phỏng mỗi bên)", e.baseline, "bản nháp"].forEach(function (t) {
        const th = document.createElement("th"); th.scope = "col"; th.textContent = t; head.append(th);
      });
      const body = table.createTBody();
      e.rows.forEach(function (r) {
        const row = body.insertRow();
        row.className = "change-" + r.change;
        [r.label, number(r.figure, r.as_is), number(r.figure, r.draft)].forEach(function (t) { row.insertCell().textContent = t; });
      });
    },
    done: function (e) {
      const verdict = document.getElementById("ket-luan");
      verdict.className = "verdict verdict-" + e.verdict;
      verdict.textContent = (e.verdict === "pass" ? "Đạt: bản nháp giữ đúng quy định, mọi kịch bản đạt." : "Không đạt: " +
        (e.reason || (e.lint_errors + " lỗi mô hình, " + e.failed_scenarios + " kịch bản hỏng."))) +
        " (" + Object.keys(e.seconds).map(function (k) { return k + " " + e.seconds[k].toFixed(1) + " s"; }).join(", ") + ")";
      submitButton.disabled = e.verdict !== "pass";
      say(e.verdict === "pass" ? "Kiểm tra xong: đạt." : "Kiểm tra xong: không đạt.");
    },
    error: function (e) { say("Lỗi: " + e.message); },
  };

  function number(figure, value) {
    if (value === null || value === undefined) { return "—"; }
    return figure === "on_time_share" ? (100 * value).toFixed(0) + "%" : value.toFixed(2);
  }

  async function check() {
    checkButton.disabled = true;
    submitButton.disabled = true;
    clearMarks();
    document.getElementById("ket-qua").hidden = false;
    try {
      const saved = await modeler.saveXML({ format: true });
      const answer = await fetch(setup.check, {
        method: "POST", credentials: "same-origin", body: saved.xml,
        headers: { "Content-Type": "application/xml", "X-CSRF-Token": csrf },
      });
      if (!(answer.headers.get("content-type") || "").startsWith("application/x-ndjson")) {
        const refused = await answer.json().catch(function () { return { message: "HTTP " + answer.status }; });
        handlers.error(refused);
        return;
      }
      const reader = answer.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) { break; }
        buffer += decoder.decode(chunk.value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 1);
          if (line.trim()) {
            const event = JSON.parse(line);
            (handlers[event.event] || function () {})(event);
          }
        }
      }
    } catch (error) {
      say("Lỗi: " + error.message);
    } finally {
      checkButton.disabled = false;
      window.studio.checks += 1;
      document.body.dataset.checks = String(window.studio.checks);
    }
  }

  checkButton.addEventListener("click", check);
})();
