// The JavaScript module (build-web/c3p.mjs) against the Linux c3p-check: the same documents for
// every sample and for random budgets, settlements and plans, in both languages; inputs as text,
// bytes and rows; errors; describe, explain and the policies.
import assert from "node:assert/strict";
import { describe as suite, test } from "node:test";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { native, random, randomRows, sample, webBuild } from "./support.mjs";

const c3p = await import(pathToFileURL(path.join(webBuild, "c3p.mjs")).href);
const encoder = new TextEncoder();

/** The module's document, or its error document, as the tool's JSON would parse. */
async function outcome(run) {
    try {
        return { status: "done", document: await run() };
    } catch (e) {
        if (e instanceof c3p.C3pInputError) return { status: "input error", document: e.document };
        throw e;
    }
}
function nativeOutcome(args, files) {
    const run = native(args, files);
    assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `c3p-check exited ${run.status}: ${run.stderr}`);
    return { status: run.status === 2 ? "input error" : "done", document: JSON.parse(run.stdout) };
}

suite("samples", () => {
    const budgets = ["fy2025_excel_cp932.csv", "fy2025_japanese_items.csv", "fy2025_rules_broken.csv",
                     "fy2025_tab_separated.txt", "fy2025_terms_in_file.csv", "fy2025_toyama_semarang.csv"];
    for (const name of budgets)
        for (const lang of ["en", "ja"])
            test(`check ${name} (${lang}) as c3p-check`, async () => {
                const bytes = sample(`budgets/${name}`);
                const expected = nativeOutcome(["--format", "json", "--lang", lang, "@b"], { b: bytes });
                assert.deepEqual(await outcome(() => c3p.check(bytes, { lang })), expected);
            });

    for (const lang of ["en", "ja"]) {
        test(`settle the sample contract and records (${lang})`, async () => {
            const contract = sample("settlement/contract.csv"), records = sample("settlement/records_fy2025.csv");
            const expected = nativeOutcome(["settle", "--format", "json", "--lang", lang, "--contract", "@c", "@r"], { c: contract, r: records });
            assert.equal(expected.status, "done");
            assert.deepEqual(await outcome(() => c3p.settle(contract, records, { lang })), expected);
        });
        test(`plan the sample plan (${lang})`, async () => {
            const planned = sample("plan/plan_fy2025_2027.csv");
            const expected = nativeOutcome(["plan", "--format", "json", "--lang", lang, "@p"], { p: planned });
            assert.deepEqual(await outcome(() => c3p.plan(planned, { lang })), expected);
        });
        test(`score the sample plan with its judged rows (${lang})`, async () => {
            const planned = sample("plan/plan_fy2025_2027.csv"), judged = sample("plan/judged.csv");
            const expected = nativeOutcome(["score", "--format", "json", "--lang", lang, "--reduction", "12000", "--budget", "@p",
                                            "--cost-basis", "phase", "--engineer-projects", "2", "--sheet", "@j"], { p: planned, j: judged });
            const options = { lang, reduction: "12000", costBasis: "phase", engineerProjects: 2 };
            assert.deepEqual(await outcome(() => c3p.score(options, { budget: planned, sheet: judged })), expected);
        });
    }
});

