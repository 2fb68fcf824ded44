// The page (build-web/c3p-budget.html) in headless Chromium, opened from disk as a user opens it:
// each sample through it (a CP932 CSV, an .xlsx with Japanese headers, a settlement, a plan), the
// figures shown against c3p-check's, the downloaded workbooks read back, no network request,
// both languages, an accessibility scan, and a screenshot of each result under build-web/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import ExcelJS from "exceljs";
import puppeteer from "puppeteer-core";

import { examples, native, root, sample, webBuild } from "./support.mjs";

const pagePath = path.join(webBuild, "c3p-budget.html");
const shots = path.join(webBuild, "screenshots");
const downloads = mkdtempSync(path.join(tmpdir(), "c3p-page-"));
const scratch = mkdtempSync(path.join(tmpdir(), "c3p-page-input-"));
mkdirSync(shots, { recursive: true });

let browser, page;
const requests = [], pageErrors = [];

before(async () => {
    browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=ja-JP"],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const session = await page.createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads, eventsEnabled: true });
    await page.evaluateOnNewDocument(() => Object.defineProperty(navigator, "language", { get: () => "ja-JP" }));
    await page.goto(pathToFileURL(pagePath).href);
    await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
});

after(async () => {
    await browser?.close();
});

/** Runs the page's command on files, after setting the terms; the status text when done. */
async function runPage(command, files, terms = {}) {
    await page.click(`input[name=command][value=${command}]`);
    for (const [id, value] of Object.entries(terms)) {
        await page.$eval(`#${id}`, (e, v) => { e.value = v; }, value);
    }
    await page.$eval("#status", (e) => { e.textContent = ""; });
    for (const [id, file] of Object.entries(files)) await (await page.$(`#${id}`)).uploadFile(file);
    await page.click("#run");
    await page.waitForFunction(() => /ms|ミリ秒|読めません|could not|できません|Could not/.test(document.querySelector("#status").textContent), { timeout: 20000 });
    return page.$eval("#status", (e) => e.textContent);
}

/** The amounts the page shows, by figure id (data-figure), as the exact digits. */
async function shownFigures(selector = "#summary-table") {
    return page.$$eval(`${selector} tr[data-figure]`, (rows) =>
        Object.fromEntries(rows.map((r) => [r.dataset.figure, [...r.querySelectorAll("td")].map((td) => td.textContent.replaceAll(",", ""))])));
}
const shownCodes = () => page.$$eval("#violations-table tbody tr", (rows) => rows.map((r) => r.dataset.code));

