// The page: reads the user's files in the browser (.xlsx through exceljs; CSV and tab-separated
// text in UTF-8 or Shift_JIS, which the module decodes with the browser's TextDecoder), runs the
// module, and shows and offers the results. Nothing is sent anywhere: the page has no address to
// send to (its Content-Security-Policy allows no connection).
import * as c3p from "c3p";
import ExcelJS from "exceljs";

const texts = {
    ja: {
        title: "C3P 予算チェック", language: "言語",
        privacy: "このページはパソコンの中だけで動きます。ファイルはどこにも送信されません（インターネット接続も不要です）。",
        what: "何をしますか", "cmd-check": "予算の確認", "cmd-settle": "精算", "cmd-plan": "複数年度の計画", "cmd-score": "評価点（表6）",
        files: "ファイル", drop: "ここにファイル（.xlsx、CSV、タブ区切り）をドロップするか、下で選んでください",
        "file-budget": "予算（経費内訳）", "file-records": "支出記録（日付つき）", "file-plan": "計画（年度の列つき）",
        "file-contract": "契約時の予算", "file-score-budget": "費用を取る予算または計画（任意）", "file-sheet": "審査項目の点数（任意、CSV）",
        terms: "条件", "ga-rate": "一般管理費率（例 10%）", uplift: "現地調査の増額（円）", "outsourcing-justified": "外注費が半分を超える理由がある",
        policy: "規則", "policy-file": "規則ファイル（JSON）", "policy-from-file": "ファイルから…", "contract-amount": "減額後の契約額（円、税込）",
        "settlement-basis": "精算の単位", "policy-default": "規則のとおり", "whole-contract": "契約全体", "per-category": "費目区分ごと",
        reduction: "GHG 削減量（t-CO2/年）", cost: "事業費（円）", "cost-basis": "予算から取る費用", "basis-total": "税込合計",
        "basis-pre-tax": "税抜合計", "basis-phase": "計画のフェーズ合計", "engineer-projects": "管理技術者の他の事業数",
        "past-projects": "過去3年の都市間連携事業数", ongoing: "継続案件", run: "確認する", results: "結果",
        "download-checked": "確認結果つきのブック（.xlsx）", "download-breakdown": "経費内訳（.xlsx）", "download-json": "JSON",
        print: "印刷", explanation: "計算根拠（すべての数字の出し方）", "explain-loading": "計算根拠を作成しています…",
        working: "確認しています…", "need-file": "ファイルを選んでください。", "need-contract": "契約時の予算のファイルを選んでください。",
        "need-reduction": "GHG 削減量を入力してください。", "need-policy-file": "規則ファイルを選んでください。",
        done: (ms, errors, warnings) => `${ms} ミリ秒で確認しました：エラー ${errors} 件、警告 ${warnings} 件`,
        "input-errors": (n, name) => `${name ? `${name} を` : "ファイルを"}読めませんでした（${n} 件）。何も確認していません。`,
        summary: "経費の内訳（表5）", violations: "指摘", severity: "重さ", error: "エラー", warning: "警告",
        where: "場所", message: "内容", rule: "規則", "source-of-rule": "根拠", show: "行を表示", "row-of": (r) => `${r} 行目`,
        amount: "金額", item: "費目", total: "合計（税込）", "pre-tax": "税抜合計", tax: "消費税及び地方消費税", cap: "上限額",
        headroom: "上限までの残り", "no-violations": "指摘はありません。", "ga-base": "一般管理費の対象額",
        "results-sheet": "検証結果", "budget-sheet": "予算", "breakdown-sheet": "経費内訳", "settlement-sheet": "精算",
        contracted: "契約額", moved: "流用", allowed: "流用後", actual: "実支出額", eligible: "精算額", difference: "差額",
        payable: "支払額", returned: "返還額", "contract-total": "契約額（税込）", year: "年度", phase: "フェーズ",
        points: "点", "score-row": "審査項目", allocation: "配点", "score-total": "合計", "yen-per-tonne": "1トン当たりの費用", subtotal: "小計",
        failed: "確認できませんでした：", "show-all": "すべて表示",
        "old-workbook": (name) => `${name} は古い形式の Excel ブック（.xls）で、読めません。Excel で「名前を付けて保存」から .xlsx か CSV で保存してください。`,
        "more-findings": (n) => `ほかに ${n.toLocaleString("ja-JP")} 件あります（ダウンロードするファイルにはすべて含まれます）。`,
    },
    en: {
        title: "C3P budget check", language: "Language",
        privacy: "This page runs on your computer only. Your files are not sent anywhere (no internet connection is needed).",
        what: "What to do", "cmd-check": "Check a budget", "cmd-settle": "Settle", "cmd-plan": "A plan of several years", "cmd-score": "Score (Table 6)",
        files: "Files", drop: "Drop a file here (.xlsx, CSV, tab-separated), or choose one below",
        "file-budget": "Budget (cost breakdown)", "file-records": "Spending records (with dates)", "file-plan": "Plan (with a fiscal-year column)",
        "file-contract": "Budget as contracted", "file-score-budget": "Budget or plan giving the cost (optional)", "file-sheet": "Judged rows' points (optional, CSV)",
        terms: "Terms", "ga-rate": "G&A rate (e.g. 10%)", uplift: "Field-survey uplift (yen)", "outsourcing-justified": "Outsourcing over half is justified",
        policy: "Rules", "policy-file": "Policy file (JSON)", "policy-from-file": "From a file…", "contract-amount": "Reduced contract amount (yen, tax included)",
        "settlement-basis": "Settled by", "policy-default": "as the rules say", "whole-contract": "whole contract", "per-category": "each category",
        reduction: "GHG reduction (t-CO2 a year)", cost: "Project cost (yen)", "cost-basis": "Cost from the budget", "basis-total": "total, tax included",
        "basis-pre-tax": "pre-tax total", "basis-phase": "the plan's phase total", "engineer-projects": "Supervising engineer's other projects",
        "past-projects": "City-to-city projects in the past three years", ongoing: "Ongoing project", run: "Check", results: "Results",
        "download-checked": "Workbook with the findings (.xlsx)", "download-breakdown": "Cost breakdown (.xlsx)", "download-json": "JSON",
        print: "Print", explanation: "How every figure was reached (計算根拠)", "explain-loading": "Writing the derivation…",
        working: "Checking…", "need-file": "Choose a file.", "need-contract": "Choose the contracted budget's file.",
        "need-reduction": "Enter the GHG reduction.", "need-policy-file": "Choose a policy file.",
        done: (ms, errors, warnings) => `Checked in ${ms} ms: ${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`,
        "input-errors": (n, name) => `${name ?? "The file"} could not be read (${n} ${n === 1 ? "problem" : "problems"}); nothing was checked.`,
        summary: "Cost breakdown (Table 5)", violations: "Findings", severity: "Severity", error: "error", warning: "warning",
        where: "Where", message: "Finding", rule: "Rule", "source-of-rule": "Source", show: "Show row", "row-of": (r) => `row ${r}`,
        amount: "Amount", item: "Item", total: "Total (tax included)", "pre-tax": "Pre-tax total", tax: "Consumption tax", cap: "Cap",
        headroom: "Headroom", "no-violations": "No findings.", "ga-base": "G&A base",
        "results-sheet": "Check results", "budget-sheet": "Budget", "breakdown-sheet": "Cost breakdown", "settlement-sheet": "Settlement",
        contracted: "Contracted", moved: "Moved", allowed: "After transfers", actual: "Spent", eligible: "Settled", difference: "Difference",
        payable: "Payable", returned: "Returned", "contract-total": "Contract amount (tax included)", year: "Fiscal year", phase: "Phase",
        points: "Points", "score-row": "Row", allocation: "Allocation", "score-total": "Total", "yen-per-tonne": "Cost per tonne", subtotal: "Subtotal",
        failed: "Could not check: ", "show-all": "Show all",
        "old-workbook": (name) => `${name} is an Excel 97-2003 workbook (.xls), which is not read: save it as .xlsx or CSV in Excel.`,
        "more-findings": (n) => `${n.toLocaleString("en-US")} more (every finding is in the downloads).`,
    },
};

