// What the web tests share: the Linux c3p-check to compare with, the built module, the samples,
// and random budgets, records and plans from a seeded generator (the same cases every run).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const checker = process.env.C3P_CHECK ?? path.join(root, "build/c3p-check");
export const webBuild = process.env.C3P_WEB ?? path.join(root, "build-web");
export const examples = path.join(root, "examples");
export const sample = (name) => readFileSync(path.join(examples, name));

const scratch = mkdtempSync(path.join(tmpdir(), "c3p-web-"));
let written = 0;

/** Runs the Linux c3p-check with `files` (name -> bytes) written to a scratch folder; each `@name`
 * argument becomes that file's path. */
export function native(args, files = {}) {
    const paths = {};
    for (const [name, bytes] of Object.entries(files)) {
        paths[name] = path.join(scratch, `${written++}-${name}`);
        writeFileSync(paths[name], bytes);
    }
    const resolved = args.map((a) => (a.startsWith("@") ? paths[a.slice(1)] : a));
    const run = spawnSync(checker, resolved, { encoding: "utf8", maxBuffer: 1 << 28 });
    if (run.error) throw run.error;
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, paths };
}

/** A generator of numbers in [0, 1) from a seed (mulberry32): the same cases every run. */
export function random(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const integer = (n) => Math.floor(next() * n);
    return { next, integer, pick: (list) => list[integer(list.length)], chance: (p) => next() < p };
}

const items = [
    ["personnel", "人件費"], ["honoraria", "謝金"], ["domestic_travel", "国内旅費"], ["overseas_travel", "外国旅費"],
    ["committee_travel", "委員等旅費"], ["meeting", "会議費"], ["equipment", "備品費"], ["consumables", "消耗品費"],
    ["rent_and_damage", "借料及び損料"], ["wages", "賃金"], ["communication_logistics", "通信運搬費"],
    ["utilities", "光熱水料"], ["printing_binding", "印刷製本費"], ["miscellaneous", "雑役務費"],
    ["outsourcing", "外注費"], ["joint_implementation", "共同実施費"],
];

/** A price as people type it: digits, grouped, with a yen mark or 円, sometimes with a fraction. */
function price(r) {
    const value = r.pick([r.integer(1000), r.integer(60000), r.integer(400000), r.integer(4000000), 199999, 200000, 181818, 181819]);
    const grouped = value.toLocaleString("en-US");
    const fraction = r.chance(0.05) ? `.${r.integer(10)}` : "";
    return r.pick([`${value}${fraction}`, `"${grouped}${fraction}"`, `"¥${grouped}"`, `${value}円`, `"${grouped}円"`]);
}
const quantity = (r) => r.pick(["1", "2", "3", String(1 + r.integer(60)), "2.5", "0.5", ""]);
const basis = (r) => r.pick(["", "exclusive", "inclusive", "untaxed", "税抜", "税込", "不課税"]);

/** The rows of a budget (or of records, with `dated`, or of a plan, with `years`); with chance
 * `broken`, one thing the reader refuses (an unknown item, a bad number, a bad term), so that
 * error documents are compared too. */
export function randomRows(r, { dated = false, years = null, lines = 1 + r.integer(25), broken = 0.12 } = {}) {
    const fault = r.chance(broken) ? r.pick(["item", "price", "term"]) : null;
    const faultyLine = r.integer(lines);
    const japanese = r.chance(0.5);
    const header = [];
    if (years) header.push(japanese ? "年度" : "fiscal_year", japanese ? "フェーズ" : "phase");
    if (dated) header.push(japanese ? "日付" : "date");
    header.push(japanese ? "費目" : "item", japanese ? "内容" : "description", japanese ? "単価" : "unit_price",
                japanese ? "数量" : "quantity", japanese ? "税区分" : "price_basis", "consumable_reason",
                japanese ? "現地調査" : "field_survey");
    const out = [];
    if (r.chance(0.5) || fault === "term") out.push(`# ga_rate: ${fault === "term" ? "ten percent" : r.pick(["10%", "0.1", "8%", "15%"])}`);
    if (r.chance(0.2)) out.push(`# uplift: ${r.pick(["0", "3000000", "5000000", "5000001"])}`);
    if (r.chance(0.1)) out.push("# outsourcing_justified: yes");
    out.push(header.join(","));
    for (let i = 0; i < lines; ++i) {
        const [code, name] = r.pick(items);
        const row = [];
        if (years) {
            const year = r.pick(years);
            row.push(r.pick([String(year), `FY${year}`, `R${year - 2018}`]), String(year - years[0] < 3 ? 1 : 2));
        }
        if (dated) row.push(r.pick(["2025-04-01", "2025-09-30", "2026-03-31", "2026-04-01", "R7.4.30", "令和7年5月31日"]));
        row.push(fault === "item" && i === faultyLine ? "no_such_item" : japanese ? name : code, `"line ${i + 1}, ${name}"`,
                 fault === "price" && i === faultyLine ? "12a" : price(r), quantity(r), basis(r),
                 code === "consumables" ? r.pick(["", "", "not_reusable", "short_life"]) : "",
                 r.pick(["", "", "yes", "no", "はい"]));
        out.push(row.join(","));
    }
    return out.join("\n") + "\n";
}