/** Waits for a download whose name ends with `suffix`; its path. */
async function downloaded(suffix) {
    for (let k = 0; k < 100; ++k) {
        const found = readdirSync(downloads).find((f) => f.endsWith(suffix) && !f.endsWith(".crdownload"));
        if (found) return path.join(downloads, found);
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no download ending ${suffix} in ${readdirSync(downloads)}`);
}

test("the page opens from disk, is ready within a few seconds and is at most 3 MB", async () => {
    assert.ok(readFileSync(pagePath).length <= 3 * 1024 * 1024);
    assert.equal(await page.$eval("html", (e) => e.lang), "ja");
    assert.match(await page.$eval("h1", (e) => e.textContent), /予算チェック/);
});

test("a CP932 CSV budget: Table 5 and the findings as c3p-check gives them (ja)", async () => {
    const file = path.join(examples, "budgets/fy2025_excel_cp932.csv");
    const status = await runPage("check", { "main-file": file });
    const expected = JSON.parse(native(["--format", "json", "--lang", "ja", file]).stdout);
    assert.match(status, /ミリ秒で確認しました/);
    const figures = await shownFigures();
    for (const [id, amount] of Object.entries(expected.totals)) assert.deepEqual(figures[id], [amount], id);
    // Every item's row; joint implementation is one row, its group's.
    for (const [code, amount] of Object.entries(expected.items)) assert.deepEqual(figures[`item.${code}`] ?? figures[code], [amount], code);
    assert.deepEqual(await shownCodes(), expected.violations.map((v) => v.code));
    await page.screenshot({ path: path.join(shots, "check-cp932-ja.png"), fullPage: true });
});

test("a broken budget: each finding with its cell; a click shows the row; the checked workbook read back", async () => {
    const file = path.join(examples, "budgets/fy2025_rules_broken.csv");
    await runPage("check", { "main-file": file });
    const expected = JSON.parse(native(["--format", "json", "--lang", "ja", file]).stdout);
    assert.deepEqual(await shownCodes(), expected.violations.map((v) => v.code));
    const messages = await page.$$eval("#violations-table tbody tr td:nth-child(3)", (cells) => cells.map((c) => c.firstChild.textContent));
    assert.deepEqual(messages, expected.violations.map((v) => v.message));
    // The rule's source under each finding, from the library's catalogue.
    assert.match(await page.$eval("#violations-table tbody tr[data-code='cap.exceeded'] .source", (e) => e.textContent), /guidebook/);

    await page.click("#violations-table tbody tr:first-child button");
    await page.waitForSelector("#row-view:not([hidden])");  // the file's rows are cut when first asked for
    const row = await page.$eval("#row-view", (e) => ({ hidden: e.hidden, text: e.textContent, focused: document.activeElement === e }));
    assert.equal(row.hidden, false);
    assert.ok(row.focused);
    const firstCell = expected.violations[0].cell;  // C3: the unit price of file row 3
    const fileRow = readFileSync(file, "utf8").split("\n")[Number(firstCell.slice(1)) - 1];
    for (const cell of fileRow.split(",").filter(Boolean)) assert.ok(row.text.includes(cell.replaceAll('"', "")), cell);

    await page.click("#download-checked");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await downloaded("_検証結果.xlsx"));
    const results = workbook.getWorksheet("検証結果");
    assert.equal(results.rowCount, expected.violations.length + 1);
    assert.equal(results.getRow(2).getCell(3).value, expected.violations[0].code);
    assert.equal(results.getRow(2).getCell(2).value, firstCell);
    const data = workbook.worksheets[0];
    assert.equal(data.getCell(firstCell).fill.fgColor.argb, "FFFFC7CE");  // an error's fill
    assert.match(String(data.getCell(firstCell).note), /200,000/);

    await page.click("#download-breakdown");
    const breakdown = new ExcelJS.Workbook();
    await breakdown.xlsx.readFile(await downloaded("_経費内訳.xlsx"));
    const sheet = breakdown.worksheets[0];
    const byLabel = Object.fromEntries(sheet.getSheetValues().slice(2).map((r) => [String(r[1]).trim(), r[2]]));
    assert.equal(byLabel["合計（税込）"], Number(expected.totals.total));
    assert.equal(byLabel["一般管理費"], Number(expected.totals.general_admin));
    assert.equal(byLabel["小計"], Number(expected.totals.direct) + Number(expected.totals.joint_implementation));
    await page.screenshot({ path: path.join(shots, "check-broken-ja.png"), fullPage: true });
});

test("a long budget file is checked in pieces by the page's Web Workers: c3p-check's document", async () => {
    const lines = ["費目,内容,単価,数量,税区分"];
    for (let i = 0; i < 30000; ++i)
        lines.push(`${i % 5 === 0 ? "備品費" : "人件費"},"行 ${i}, 説明",${150000 + (i * 7919) % 100000},${1 + (i % 3)},${i % 2 ? "税抜" : "税込"}`);
    const file = path.join(scratch, "年間経費.csv");
    writeFileSync(file, lines.join("\n") + "\n");
    assert.ok(readFileSync(file).length > 1 << 20);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(page.workers().length, cores >= 2 ? Math.min(4, cores) : 0);  // one a core, at most four
    assert.match(await runPage("check", { "main-file": file }), /ミリ秒/);
    const expected = JSON.parse(native(["--format", "json", "--no-lines", "--lang", "ja", file]).stdout);
    assert.ok(expected.violations.length > 5000);
    assert.deepEqual(await shownCodes(), expected.violations.slice(0, 100).map((v) => v.code));  // the first 100 at first,
    await page.click("#problems p button");  // then all of them
    assert.deepEqual(await shownCodes(), expected.violations.map((v) => v.code));
    await page.click("#download-json");
    assert.deepEqual(JSON.parse(readFileSync(await downloaded("年間経費_check.json"), "utf8")), expected);
});

test("an .xlsx with Japanese headers, numbers as numbers and a formula: the figures of its CSV", async () => {
    const rows = [["費目", "内容", "単価", "数量", "税区分"], ["人件費", "業務主任者（人日）", 52000, 40, "不課税"],
                  ["外国旅費", "航空賃", 158000, 3, "不課税"], ["消耗品費", "センサー", 44800, 2.5, "税抜"], ["会議費", "会場", null, 1, "税込"]];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("予算");
    rows.forEach((r) => sheet.addRow(r));
    sheet.getCell("C5").value = { formula: "C4*2", result: 89600 };
    const xlsx = path.join(scratch, "予算.xlsx");
    await workbook.xlsx.writeFile(xlsx);
    const csv = path.join(scratch, "予算.csv");
    writeFileSync(csv, "費目,内容,単価,数量,税区分\n人件費,業務主任者（人日）,52000,40,不課税\n外国旅費,航空賃,158000,3,不課税\n消耗品費,センサー,44800,2.5,税抜\n会議費,会場,89600,1,税込\n");
    await runPage("check", { "main-file": xlsx }, { "ga-rate": "10%" });
    const expected = JSON.parse(native(["--format", "json", "--lang", "ja", "--ga-rate", "10%", csv]).stdout);
    const figures = await shownFigures();
    for (const [id, amount] of Object.entries(expected.totals)) assert.deepEqual(figures[id], [amount], id);
    assert.deepEqual(await shownCodes(), expected.violations.map((v) => v.code));
    // The user's own workbook comes back with its sheet as it was and a 検証結果 sheet.
    await page.click("#download-checked");
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(await downloaded("予算_検証結果.xlsx"));
    assert.deepEqual(back.worksheets.map((w) => w.name), ["予算", "検証結果"]);
    assert.equal(back.getWorksheet("予算").getCell("C5").value.formula, "C4*2");
    assert.equal(back.getWorksheet("検証結果").rowCount, 1 + expected.violations.length);
    await page.click("#download-json");
    const { lines: _, ...withoutLines } = expected;  // the page asks for no line amounts
    assert.deepEqual(JSON.parse(readFileSync(await downloaded("予算_check.json"), "utf8")), withoutLines);
    await page.screenshot({ path: path.join(shots, "check-xlsx-ja.png"), fullPage: true });
});

test("the Python example's workbook (sheet 予算, 費目・単価・数量): the total the README gives", async () => {
    await runPage("check", { "main-file": path.join(examples, "python/sample_budget.xlsx") });
    const figures = await shownFigures();
    assert.deepEqual(figures.total, ["12129700"]);  // README.md, the Python section
    assert.ok((await shownCodes()).includes("consumable.at_or_above_threshold"));
});

test("a settlement: each category's figures, payable and returned as c3p-check settles them", async () => {
    const contract = path.join(examples, "settlement/contract.csv"), records = path.join(examples, "settlement/records_fy2025.csv");
    await runPage("settle", { "contract-file": contract, "main-file": records }, { "ga-rate": "" });
    const expected = JSON.parse(native(["settle", "--format", "json", "--lang", "ja", "--contract", contract, records]).stdout);
    const figures = await shownFigures();
    for (const [code, c] of Object.entries(expected.categories)) {
        const shown = figures[`settled.${code}`];
        assert.deepEqual([shown[0], shown[1], shown[3], shown[4]], [c.contracted, c.moved, c.actual, c.eligible], code);
        assert.equal(BigInt(shown[2]), BigInt(c.contracted) + BigInt(c.moved));
    }
    const totals = await shownFigures("table:not(#summary-table)");
    assert.deepEqual(totals.payable, [expected.payable]);
    assert.deepEqual(totals.returned, [expected.returned]);
    await page.click("#download-breakdown");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await downloaded("_精算.xlsx"));
    const header = workbook.worksheets[0].getRow(1).values.slice(1);
    assert.deepEqual(header, ["費目", "契約額", "流用", "流用後", "実支出額", "精算額", "差額"]);
    await page.screenshot({ path: path.join(shots, "settle-ja.png"), fullPage: true });
});

test("a plan: every year's totals as c3p-check plans them", async () => {
    const file = path.join(examples, "plan/plan_fy2025_2027.csv");
    await runPage("plan", { "main-file": file });
    const expected = JSON.parse(native(["plan", "--format", "json", "--lang", "ja", file]).stdout);
    assert.ok(expected.years.length >= 3);
    for (const year of expected.years) {
        const figures = await shownFigures(`table[data-year='${year.fiscal_year}']`);
        for (const [id, amount] of Object.entries(year.totals)) assert.deepEqual(figures[id], [amount], `${year.fiscal_year} ${id}`);
        for (const [code, amount] of Object.entries(year.items)) assert.deepEqual(figures[`item.${code}`] ?? figures[code], [amount], `${year.fiscal_year} ${code}`);
        for (const [code, amount] of Object.entries(year.categories))
            if (figures[`category.${code}`]) assert.deepEqual(figures[`category.${code}`], [amount], `${year.fiscal_year} ${code}`);
    }
    await page.click("#download-breakdown");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await downloaded("plan_fy2025_2027_経費内訳.xlsx"));
    const sheet = workbook.worksheets[0];
    assert.deepEqual(sheet.getRow(1).values.slice(2), expected.years.map((y) => y.era));
    const totalRow = sheet.getSheetValues().find((r) => r && r[1] === "合計（税込）");
    assert.deepEqual(totalRow.slice(2), expected.years.map((y) => Number(y.totals.total)));
    await page.screenshot({ path: path.join(shots, "plan-ja.png"), fullPage: true });
});

test("a score: the plan's phase cost per tonne and each row's points as c3p-check scores them", async () => {
    const planned = path.join(examples, "plan/plan_fy2025_2027.csv"), judged = path.join(examples, "plan/judged.csv");
    await page.click("input[name=command][value=score]");
    await page.select("#cost-basis", "phase");
    await runPage("score", { "score-budget-file": planned, "sheet-file": judged }, { reduction: "12000", "engineer-projects": "2" });
    const expected = JSON.parse(native(["score", "--format", "json", "--lang", "ja", "--reduction", "12000", "--budget", planned,
                                        "--cost-basis", "phase", "--engineer-projects", "2", "--sheet", judged]).stdout);
    const figures = await shownFigures();
    const text = (x) => (x === null ? "" : String(x));
    for (const row of expected.rows) assert.deepEqual(figures[`row.${row.id}`], [text(row.allocation), text(row.points)], row.id);
    assert.deepEqual(figures["score.total"], [String(expected.maximum), String(expected.total)]);
    assert.ok((await page.$eval("#summary", (e) => e.textContent)).replaceAll(",", "").includes(expected.cost_effectiveness.yen_per_tonne));
    assert.ok((await page.$eval("#summary-table", (e) => e.textContent)).includes("費用対効果"));
    await page.screenshot({ path: path.join(shots, "score-ja.png"), fullPage: true });
});

test("English: the labels and the findings in English, the explanation of every figure", async () => {
    const file = path.join(examples, "budgets/fy2025_rules_broken.csv");
    await page.select("#lang", "en");
    await runPage("check", { "main-file": file });
    const expected = JSON.parse(native(["--format", "json", "--lang", "en", file]).stdout);
    assert.equal(await page.$eval("html", (e) => e.lang), "en");
    assert.match(await page.$eval("#status", (e) => e.textContent), /^Checked in \d+ ms: \d+ errors?/);
    const messages = await page.$$eval("#violations-table tbody tr td:nth-child(3)", (cells) => cells.map((c) => c.firstChild.textContent));
    assert.deepEqual(messages, expected.violations.map((v) => v.message));
    await page.click("#explanation summary");
    await page.waitForFunction(() => /Derivation/.test(document.querySelector("#explanation-text").textContent), { timeout: 20000 });
    const explained = await page.$eval("#explanation-text", (e) => e.textContent);
    const nativeText = native(["--explain", "--lang", "en", file]).stdout;
    assert.equal(explained.slice(explained.indexOf("Derivation")), nativeText.slice(nativeText.indexOf("Derivation")));
    assert.ok(explained.startsWith("Budget fy2025_rules_broken.csv\n"), explained.slice(0, 50));  // the user's file, by its name
    await page.screenshot({ path: path.join(shots, "check-en.png"), fullPage: true });
});

test("input errors: every problem with its cell, nothing checked", async () => {
    const file = path.join(scratch, "bad.csv");
    writeFileSync(file, "item,unit_price\npersonnel,abc\nno_such_item,1\n");
    const status = await runPage("check", { "main-file": file });
    assert.match(status, /could not be read \(2 problems\)/);
    assert.deepEqual(await page.$$eval("#violations-table tbody tr td:nth-child(2)", (c) => c.map((x) => x.textContent)), ["B2", "A3"]);
});

test("an Excel 97-2003 workbook (.xls) is refused with what to do", async () => {
    const file = path.join(scratch, "old.xls");
    writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
    assert.match(await runPage("check", { "main-file": file }), /Could not check: old\.xls is an Excel 97-2003 workbook \(\.xls\).*\.xlsx or CSV/);
});

test("keyboard: the file is chosen, the row shown and the explanation opened without a mouse", async () => {
    await page.select("#lang", "ja");
    await runPage("check", { "main-file": path.join(examples, "budgets/fy2025_rules_broken.csv") });
    // Tab from the page's first control reaches every control, then the first finding's button;
    // Enter shows its row and moves the focus there.
    await page.focus("#lang");
    const reached = ["lang"];
    for (let k = 0; k < 40; ++k) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, id: document.activeElement.id,
                                                      inFindings: !!document.activeElement.closest("#violations-table") }));
        reached.push(focused.id || focused.tag);
        if (focused.inFindings) break;
    }
    for (const id of ["lang", "main-file", "ga-rate", "uplift", "outsourcing-justified", "policy", "run"]) assert.ok(reached.includes(id), `${id} in ${reached}`);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#row-view:not([hidden])");
    assert.deepEqual(await page.$eval("#row-view", (e) => [e.hidden, document.activeElement === e]), [false, true]);
    await page.focus("#explanation summary");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /計算根拠/.test(document.querySelector("#explanation-text").textContent), { timeout: 20000 });
});

test("a settlement whose records cannot be read names the records file; whose contract cannot, the contract", async () => {
    const contract = path.join(examples, "settlement/contract.csv");
    const badRecords = path.join(scratch, "支出簿.csv"), badContract = path.join(scratch, "契約.csv");
    writeFileSync(badRecords, "日付,費目,単価\n2025-04-01,人件費,abc\n");
    writeFileSync(badContract, "費目,単価\n不明,1\n");
    await page.select("#lang", "ja");
    assert.match(await runPage("settle", { "contract-file": contract, "main-file": badRecords }), /^支出簿\.csv を読めませんでした（1 件）/);
    assert.match(await runPage("settle", { "contract-file": badContract, "main-file": path.join(examples, "settlement/records_fy2025.csv") }),
                 /^契約\.csv を読めませんでした（1 件）/);
});

test("accessibility: no serious or critical finding of axe-core, with a result shown", async () => {
    await page.select("#lang", "ja");
    await runPage("check", { "main-file": path.join(examples, "budgets/fy2025_rules_broken.csv") });
    await page.addScriptTag({ content: readFileSync(path.join(root, "web/node_modules/axe-core/axe.min.js"), "utf8") });
    const found = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
    assert.deepEqual(found.filter((v) => v.impact === "serious" || v.impact === "critical"), []);
});

test("from a static web server the page works the same, asking the server for nothing but itself", async () => {
    const asked = [];
    const server = createServer((request, response) => {
        asked.push(request.url);
        if (request.url !== "/c3p-budget.html") return response.writeHead(404).end();
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(readFileSync(pagePath));
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const served = await browser.newPage();
    try {
        await served.goto(`http://127.0.0.1:${server.address().port}/c3p-budget.html`);
        await served.waitForSelector("body[data-ready=true]", { timeout: 20000 });
        await (await served.$("#main-file")).uploadFile(path.join(examples, "budgets/fy2025_rules_broken.csv"));
        await served.waitForFunction(() => /ms|ミリ秒/.test(document.querySelector("#status").textContent), { timeout: 20000 });
        const expected = JSON.parse(native(["--format", "json", path.join(examples, "budgets/fy2025_rules_broken.csv")]).stdout);
        const total = await served.$eval("#summary-table tr[data-figure=total] td", (e) => e.textContent.replaceAll(",", ""));
        assert.equal(total, expected.totals.total);
    } finally {
        await served.close();
        server.close();
    }
    assert.deepEqual(asked.filter((u) => u !== "/favicon.ico"), ["/c3p-budget.html"]);
});

test("no network request: only the page itself and its inlined data; no script error", () => {
    assert.deepEqual(pageErrors, []);
    assert.ok(requests.length >= 1);
    const outside = requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:") && !u.startsWith("blob:"));
    assert.deepEqual(outside, []);
    assert.ok(existsSync(path.join(shots, "settle-ja.png")));
});