const $ = (id) => document.getElementById(id);
let lang = (navigator.language || "").toLowerCase().startsWith("ja") ? "ja" : "en";
const t = (key, ...args) => {
    const value = texts[lang][key];
    return typeof value === "function" ? value(...args) : value ?? key;
};
let names = null;  // the library's Table 5 names
let ruleSources = new Map();  // rule code -> its source, from the library's catalogue
let last = null;  // { command, document, inputs, options, main } of the last result

// ---- reading the user's files ---------------------------------------------------------------

/** A workbook cell as the text the checker reads: a formula's computed value, a date as
 * YYYY-MM-DD, rich text joined; numbers as JavaScript writes them (the checker refuses a binary
 * fraction's long tail rather than guess). */
function cellText(value) {
    if (value === null || value === undefined) return "";
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === "object") {
        if ("result" in value || "formula" in value || "sharedFormula" in value)
            return value.result === undefined ? `=${value.formula ?? value.sharedFormula}` : cellText(value.result);
        if (Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
        if ("text" in value) return String(value.text);
        if ("error" in value) return String(value.error);
    }
    return value;
}

/** The first worksheet's rows of cells, every row as wide as the sheet (as Excel saves a CSV):
 * a row whose last cells are empty still has the header's fields. */
function sheetRows(sheet) {
    const rows = [];
    for (let r = 1; r <= sheet.rowCount; ++r) {
        const row = sheet.getRow(r), cells = [];
        for (let c = 1; c <= sheet.columnCount; ++c) cells.push(cellText(row.getCell(c).value));
        rows.push(cells);
    }
    return rows;
}