suite("random cases against c3p-check", () => {
    const cases = 500;
    test(`${cases} budgets`, async () => {
        const r = random(20261205);
        let refused = 0, broken = 0;
        for (let k = 0; k < cases; ++k) {
            const text = randomRows(r);
            const lang = k % 2 ? "ja" : "en";
            const options = { lang, ...(r.chance(0.3) ? { gaRate: "10%" } : {}), ...(r.chance(0.2) ? { policy: "fy2026" } : {}) };
            const args = ["--format", "json", "--lang", lang, ...(options.gaRate ? ["--ga-rate", "10%"] : []),
                          ...(options.policy ? ["--policy", "fy2026"] : []), "@b"];
            const expected = nativeOutcome(args, { b: encoder.encode(text) });
            assert.deepEqual(await outcome(() => c3p.check(text, options)), expected, `case ${k}:\n${text}`);
            if (expected.status === "input error") ++refused;
            else if (expected.document.violations.some((v) => v.severity === "error")) ++broken;
        }
        // The cases reach all three outcomes: refused, broken and (the rest) clean or warned.
        assert.ok(refused > 10 && broken > 10 && cases - refused - broken > 10, `refused ${refused}, broken ${broken}`);
    });

    test(`${cases} settlements`, async () => {
        const r = random(7);
        let settled = 0;
        for (let k = 0; k < cases; ++k) {
            const contract = randomRows(r, { broken: 0 }), records = randomRows(r, { dated: true, lines: 1 + r.integer(40) });
            const lang = k % 2 ? "ja" : "en";
            const basis = r.pick(["whole_contract", "per_category"]);
            const expected = nativeOutcome(["settle", "--format", "json", "--lang", lang, "--settlement-basis", basis,
                                            "--contract", "@c", "@r"], { c: encoder.encode(contract), r: encoder.encode(records) });
            const got = await outcome(() => c3p.settle(contract, records, { lang, settlementBasis: basis }));
            assert.deepEqual(got, expected, `case ${k}:\n${contract}\n${records}`);
            if (expected.status === "done") ++settled;
        }
        assert.ok(settled > cases / 2, `settled ${settled}`);
    });

    test(`${cases} plans`, async () => {
        const r = random(2027);
        let planned = 0;
        for (let k = 0; k < cases; ++k) {
            const text = randomRows(r, { years: [2025, 2026, 2027, 2028], lines: 3 + r.integer(30) });
            const lang = k % 2 ? "ja" : "en";
            const expected = nativeOutcome(["plan", "--format", "json", "--lang", lang, "@p"], { p: encoder.encode(text) });
            assert.deepEqual(await outcome(() => c3p.plan(text, { lang })), expected, `case ${k}:\n${text}`);
            if (expected.status === "done") ++planned;
        }
        assert.ok(planned > cases / 2, `planned ${planned}`);
    });
});

suite("inputs", () => {
    test("rows of cells give what their CSV text gives", async () => {
        const rows = [["費目", "内容", "単価", "数量", "税区分"], ["人件費", "技術者, 現地", 52000, 10, "不課税"],
                      ["消耗品費", 'センサー "A"', "¥44,800", "2.5", "税抜"], ["謝金", null, 20000, 1, ""]];
        const text = '費目,内容,単価,数量,税区分\n人件費,"技術者, 現地",52000,10,不課税\n消耗品費,"センサー ""A""",¥44,800,2.5,税抜\n謝金,,20000,1,\n';
        const fromText = await c3p.check(text.replace("¥44,800", '"¥44,800"'));
        assert.deepEqual(await c3p.check(rows), fromText);
        assert.equal(fromText.totals.direct, "652000");  // 520,000 + 112,000 (2.5 x 44,800) + 20,000
    });

    test("CP932 bytes and their UTF-8 text give the same document", async () => {
        const bytes = sample("budgets/fy2025_excel_cp932.csv");
        const text = new TextDecoder("shift_jis").decode(bytes);
        assert.deepEqual(await c3p.check(bytes, { lang: "ja" }), await c3p.check(text, { lang: "ja" }));
    });

    test("bytes that are not CP932 are refused with their line and cell, as c3p-check does", async () => {
        const bytes = Uint8Array.from([...encoder.encode("item,unit_price\npersonnel,100\n"), 0x82, 0xa0, 0x2c, 0x31, 0x0a,
                                       0x70, 0x2c, 0xff, 0x0a]);  // あ,1 then p,<0xFF>
        const expected = nativeOutcome(["--format", "json", "@b"], { b: bytes });
        assert.equal(expected.status, "input error");
        const got = await outcome(() => c3p.check(bytes));
        assert.deepEqual(got, expected);
        assert.ok(got.document.errors.some((e) => e.code === "input.invalid_encoding" && e.cell === "B4"), JSON.stringify(got.document));
    });

    test("a fraction given as a JavaScript number is refused; text and integers are taken", async () => {
        await assert.rejects(c3p.check("item,unit_price\npersonnel,100\n", { gaRate: 0.1 }), /not as a JavaScript number/);
        const withRate = await c3p.check("item,unit_price\npersonnel,1000000\n", { gaRate: "10%", uplift: 0 });
        assert.equal(withRate.totals.general_admin, "100000");
        await assert.rejects(c3p.check([[{}]]), /row 1, cell 1/);
        await assert.rejects(c3p.check("item,unit_price\n", { gaRat: "10%" }), /unknown option "gaRat"/);
    });
});

