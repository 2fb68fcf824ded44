// Builds the one-file page: page.mjs with the module (its WebAssembly inlined) and exceljs bundled
// by esbuild into one script, written into index.html's place for it. The result opens from disk
// and makes no request.
//   node web/page/build.mjs BUILD_WEB      (BUILD_WEB holds c3p.mjs and c3p_wasm.mjs; writes c3p-budget.html)
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, "../../build-web"));

const bundle = await build({
    entryPoints: [path.join(here, "page.mjs")],
    bundle: true,
    write: false,
    // A classic script: the page's Web Workers run the same script from a blob, and a page opened
    // from disk may start only classic workers so. WebAssembly's loader asks import.meta.url for
    // its folder, which a wasm inlined in it does not need.
    format: "iife",
    define: { "import.meta.url": "undefined" },
    minify: true,
    target: ["chrome100", "firefox100", "safari15"],
    alias: { c3p: path.join(out, "c3p.mjs"), exceljs: path.join(here, "../node_modules/exceljs/dist/exceljs.min.js") },
    logLevel: "warning",
    legalComments: "none",
});
// Inside a <script>, "</script" would end it early: written as "<\/script", which means the same.
const script = bundle.outputFiles[0].text.replaceAll("</script", "<\\/script");
const page = readFileSync(path.join(here, "index.html"), "utf8");
const marker = "<!-- the page's script -->";
if (!page.includes(marker)) throw new Error(`index.html has no "${marker}"`);
writeFileSync(path.join(out, "c3p-budget.html"), page.replace(marker, () => `<script id="c3p-script">${script}</script>`));