/** An Excel 97-2003 workbook (.xls): an OLE2 compound file. */
const isOldWorkbook = (bytes) => bytes.length >= 8 && [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
const isZip = (bytes) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

/** Text bytes as text: UTF-8 when they are, else Shift_JIS (as the checker decides). */
function decodeText(bytes) {
    try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        return new TextDecoder("shift_jis").decode(bytes);
    }
}

/** RFC 4180 rows of a CSV or tab-separated text, for showing a row and writing it to a workbook
 * (the checker reads the bytes themselves). */
function splitRows(text) {
    const header = text.split("\n").find((l) => l.trim() && !l.startsWith("#")) ?? "";
    const separator = header.includes("\t") && !header.includes(",") ? "\t" : ",";
    const rows = [];
    let row = [], cell = "", quoted = false;
    for (let i = 0; i < text.length; ++i) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') { cell += '"'; ++i; }
            else if (ch === '"') quoted = false;
            else cell += ch;
        } else if (ch === '"' && cell === "") quoted = true;
        else if (ch === separator) { row.push(cell); cell = ""; }
        else if (ch === "\n") { row.push(cell.replace(/\r$/, "")); rows.push(row); row = []; cell = ""; }
        else cell += ch;
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return rows;
}

/** A chosen file: what the checker gets (the file itself, or a workbook's rows) and, when
 * asked for, its rows for people. */
async function readFile(file) {
    // A file named as text is read as text; any other's first bytes say whether it is a workbook.
    const start = /\.(csv|tsv|txt)$/i.test(file.name) ? null : new Uint8Array(await file.slice(0, 8).arrayBuffer());
    if (start && isOldWorkbook(start)) throw new Error(t("old-workbook", file.name));
    if (/\.xlsx$/i.test(file.name) || (start && isZip(start))) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(new Uint8Array(await file.arrayBuffer()));
        const sheet = workbook.worksheets[0];
        const rows = sheetRows(sheet);
        return { name: file.name, input: rows, rows: async () => rows, workbook, sheet: sheet.name };
    }
    // Text: the checker reads the file (a long one in pieces, on the helpers); its rows are cut
    // only when asked for (a row shown, a workbook written): a long file's are many.
    let rows = null;
    return { name: file.name, input: file, rows: async () => (rows ??= splitRows(decodeText(new Uint8Array(await file.arrayBuffer())))), workbook: null };
}

// ---- the request ------------------------------------------------------------------------------

const command = () => document.querySelector("input[name=command]:checked").value;
const value = (id) => $(id).value.trim();

async function options() {
    const o = { lang };
    const set = (key, id) => { if (value(id)) o[key] = value(id); };
    set("gaRate", "ga-rate");
    set("uplift", "uplift");
    if ($("outsourcing-justified").checked) o.outsourcingJustified = true;
    if ($("policy").value === "file") {
        const file = $("policy-file").files[0];
        if (!file) throw new Error(t("need-policy-file"));
        o.policy = decodeText(new Uint8Array(await file.arrayBuffer()));
    } else if ($("policy").value) o.policy = $("policy").value;
    const cmd = command();
    if (cmd === "settle") {
        set("contractAmount", "contract-amount");
        set("settlementBasis", "settlement-basis");
    }
    if (cmd === "score") {
        set("reduction", "reduction");
        set("cost", "cost");
        o.costBasis = $("cost-basis").value;
        set("engineerProjects", "engineer-projects");
        set("pastProjects", "past-projects");
        if ($("ongoing").checked) o.ongoing = true;
        if (!o.reduction) throw new Error(t("need-reduction"));
        delete o.gaRate;
        delete o.uplift;
        delete o.outsourcingJustified;
    }
    if (cmd === "settle") {
        delete o.uplift;
        delete o.outsourcingJustified;
    }
    return o;
}