suite("errors, languages, explanations, policies", () => {
    test("every input problem of a file at once, with cells, in Japanese", async () => {
        const text = "費目,単価\n人件費,abc\n不明な費目,1000\n";
        await assert.rejects(c3p.check(text, { lang: "ja" }), (e) => {
            assert.ok(e instanceof c3p.C3pInputError);
            assert.deepEqual(e.errors.map((x) => [x.cell, x.code]), [["B2", "input.invalid_number"], ["A3", "input.unknown_item"]]);
            assert.match(e.message, /^B2: .*数値/);
            return true;
        });
    });

    test("a refused option value is a usage error naming the choices", async () => {
        await assert.rejects(c3p.check("item,unit_price\npersonnel,1\n", { policy: "fy2205" }), (e) => {
            assert.ok(e instanceof c3p.C3pUsageError);
            assert.match(e.message, /fy2025/);
            return true;
        });
    });

    test("describe gives a violation's sentence in the other language, as c3p-check --lang ja writes it", async () => {
        const bytes = sample("budgets/fy2025_rules_broken.csv");
        const english = await c3p.check(bytes, { lang: "en" });
        const japanese = nativeOutcome(["--format", "json", "--lang", "ja", "@b"], { b: bytes }).document;
        assert.ok(english.violations.length > 5);
        for (const [k, v] of english.violations.entries()) {
            assert.equal(await c3p.describe(v, "ja"), japanese.violations[k].message);
            assert.equal(await c3p.describe(v, "en"), v.message);
        }
        await assert.rejects(c3p.describe({ code: "x", message: "y" }, "ja"), /takes a violation/);
    });

    test("explain gives c3p-check --explain's text; the JSON has the derivation", async () => {
        const bytes = sample("budgets/fy2025_toyama_semarang.csv");
        for (const lang of ["en", "ja"]) {
            const expected = native(["--explain", "--lang", lang, "@b"], { b: bytes });
            const text = await c3p.explain("check", { budget: bytes }, { lang });
            assert.equal(text, expected.stdout.replaceAll(expected.paths.b, "budget.csv"));
            assert.match(text, lang === "ja" ? /計算根拠/ : /Derivation/);
        }
        // A file's own name, as the user knows it, in the report.
        const named = await c3p.explain("check", { budget: { name: "C:\\予算\\予算書.csv", data: bytes } }, { lang: "ja" });
        assert.ok(named.startsWith("予算 予算書.csv\n"), named.slice(0, 40));
        const document = await c3p.check(bytes, { explain: true });
        assert.ok(document.derivation.some((s) => s.id === "total"));
        const contract = sample("settlement/contract.csv"), records = sample("settlement/records_fy2025.csv");
        const settled = native(["settle", "--explain", "--contract", "@c", "@r"], { c: contract, r: records });
        assert.equal(await c3p.explain("settle", { contract, records }),
                     settled.stdout.replaceAll(settled.paths.r, "records.csv").replaceAll(settled.paths.c, "contract.csv"));
        await assert.rejects(c3p.explain("audit", {}), /check, settle, plan or score/);
    });

    test("policies: the built-in ones, one shown, a policy file used by name of its content", async () => {
        const list = await c3p.policies();
        assert.deepEqual(list, JSON.parse(native(["policy", "list", "--format", "json"]).stdout));
        assert.deepEqual(list.policies.map((p) => p.name), ["fy2025", "fy2026"]);
        const fy2026 = await c3p.policy("fy2026");
        assert.equal(fy2026.max_phases.status, "confirmed");
        // A policy file with a cap of 10,000,000: 9,090,910 yen of untaxed personnel is 10,000,001
        // with the tax (909,091) and breaks it; 9,090,909 is 9,999,999 and does not.
        const file = JSON.parse(native(["policy", "show", "fy2025", "--format", "json"]).stdout);
        file.name = "tight";
        file.cap.value = "10000000";
        const capBroken = async (price, policy) =>
            (await c3p.check(`item,unit_price,price_basis\npersonnel,${price},untaxed\n`, { policy }))
                .violations.filter((v) => v.code === "cap.exceeded").map((v) => [v.actual, v.limit]);
        assert.deepEqual(await capBroken("9090910", file), [["10000001", "10000000"]]);
        assert.deepEqual(await capBroken("9090909", JSON.stringify(file)), []);
        assert.equal((await c3p.check("item,unit_price\npersonnel,1\n", { policy: file })).policy, "tight");
        await assert.rejects(c3p.policy('{"name": 1}'), c3p.C3pUsageError);
    });

    test("the version is the library's", async () => {
        assert.equal(await c3p.version(), native(["--version"]).stdout.trim().replace(/^c3p-check /, ""));
    });
});

