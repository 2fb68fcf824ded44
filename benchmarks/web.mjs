// The page's guards (issue: the checker as one web page), measured side by side with the native
// c3p-check in one run: the page's size; the time from opening it from disk to ready; checking
// the 200,000-row file in the page against `c3p-check --format json --no-lines` (what the page
// asks for); a 200-line budget's result after its file is chosen. Best of ten each: on a shared VM
// five left a run's two figures 10-20% apart from one run to the next.
//   node benchmarks/web.mjs C3P_CHECK BUILD_WEB BIG.csv SMALL.csv
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [checker, webBuild, big, small] = process.argv.slice(2);
const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), "../web/package.json"));
const puppeteer = require("puppeteer-core");
const pagePath = path.join(webBuild, "c3p-budget.html");
const best = (xs) => Math.min(...xs);
const rounds = 10;

/** c3p-check's best time on `file`; `oneCore`: held to one core, as the page's one thread is. */
function nativeMs(file, oneCore = false) {
    const times = [];
    for (let k = 0; k < rounds; ++k) {
        const start = process.hrtime.bigint();
        const command = oneCore ? ["taskset", ["-c", "0", checker]] : [checker, []];
        const run = spawnSync(command[0], [...command[1], "--format", "json", "--no-lines", file], { maxBuffer: 1 << 28 });
        if (run.status !== 0 && run.status !== 1) throw new Error(`c3p-check exited ${run.status}`);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return best(times);
}

const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
try {
    const page = await browser.newPage();
    const ready = [];
    for (let k = 0; k < rounds; ++k) {
        const start = performance.now();
        await page.goto(pathToFileURL(pagePath).href);
        await page.waitForSelector("body[data-ready=true]");
        ready.push(performance.now() - start);
    }
    /** From choosing the file to the result shown: wall clock here, and the page's own figure. */
    async function pageMs(file) {
        const wall = [], own = [];
        for (let k = 0; k < rounds; ++k) {
            await page.$eval("#status", (e) => { e.textContent = ""; });
            await page.$eval("#main-file", (e) => { e.value = ""; });
            const input = await page.$("#main-file");
            const start = performance.now();
            await input.uploadFile(file);  // the page checks on the file's change event, as after a drop
            await page.waitForFunction(() => /\d+ ms/.test(document.querySelector("#status").textContent), { polling: "mutation" });
            wall.push(performance.now() - start);
            own.push(Number(/(\d+) ms/.exec(await page.$eval("#status", (e) => e.textContent))[1]));
        }
        return { wall: best(wall), own: best(own) };
    }
    await page.select("#lang", "en");
    const bigPage = await pageMs(big), smallPage = await pageMs(small);
    const bigNative = nativeMs(big), bigOneCore = nativeMs(big, true);
    const size = statSync(pagePath).size;
    const line = (what, figure, guard, holds) => console.log(`${what.padEnd(58)} ${figure.padEnd(34)} ${guard} ${holds ? "holds" : "MISSED"}`);
    line("page size", `${(size / 1024 / 1024).toFixed(2)} MB`, "at most 3 MB:", size <= 3 * 1024 * 1024);
    line(`opened from disk to ready (best of ${rounds})`, `${best(ready).toFixed(0)} ms`, "at most 1000 ms:", best(ready) <= 1000);
    line(`${path.basename(big)} in the page / c3p-check --no-lines`,
         `${bigPage.wall.toFixed(0)} (page's own ${bigPage.own}) / ${bigNative.toFixed(0)} ms = ${(bigPage.wall / bigNative).toFixed(1)}x`,
         "at most 3x:", bigPage.wall <= 3 * bigNative);
    line("  the same, c3p-check held to one core", `${bigOneCore.toFixed(0)} ms = ${(bigPage.wall / bigOneCore).toFixed(1)}x`, "(for scale)", true);
    line(`${path.basename(small)} from choosing the file to the result`, `${smallPage.wall.toFixed(0)} ms (page's own ${smallPage.own})`,
         "at most 100 ms:", smallPage.wall <= 100);
} finally {
    await browser.close();
}