async function run() {
    const cmd = command();
    const started = performance.now();
    status(t("working"));
    try {
        const o = await options();
        let document, inputs, main = null;
        if (cmd === "score") {
            const budgetFile = $("score-budget-file").files[0], sheetFile = $("sheet-file").files[0];
            const budget = budgetFile ? await readFile(budgetFile) : null;
            const sheet = sheetFile ? new Uint8Array(await sheetFile.arrayBuffer()) : undefined;
            inputs = { budget: budget && { name: budget.name, data: budget.input }, sheet: sheetFile && { name: sheetFile.name, data: sheet } };
            main = budget;
            document = await c3p.score(o, inputs);
        } else {
            const file = $("main-file").files[0];
            if (!file) throw new Error(t("need-file"));
            main = await readFile(file);
            if (cmd === "settle") {
                const contractFile = $("contract-file").files[0];
                if (!contractFile) throw new Error(t("need-contract"));
                const contract = await readFile(contractFile);
                inputs = { contract: { name: contract.name, data: contract.input }, records: { name: main.name, data: main.input } };
                document = await c3p.settle(inputs.contract, inputs.records, o);
            } else if (cmd === "plan") {
                inputs = { plan: { name: main.name, data: main.input } };
                document = await c3p.plan(inputs.plan, o);
            } else {
                inputs = { budget: { name: main.name, data: main.input } };
                // A long text file in pieces on the helpers, as c3p-check on its threads.
                document = main.workbook ? await c3p.check(inputs.budget, { ...o, lines: false })
                                         : await c3p.checkInPieces(file, { ...o, lines: false }, helpers);
            }
        }
        last = { command: cmd, document, inputs, options: o, main };
        show(started);
    } catch (e) {
        last = null;
        clearResults();
        if (e instanceof c3p.C3pInputError) {
            status(t("input-errors", e.errors.length, await unreadFile(cmd)), "error");
            showInputErrors(e.errors);
        } else {
            status(t("failed") + e.message, "error");
        }
    }
}

/** Which file the errors are of, when a command reads two: c3p-check reads a settlement's
 * contract first and stops at its errors, so they are the contract's when it cannot be read
 * alone. Undefined for one file. */
async function unreadFile(cmd) {
    if (cmd !== "settle") return undefined;
    const contract = $("contract-file").files[0], records = $("main-file").files[0];
    try {
        await c3p.check((await readFile(contract)).input, { lang });
        return records?.name;
    } catch (e) {
        return e instanceof c3p.C3pInputError ? contract.name : records?.name;
    }
}

// ---- showing the result -----------------------------------------------------------------------

function status(text, kind = "") {
    $("status").textContent = text;
    $("status").className = `status ${kind}`;
}

function clearResults() {
    for (const id of ["summary", "problems", "row-view"]) $(id).replaceChildren();
    $("row-view").hidden = true;
    $("downloads").hidden = true;
    $("explanation").hidden = true;
    $("explanation").open = false;
    $("explanation-text").textContent = "";
}

function element(tag, attributes = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) {
        if (k === "class") e.className = v;
        else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
}

/** An amount as people read it: 1,234,567 (exact: the string's digits, grouped). */
function yen(amount) {
    if (amount === null || amount === undefined) return "";
    const [whole, fraction] = String(amount).split(".");
    const sign = whole.startsWith("-") ? "-" : "";
    const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return sign + digits + (fraction ? `.${fraction}` : "");
}

const nameOf = (list, code) => {
    const found = names[list].find((n) => n.code === code);
    return found ? (lang === "ja" ? found.japanese : found.english) : code;
};

/** A table; `amounts`: whether the columns after the first hold amounts (right-aligned). */
function table(caption, header, rows, attributes = {}, amounts = true) {
    return element("table", attributes, element("caption", {}, caption),
                   element("thead", {}, element("tr", {}, ...header.map((h, i) => element("th", { scope: "col", class: i && amounts ? "amount" : "" }, h)))),
                   element("tbody", {}, ...rows));
}

function amountRow(label, amount, { level = 0, total = false, id = "", over = false } = {}) {
    return element("tr", { class: `level-${level}${total ? " total" : ""}${over ? " over" : ""}`, ...(id ? { "data-figure": id } : {}) },
                   element("th", { scope: "row" }, label), element("td", { class: "amount" }, yen(amount)));
}

/** The direct costs' rows of Table 5 in a check's (or a plan year's) document: the personnel and
 * operating categories (level 1), each with its items under it (level 2). */
function directCostLines(d) {
    const lines = [];
    for (const category of ["personnel", "operating"]) {
        lines.push({ id: `category.${category}`, label: nameOf("categories", category), amount: d.categories?.[category], level: 1 });
        for (const item of names.items.filter((i) => i.category === category && !i.computed))
            lines.push({ id: `item.${item.code}`, label: nameOf("items", item.code), amount: d.items?.[item.code], level: 2 });
    }
    return lines;
}