test("names: Table 5's items and categories in both languages, as c3p-check --list-items lists them", async () => {
    const { items, categories, groups } = await c3p.names();
    const listed = native(["--list-items", "--lang", "en"]).stdout;
    for (const i of items.filter((x) => !x.computed)) assert.ok(listed.includes(`${i.code.padEnd(24)}${i.japanese}  ${i.english}`), i.code);
    assert.deepEqual(items.map((i) => i.code).slice(0, 3), ["personnel", "honoraria", "domestic_travel"]);
    assert.equal(items.length, 18);
    assert.deepEqual(categories.map((c) => c.japanese), ["人件費", "業務費", "共同実施費", "一般管理費", "消費税及び地方消費税"]);
    assert.equal(groups[0].code, "direct");
    const { score_rows: scoreRows } = await c3p.names();
    assert.equal(scoreRows.length, 14);
    assert.deepEqual(scoreRows.filter((r) => r.computed).map((r) => r.code), ["cost_effectiveness", "ghg_reduction", "engineer_workload", "past_projects"]);
});

test("rules: the catalogue with each rule's source, every code c3p-check reports among them", async () => {
    const catalogue = await c3p.rules();
    const codes = new Set(catalogue.map((r) => r.code));
    assert.equal(codes.size, catalogue.length);
    for (const r of catalogue) {
        assert.ok(r.source.document.length > 0, r.code);
        assert.ok(r.english.length > 0 && r.japanese.length > 0, r.code);
    }
    const reported = (await c3p.check(sample("budgets/fy2025_rules_broken.csv"))).violations.map((v) => v.code);
    assert.ok(reported.length > 5);
    for (const code of reported) assert.ok(codes.has(code), code);
    assert.match(catalogue.find((r) => r.code === "cap.exceeded").source.document, /guidebook/);
});

test("the README's example gives what the README says", async () => {
    const result = await c3p.check("費目,単価,数量\n人件費,40000,200\n", { lang: "ja", gaRate: "10%" });
    assert.equal(result.totals.total, "9680000");
    assert.deepEqual((await c3p.check([["費目", "単価"], ["人件費", 40000]])).totals.direct, "40000");
});