/** Table 5's rows of a check's (or a plan year's) document. */
function budgetRows(d) {
    const rows = [amountRow(nameOf("groups", "direct"), d.totals.direct, { id: "direct" })];
    for (const l of directCostLines(d)) rows.push(amountRow(l.label, l.amount, { level: l.level, id: l.id }));
    rows.push(amountRow(nameOf("groups", "joint_implementation"), d.totals.joint_implementation, { id: "joint_implementation" }));
    rows.push(amountRow(nameOf("categories", "general_admin"), d.totals.general_admin, { id: "general_admin" }));
    rows.push(amountRow(t("pre-tax"), d.totals.pre_tax, { total: true, id: "pre_tax" }));
    rows.push(amountRow(t("tax"), d.totals.consumption_tax, { id: "consumption_tax" }));
    rows.push(amountRow(t("total"), d.totals.total, { total: true, id: "total", over: BigInt(d.totals.headroom) < 0n }));
    rows.push(amountRow(t("cap"), d.totals.cap, { id: "cap" }));
    rows.push(amountRow(t("headroom"), d.totals.headroom, { id: "headroom", over: BigInt(d.totals.headroom) < 0n }));
    return rows;
}

function settlementRows(d) {
    const header = [t("item"), t("contracted"), t("moved"), t("allowed"), t("actual"), t("eligible"), t("difference")];
    const rows = settlementTable(d).map((r) =>
        element("tr", { "data-figure": `settled.${r.code}` }, element("th", { scope: "row" }, r.label),
                ...r.values.map((v) => element("td", { class: "amount" }, yen(v)))));
    return { header, rows };
}

/** The settlement's rows, 費目 | 契約額 | 流用 | 流用後 | 実支出額 | 精算額 | 差額: the figures are the
 * checker's; 流用後 (contracted + moved) and 差額 (settled - contracted) are added here, in BigInt. */
function settlementTable(d) {
    const rows = [];
    for (const [code, c] of Object.entries(d.categories)) {
        const after = BigInt(c.contracted) + BigInt(c.moved);
        rows.push({ code, label: nameOf("categories", code),
                    values: [c.contracted, c.moved, after.toString(), c.actual, c.eligible, (BigInt(c.eligible) - BigInt(c.contracted)).toString()] });
    }
    const ga = d.general_admin;
    rows.push({ code: "general_admin", label: nameOf("categories", "general_admin"),
                values: [ga.contracted, "", "", "", ga.settled, (BigInt(ga.settled) - BigInt(ga.contracted)).toString()] });
    rows.push({ code: "pre_tax", label: t("pre-tax"), values: ["", "", "", "", d.pre_tax, ""] });
    rows.push({ code: "consumption_tax", label: t("tax"), values: ["", "", "", "", d.consumption_tax, ""] });
    rows.push({ code: "total", label: t("total"), values: [d.contract_amount, "", "", "", d.payable, (BigInt(d.payable) - BigInt(d.contract_amount)).toString()] });
    return rows;
}

function show(started) {
    clearResults();
    const { command: cmd, document: d } = last;
    const summary = $("summary");
    summary.append(element("h2", {}, t({ check: "summary", settle: "settlement-sheet", plan: "summary", score: "cmd-score" }[cmd])));
    if (cmd === "check") {
        summary.append(table(t("summary"), [t("item"), t("amount")], budgetRows(d), { id: "summary-table" }));
    } else if (cmd === "settle") {
        const { header, rows } = settlementRows(d);
        summary.append(table(t("settlement-sheet"), header, rows, { id: "summary-table" }));
        summary.append(table(t("total"), [t("item"), t("amount")],
                             [amountRow(t("payable"), d.payable, { total: true, id: "payable" }), amountRow(t("returned"), d.returned, { id: "returned" })]));
    } else if (cmd === "plan") {
        for (const year of d.years) {
            summary.append(element("h3", {}, `${year.era ?? year.fiscal_year}（${t("phase")} ${year.phase}）`));
            summary.append(table(String(year.fiscal_year), [t("item"), t("amount")], budgetRows(year), { "data-year": String(year.fiscal_year) }));
        }
    } else {
        const rows = d.rows.map((r) => element("tr", { "data-figure": `row.${r.id}` }, element("th", { scope: "row" }, nameOf("score_rows", r.id)),
                                               element("td", { class: "amount" }, r.allocation ?? ""), element("td", { class: "amount" }, r.points ?? "")));
        rows.push(element("tr", { class: "total", "data-figure": "score.total" }, element("th", { scope: "row" }, t("score-total")),
                          element("td", { class: "amount" }, d.maximum), element("td", { class: "amount" }, d.total)));
        summary.append(table(t("score-row"), [t("score-row"), t("allocation"), t("points")], rows, { id: "summary-table" }));
        if (d.cost_effectiveness)
            summary.append(element("p", {}, `${t("yen-per-tonne")}: ${yen(d.cost_effectiveness.yen_per_tonne)}`));
    }
    const violations = allViolations(d);
    const errors = violations.filter((v) => v.severity === "error").length;
    showViolations(violations);
    status(t("done", Math.max(1, Math.round(performance.now() - started)), errors, violations.length - errors), errors ? "error" : "");
    $("downloads").hidden = false;
    $("download-checked").hidden = !last.main;
    $("download-breakdown").hidden = cmd === "score";
    $("explanation").hidden = false;
}

/** Every violation of a result: a plan's are in its years and in the plan itself. */
function allViolations(d) {
    const out = [...(d.violations ?? [])];
    for (const year of d.years ?? []) out.push(...(year.violations ?? []).map((v) => ({ ...v, year: year.fiscal_year })));
    return out;
}

/** Where a rule comes from: its document and place, marked when provisional. */
function sourceOf(code) {
    const s = ruleSources.get(code);
    if (!s) return "";
    return `${s.document}${s.place ? `, ${s.place}` : ""}${s.provisional ? (lang === "ja" ? "（暫定）" : " (provisional)") : ""}`;
}

function rowNumberOf(v) {
    const match = /^[A-Z]+(\d+)$/.exec(v.cell ?? "");
    return match ? Number(match[1]) : v.source_line ?? null;
}

/** The findings listed at first: a long file's thousands of warnings would take seconds to lay
 * out; the rest come with a button, and all are in the downloads. */
const findingsShown = 100;

function showViolations(violations, limit = findingsShown) {
    const box = $("problems");
    box.replaceChildren(element("h2", {}, t("violations")));
    if (!violations.length) {
        box.append(element("p", {}, t("no-violations")));
        return;
    }
    const rows = violations.slice(0, limit).map((v) => {
        const row = rowNumberOf(v);
        const where = [v.year, v.cell ?? (v.source_line ? t("row-of", v.source_line) : "")].filter(Boolean).join(" ");
        return element("tr", { "data-code": v.code },
                       element("td", { class: v.severity }, t(v.severity)),
                       element("td", {}, where, " ",
                               row && last.main ? element("button", { type: "button", class: "secondary", onclick: () => showRow(row, v), "aria-label": `${t("show")} ${where}` }, t("show")) : null),
                       element("td", {}, v.message, element("div", { class: "source" }, `${v.code} — ${sourceOf(v.code)}`)));
    });
    box.append(table(t("violations"), [t("severity"), t("where"), t("message")], rows, { id: "violations-table" }, false));
    if (violations.length > limit)
        box.append(element("p", {}, t("more-findings", violations.length - limit), " ",
                           element("button", { type: "button", class: "secondary", onclick: () => showViolations(violations, Infinity) }, t("show-all"))));
}

function showInputErrors(errors) {
    const box = $("problems");
    box.append(element("h2", {}, t("violations")));
    const rows = errors.map((e) => element("tr", { "data-code": e.code }, element("td", { class: "error" }, t("error")),
                                           element("td", {}, e.cell ?? (e.source_line ? t("row-of", e.source_line) : "")),
                                           element("td", {}, e.message, element("div", { class: "source" }, e.code))));
    box.append(table(t("violations"), [t("severity"), t("where"), t("message")], rows, { id: "violations-table" }, false));
}

async function showRow(row, v) {
    const cells = (await last.main.rows())[row - 1] ?? [];
    const view = $("row-view");
    const column = /^([A-Z]+)/.exec(v.cell ?? "")?.[1];
    const letters = (n) => (n >= 26 ? letters(Math.floor(n / 26) - 1) : "") + String.fromCharCode(65 + (n % 26));
    view.replaceChildren(element("p", {}, `${last.main.name} — ${t("row-of", row)}: ${v.message}`),
                         element("table", {}, element("tbody", {},
                             element("tr", {}, ...cells.map((_, i) => element("th", { scope: "col" }, letters(i)))),
                             element("tr", {}, ...cells.map((c, i) => element("td", letters(i) === column ? { class: v.severity } : {}, c))))));
    view.hidden = false;
    view.focus();
}

async function showExplanation() {
    if (!last || $("explanation-text").textContent) return;
    $("explanation-text").textContent = t("explain-loading");
    try {
        $("explanation-text").textContent = await c3p.explain(last.command, last.inputs, last.options);
    } catch (e) {
        $("explanation-text").textContent = t("failed") + e.message;
    }
}

// ---- downloads --------------------------------------------------------------------------------