suite("a long file in pieces (checkInPieces)", () => {
    // A budget over the 1 MiB from which c3p-check cuts a file: quoted cells, Japanese item
    // names (rows the library's reader reads), CRLF and blank lines, equipment to warn about.
    const lines = ["# ga_rate: 8%", "item,description,unit_price,quantity,price_basis"];
    for (let i = 0; i < 30000; ++i) {
        const item = i % 7 === 0 ? "備品費" : i % 5 === 0 ? "equipment" : i % 3 === 0 ? "consumables" : "wages";
        const description = i % 11 === 0 ? '"a ""quoted"", word"' : i % 13 === 0 ? "太陽光パネル" : `line ${i}`;
        lines.push(`${item},${description},${150000 + (i * 7919) % 100000},${i % 17 === 0 ? " 2 " : "1"},${i % 3 ? "exclusive" : "inclusive"}${i % 19 === 0 ? "\r" : ""}`);
        if (i % 4000 === 3999) lines.push("");
    }
    const text = lines.join("\n") + "\n";
    const bytes = encoder.encode(text);
    const file = new Blob([bytes]);

    /** Two helpers that check pieces here (as Web Workers would), keeping what each answered. */
    function recordingHelpers() {
        const answers = [];
        const helper = async (request) => {
            const pieces = await c3p.checkPieces(request);
            answers.push(pieces);
            return pieces;
        };
        return { helpers: [helper, helper], answers };
    }

    test("the pieces' checks joined give check()'s document and c3p-check's, in both languages", async () => {
        assert.ok(bytes.length > 1 << 20);
        for (const lang of ["ja", "en"]) {
            const { helpers, answers } = recordingHelpers();
            const joined = await c3p.checkInPieces(file, { lang, lines: false }, helpers);
            // Each helper checked a run of pieces: nothing was checked whole instead.
            assert.equal(answers.length, 2);
            for (const run of answers) assert.ok(Array.isArray(run) && run.length >= 2);
            assert.deepEqual(joined, await c3p.check(bytes, { lang, lines: false }));
            const expected = JSON.parse(native(["--format", "json", "--no-lines", "--lang", lang, "@b"], { b: bytes }).stdout);
            assert.deepEqual(joined, expected);
            assert.ok(joined.violations.length > 1000);
            assert.equal(joined.general_admin_rate, "0.08");  // the "# ga_rate" line
        }
        // The last row without a line end; five helpers, each with a run of two pieces.
        const unended = bytes.subarray(0, bytes.length - 1);
        const { helpers, answers } = recordingHelpers();
        const joined = await c3p.checkInPieces(new Blob([unended]), { lines: false }, Array(5).fill(helpers[0]));
        assert.equal(answers.length, 5);
        for (const run of answers) assert.ok(Array.isArray(run));
        assert.deepEqual(joined, await c3p.check(unended, { lines: false }));
    });

    test("options and a policy file reach the helpers; a violation of the result can be described", async () => {
        const policy = sample("../policies/fy2026.json").toString("utf8");
        const { helpers, answers } = recordingHelpers();
        const options = { lang: "ja", lines: false, gaRate: "5%", policy };
        const joined = await c3p.checkInPieces(file, options, helpers);
        for (const run of answers) assert.ok(Array.isArray(run));
        assert.deepEqual(joined, await c3p.check(bytes, options));
        assert.equal(joined.policy, "fy2026");
        const v = joined.violations[0];
        assert.equal(await c3p.describe(v, "en"), (await c3p.check(bytes, { ...options, lang: "en" })).violations[0].message);
    });

    test("what cannot be checked in pieces is checked whole, with the same document or errors", async () => {
        // A short file: no helper is asked.
        const short = recordingHelpers();
        assert.deepEqual(await c3p.checkInPieces(new Blob(["item,unit_price\nwages,100\n"]), {}, short.helpers),
                         await c3p.check("item,unit_price\nwages,100\n"));
        assert.equal(short.answers.length, 0);
        // A subtotal row (a violation written in full): a piece declines, the file is checked whole.
        const withSubtotal = text + "小計,,123,,\n";
        const subtotal = recordingHelpers();
        assert.deepEqual(await c3p.checkInPieces(new Blob([withSubtotal]), { lines: false }, subtotal.helpers),
                         await c3p.check(withSubtotal, { lines: false }));
        assert.ok(subtotal.answers.includes(null));
        // Line amounts kept, and a helper that fails: checked whole, the same document.
        assert.deepEqual(await c3p.checkInPieces(file, {}, recordingHelpers().helpers), await c3p.check(bytes));
        assert.deepEqual(await c3p.checkInPieces(file, { lines: false }, [async () => null]), await c3p.check(bytes, { lines: false }));
        // A cell that is not a number: every input error, as check() reports them.
        const broken = text.replace("wages,line 1,", "wages,line 1,12a");
        const error = await outcome(() => c3p.checkInPieces(new Blob([broken]), { lang: "ja" }, recordingHelpers().helpers));
        assert.equal(error.status, "input error");
        assert.deepEqual(error, await outcome(() => c3p.check(broken, { lang: "ja" })));
    });
});