function save(name, bytes, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = element("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const stem = (name) => name.replace(/\.[^.]+$/, "");
/** An amount for a workbook cell: a number when Excel holds it exactly (whole yen below 2^53). */
const excelAmount = (a) => (a !== "" && a !== null && a !== undefined && /^-?\d+$/.test(a) && Number.isSafeInteger(Number(a)) ? Number(a) : a ?? "");

/** The user's workbook (or the CSV as one) with the findings: offending cells filled and noted,
 * and a 検証結果 sheet listing every finding. */
async function downloadChecked() {
    const main = last.main;
    let workbook = main.workbook, sheet;
    if (workbook) {
        workbook = new ExcelJS.Workbook();  // the original again, untouched by earlier downloads
        await workbook.xlsx.load(await main.workbook.xlsx.writeBuffer());
        sheet = workbook.worksheets[0];
    } else {
        workbook = new ExcelJS.Workbook();
        sheet = workbook.addWorksheet(t("budget-sheet"));
        for (const row of await main.rows()) sheet.addRow(row);
    }
    const fills = { error: "FFFFC7CE", warning: "FFFFEB9C" };
    const violations = allViolations(last.document);
    for (const v of violations) {
        const row = rowNumberOf(v);
        if (!row || !v.cell) continue;
        const cell = sheet.getCell(v.cell);
        if (!(cell.fill?.fgColor?.argb === fills.error)) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fills[v.severity] } };
        cell.note = [cell.note?.texts ? cell.note.texts.map((x) => x.text).join("") : cell.note, `${t(v.severity)}: ${v.message}`].filter(Boolean).join("\n");
    }
    const results = workbook.addWorksheet(t("results-sheet"));
    results.columns = [{ header: t("severity"), width: 10 }, { header: t("where"), width: 10 }, { header: t("rule"), width: 32 },
                       { header: t("message"), width: 80 }, { header: t("source-of-rule"), width: 50 }];
    results.getRow(1).font = { bold: true };
    for (const v of violations)
        results.addRow([t(v.severity), [v.year, v.cell].filter(Boolean).join(" "), v.code, v.message,
                        sourceOf(v.code)]);
    save(`${stem(main.name)}_${t("results-sheet")}.xlsx`, await workbook.xlsx.writeBuffer(), xlsxType);
}

/** The cost breakdown in the proposal's layout (経費内訳: Table 5 rows, 小計, 一般管理費, 消費税,
 * 合計), or the settlement's table, or a plan's years side by side. */
async function downloadBreakdown() {
    const workbook = new ExcelJS.Workbook();
    const d = last.document;
    const sheet = workbook.addWorksheet(last.command === "settle" ? t("settlement-sheet") : t("breakdown-sheet"));
    const budgetLines = (doc) => {
        const lines = [[nameOf("groups", "direct"), doc.totals.direct, 0],
                       ...directCostLines(doc).map((l) => [l.label, l.amount ?? "", l.level])];
        lines.push([nameOf("groups", "joint_implementation"), doc.totals.joint_implementation, 0],
                   [t("subtotal"), (BigInt(doc.totals.direct) + BigInt(doc.totals.joint_implementation)).toString(), 0],
                   [nameOf("categories", "general_admin"), doc.totals.general_admin, 0], [t("pre-tax"), doc.totals.pre_tax, 0],
                   [nameOf("groups", "consumption_tax"), doc.totals.consumption_tax, 0], [t("total"), doc.totals.total, 0]);
        return lines;
    };
    if (last.command === "check") {
        sheet.columns = [{ header: t("item"), width: 36 }, { header: t("amount"), width: 18 }];
        for (const [label, amount, level] of budgetLines(d)) sheet.addRow(["　".repeat(level) + label, excelAmount(amount)]);
    } else if (last.command === "settle") {
        sheet.columns = [t("item"), t("contracted"), t("moved"), t("allowed"), t("actual"), t("eligible"), t("difference")]
            .map((header, i) => ({ header, width: i ? 16 : 28 }));
        for (const r of settlementTable(d)) sheet.addRow([r.label, ...r.values.map(excelAmount)]);
        sheet.addRow([]);
        sheet.addRow([t("payable"), excelAmount(d.payable)]);
        sheet.addRow([t("returned"), excelAmount(d.returned)]);
    } else {
        sheet.columns = [{ header: t("item"), width: 36 }, ...d.years.map((y) => ({ header: y.era ?? String(y.fiscal_year), width: 16 }))];
        const perYear = d.years.map(budgetLines);
        perYear[0].forEach(([label, , level], k) => sheet.addRow(["　".repeat(level) + label, ...perYear.map((lines) => excelAmount(lines[k][1]))]));
    }
    sheet.getRow(1).font = { bold: true };
    for (let c = 2; c <= sheet.columnCount; ++c) sheet.getColumn(c).numFmt = "#,##0";
    save(`${last.main ? stem(last.main.name) : "c3p"}_${sheet.name}.xlsx`, await workbook.xlsx.writeBuffer(), xlsxType);
}

function downloadJson() {
    save(`${last.main ? stem(last.main.name) : "c3p"}_${last.command}.json`, JSON.stringify(last.document, null, 1), "application/json");
}

// ---- the controls -----------------------------------------------------------------------------

function applyLanguage() {
    document.documentElement.lang = lang;
    $("lang").value = lang;
    for (const e of document.querySelectorAll("[data-text]")) e.textContent = t(e.dataset.text);
    const cmd = command();
    $("main-file-label").textContent = t(cmd === "settle" ? "file-records" : cmd === "plan" ? "file-plan" : "file-budget");
    $("run").textContent = t("run");
    const policyChoice = $("policy").value;
    $("policy").replaceChildren(element("option", { value: "" }, t("policy-default")));
    for (const p of policyNames) $("policy").append(element("option", { value: p }, p));
    $("policy").append(element("option", { value: "file" }, t("policy-from-file")));
    $("policy").value = policyChoice;
    document.title = t("title");
}

function applyCommand() {
    const cmd = command();
    for (const e of document.querySelectorAll("[data-for]")) e.hidden = !e.dataset.for.split(" ").includes(cmd);
    applyLanguage();
}

let policyNames = [];

async function start() {
    applyLanguage();
    let catalogue;
    [names, policyNames, catalogue] = await Promise.all([c3p.names(), c3p.policies().then((p) => p.policies.map((x) => x.name)), c3p.rules()]);
    ruleSources = new Map(catalogue.map((r) => [r.code, r.source]));
    applyCommand();
    $("lang").addEventListener("change", () => {
        lang = $("lang").value;
        applyLanguage();
        if (last) {
            last.options.lang = lang;
            run();
        }
    });
    for (const radio of document.querySelectorAll("input[name=command]")) radio.addEventListener("change", applyCommand);
    $("policy").addEventListener("change", () => { $("policy-file-field").hidden = $("policy").value !== "file"; });
    $("request").addEventListener("submit", (e) => { e.preventDefault(); run(); });
    $("main-file").addEventListener("change", () => { if (command() !== "settle" || $("contract-file").files.length) run(); });
    $("download-checked").addEventListener("click", downloadChecked);
    $("download-breakdown").addEventListener("click", downloadBreakdown);
    $("download-json").addEventListener("click", downloadJson);
    $("print").addEventListener("click", () => window.print());
    $("explanation").addEventListener("toggle", () => { if ($("explanation").open) showExplanation(); });
    const drop = $("drop");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
        e.preventDefault();
        drop.classList.remove("over");
        if (!e.dataTransfer.files.length) return;
        const target = command() === "score" ? $("score-budget-file") : $("main-file");
        target.files = e.dataTransfer.files;
        target.dispatchEvent(new Event("change"));
        if (command() === "score") run();
    });
    document.body.dataset.ready = "true";
    setTimeout(() => {
        warmUp();
        startHelpers();
    }, 0);
}

/** The browser compiles WebAssembly quickly first and well later, for the code that runs often:
 * a check of made-up lines (over the 1 MiB from which the row cutter reads a file) while the
 * user picks a file brings that code to its fast form before the first real file. */
async function warmUp() {
    const items = (await c3p.names()).items, bases = ["exclusive", "inclusive", "untaxed"];
    const lines = Array.from({ length: 30000 }, (_, k) => `${items[k % 16].code},line ${k},${1000 + k * 37},${1 + (k % 9)},${bases[k % 3]}`);
    await c3p.check(`item,description,unit_price,quantity,price_basis\n${lines.join("\n")}\n`, { lines: false }).catch(() => {});
}

/** Web Workers running this same script, that check a long file's pieces at once: one for each
 * of the browser's cores (at most four). None where the browser makes none: the page then
 * checks on its own thread. */
let helpers = [];

function startHelpers() {
    const cores = Math.min(4, navigator.hardwareConcurrency || 1);
    const script = $("c3p-script")?.textContent;
    if (cores < 2 || !script || typeof Worker === "undefined") return;
    try {
        const url = URL.createObjectURL(new Blob([script], { type: "text/javascript" }));
        helpers = Array.from({ length: cores }, () => c3p.pieceHelper(new Worker(url)));
    } catch {
        helpers = [];
    }
}

// One script for the page and its helpers: in a Web Worker it checks a long file's pieces.
if (typeof document === "undefined") {
    c3p.servePieces();
    warmUp();
} else {
    start();
}
