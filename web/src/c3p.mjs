// c3p-budget in JavaScript: c3p-check's own code compiled to WebAssembly (web/c3p_web.cpp), run
// in memory. Inputs are CSV text, bytes (UTF-8 or CP932, as the tool reads them) or rows of
// cells; results are the tool's JSON documents as plain objects, every amount a decimal string.
// Nothing leaves the machine: files are written into the module's own memory file system.
// docs/web.md describes every function and option.
import createC3pModule from "./c3p_wasm.mjs";

/** The tool's input errors (exit status 2 with a JSON document): `errors` as the document has them. */
export class C3pInputError extends Error {
    constructor(document, stderr) {
        super(document.errors.map((e) => (e.cell ? `${e.cell}: ` : "") + e.message).join("\n"));
        this.name = "C3pInputError";
        this.errors = document.errors;
        this.document = document;
        this.stderr = stderr;
    }
}

/** A request the tool refused before reading any figure: an unknown option value, a missing file. */
export class C3pUsageError extends Error {
    constructor(message) {
        super(message);
        this.name = "C3pUsageError";
    }
}

let instance = null;

/** Loads the WebAssembly module (once; every other function waits for it). */
export function load() {
    instance ??= createC3pModule();
    return instance;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The folder of the module's memory file system where a request's files are written: they are
 * named relative to it, so that reports name them as the user did ("予算.csv"). */
const folder = "/c3p";

/** Calls `call(m, argumentsAt)` with `args` (one a line) in the module's memory and `files`
 * (name -> bytes) in its memory file system, both gone again afterwards. */
async function withTool(args, files, call) {
    const m = await load();
    if (!m.FS.analyzePath(folder).exists) m.FS.mkdir(folder);
    m.FS.chdir(folder);
    // The memory file system holds the bytes themselves rather than a copy (it only reads them).
    for (const [name, bytes] of Object.entries(files)) m.FS.writeFile(name, bytes, { canOwn: true });
    const line = args.join("\n");
    const size = m.lengthBytesUTF8(line) + 1;
    const at = m._malloc(size);
    m.stringToUTF8(line, at, size);
    try {
        return call(m, at);
    } finally {
        m._free(at);
        for (const name of Object.keys(files)) m.FS.unlink(name);
    }
}

/** Calls `call(...addresses)` with each of `arrays` (bytes) copied into the module's memory,
 * freed again afterwards. */
function withBytes(m, arrays, call) {
    const addresses = arrays.map((bytes) => m._malloc(bytes.length));
    try {
        arrays.forEach((bytes, i) => m.HEAPU8.set(bytes, addresses[i]));  // the memory may have grown: HEAPU8 after every malloc
        return call(...addresses);
    } finally {
        for (const at of addresses) m._free(at);
    }
}

/** The bytes c3p-check last wrote on standard output. */
const stdoutBytes = (m) => m.HEAPU8.subarray(m._c3p_web_stdout(), m._c3p_web_stdout() + m._c3p_web_stdout_size());

/** What c3p-check printed, run on `args` with `files` (name -> bytes) in its memory. */
async function runTool(args, files = {}) {
    return withTool(args, files, (m, at) => {
        const status = m._c3p_web_run(at);
        return {
            status,
            stdout: decoder.decode(stdoutBytes(m)),
            stderr: decoder.decode(m.HEAPU8.subarray(m._c3p_web_stderr(), m._c3p_web_stderr() + m._c3p_web_stderr_size())),
        };
    });
}

/** A cell of a row as CSV text: quoted when it must be. Numbers are written as JavaScript's
 * shortest exact form (what a spreadsheet shows); no other type is a cell. */
function csvCell(cell, where) {
    let text;
    if (cell === null || cell === undefined) text = "";
    else if (typeof cell === "string") text = cell;
    else if (typeof cell === "number" && Number.isFinite(cell)) text = String(cell);
    else if (typeof cell === "boolean") text = cell ? "yes" : "no";
    else throw new TypeError(`${where}: a cell must be text, a finite number, a boolean or empty, not ${typeof cell}`);
    return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const isBlob = (input) => typeof Blob !== "undefined" && input instanceof Blob;

/** `inputs` with each Blob (or File) read into its bytes, a File keeping its name. */
async function readBlobs(inputs) {
    const out = {};
    for (const [role, input] of Object.entries(inputs)) {
        const data = isNamed(input) ? input.data : input;
        if (!isBlob(data)) out[role] = input;
        else out[role] = { name: isNamed(input) ? input.name : data.name, data: new Uint8Array(await data.arrayBuffer()) };
    }
    return out;
}

/** An input given with its file's name: `{ name: "予算.csv", data: input }`. */
const isNamed = (input) => input !== null && typeof input === "object" && !Array.isArray(input) && !ArrayBuffer.isView(input) &&
                           !(input instanceof ArrayBuffer) && "data" in input;

/** An input as the bytes of a file: text (UTF-8), bytes as they are, or rows of cells as CSV. */
export function toBytes(input) {
    if (isNamed(input)) return toBytes(input.data);
    if (typeof input === "string") return encoder.encode(input);
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (Array.isArray(input)) {
        const lines = input.map((row, r) => {
            if (!Array.isArray(row)) throw new TypeError(`row ${r + 1}: a row must be an array of cells`);
            return row.map((cell, c) => csvCell(cell, `row ${r + 1}, cell ${c + 1}`)).join(",");
        });
        return encoder.encode(lines.join("\n") + "\n");
    }
    throw new TypeError("an input is CSV text, bytes (Uint8Array or ArrayBuffer), a Blob or File, or an array of rows of cells");
}

/** An amount, a rate or a count as the tool's option value: text as it is, an integer as its digits;
 * a fraction given as a JavaScript number is refused (it would be binary floating point). */
function optionValue(value, name) {
    if (typeof value === "string") return value;
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
    throw new TypeError(`${name}: give ${JSON.stringify(value)} as text ("10%", "1/2", "0.1"), not as a JavaScript number`);
}

// The options with a value and the flags, by their command-line names (each command takes its own).
const valueOptions = {
    gaRate: "--ga-rate", uplift: "--uplift", encoding: "--encoding", delimiter: "--delimiter",
    contractAmount: "--contract-amount", settlementBasis: "--settlement-basis", transferShare: "--transfer-share",
    transferBase: "--transfer-base", fiscalYear: "--fiscal-year",
    reduction: "--reduction", cost: "--cost", costBasis: "--cost-basis", engineerProjects: "--engineer-projects",
    pastProjects: "--past-projects", bandReading: "--band-reading",
};
const flagOptions = { outsourcingJustified: "--outsourcing-justified", transfersApproved: "--transfers-approved", ongoing: "--ongoing" };
const knownOptions = new Set([...Object.keys(valueOptions), ...Object.keys(flagOptions), "lang", "policy", "lines", "explain"]);

// Each command's inputs, in the command line's order, with the option that names each file
// (none: the file is the command's argument).
const commandInputs = {
    check: [["budget", null]],
    settle: [["contract", "--contract"], ["records", null]],
    plan: [["plan", null]],
    score: [["budget", "--budget"], ["sheet", "--sheet"]],
};

/** A file name for an input: its own (the last part of it), else the role's ("budget.csv"). */
function fileName(input, role, taken) {
    let name = isNamed(input) && typeof input.name === "string" ? input.name.split(/[\\/]/).pop().replace(/[\r\n]/g, " ").trim() : "";
    if (!name || name === "." || name === ".." || name.startsWith("-") || taken.has(name)) name = `${role}.csv`;
    taken.add(name);
    return name;
}

/** How the command line names a policy: a built-in one by its name; a policy file's JSON (text
 * or an object) written into `files` as policy.json, by that name. */
function policyArgument(policy, files) {
    if (typeof policy === "string" && !policy.trimStart().startsWith("{")) return policy;
    files["policy.json"] = toBytes(typeof policy === "string" ? policy : JSON.stringify(policy));
    return "policy.json";
}

/** c3p-check's sentence on standard error, without its "c3p-check: ". */
const sentence = (stderr) => stderr.replace(/^c3p-check: /, "").trim();

/** The command line and files of a request. `inputs`: role ("budget", "records", ...) -> input. */
function request(command, options, inputs, format) {
    if (!commandInputs[command]) throw new TypeError(`the command is check, settle, plan or score, not ${JSON.stringify(command)}`);
    const args = command === "check" ? [] : [command];
    const files = {}, taken = new Set(["policy.json"]);
    for (const key of Object.keys(options)) if (!knownOptions.has(key)) throw new TypeError(`unknown option "${key}" (docs/web.md lists them)`);
    args.push("--lang", options.lang ?? "en", "--format", format);
    for (const [key, flag] of Object.entries(valueOptions))
        if (options[key] !== undefined && options[key] !== null) args.push(flag, optionValue(options[key], key));
    for (const [key, flag] of Object.entries(flagOptions)) if (options[key]) args.push(flag);
    if (options.policy !== undefined && options.policy !== null) args.push("--policy", policyArgument(options.policy, files));
    if (options.lines === false) args.push("--no-lines");
    if (options.explain) args.push("--explain");
    for (const [role, flag] of commandInputs[command]) {
        const input = inputs[role];
        if (input === undefined || input === null) continue;
        const name = fileName(input, role, taken);
        files[name] = toBytes(input);
        args.push(...(flag ? [flag, name] : [name]));
    }
    return { args, files };
}

/** The tool's refusal as an error: its error document, or its sentence. */
function refusal(stdout, stderr) {
    return stdout.startsWith("{") ? new C3pInputError(JSON.parse(stdout), stderr) : new C3pUsageError(sentence(stderr));
}

/** Runs a request; the JSON document, or an error. */
async function runJson(command, options, inputs) {
    const { args, files } = request(command, options, await readBlobs(inputs), "json");
    const { status, stdout, stderr } = await runTool(args, files);
    if (status === 2) throw refusal(stdout, stderr);
    const document = JSON.parse(stdout);
    remember(document, { command, options, inputs });
    return document;
}

// Each result's violations know how to be described in another language: the request is run
// again in that language (once) and the violation at the same place is taken. A result's places
// are listed when one of its violations is first described, not when it is made: a result of
// thousands of violations costs nothing until then.
const unlisted = [];  // WeakRef of each result whose places are not listed yet, newest last
const origins = new WeakMap();  // result -> { command, options, inputs }
const places = new WeakMap();  // violation -> { origin, path }
const translations = new WeakMap();  // origin -> { lang: document }

function remember(document, origin) {
    for (let i = unlisted.length; i-- > 0;) if (!unlisted[i].deref()) unlisted.splice(i, 1);
    origins.set(document, origin);
    unlisted.push(new WeakRef(document));
}

/** Lists the place of every violation of `document` (its derivation and lines hold none). */
function listPlaces(document) {
    const origin = origins.get(document);
    const visit = (node, path) => {
        if (Array.isArray(node)) node.forEach((v, i) => visit(v, [...path, i]));
        else if (node && typeof node === "object") {
            if (typeof node.code === "string" && typeof node.message === "string") places.set(node, { origin, path });
            for (const [k, v] of Object.entries(node)) if (k !== "derivation" && k !== "lines") visit(v, [...path, k]);
        }
    };
    visit(document, []);
}

/** The request a violation came from and its place in that request's result. */
function placeOf(violation) {
    while (!places.has(violation) && unlisted.length > 0) {
        const document = unlisted.pop().deref();
        if (document) listPlaces(document);
    }
    const place = places.get(violation);
    if (!place) throw new TypeError("describe() takes a violation of a result of check, settle, plan or score");
    return place;
}

/** A violation's sentence in `lang` ("en" or "ja"), with every figure of the original. */
export async function describe(violation, lang = "en") {
    const { origin, path } = placeOf(violation);
    if ((origin.options.lang ?? "en") === lang) return violation.message;
    let byLang = translations.get(origin);
    if (!byLang) translations.set(origin, (byLang = {}));
    byLang[lang] ??= await runJson(origin.command, { ...origin.options, lang, explain: false }, origin.inputs);
    return path.reduce((node, key) => node[key], byLang[lang]).message;
}

/** Checks a budget: the Table 5 totals, each line's amount and the violations. */
export function check(budget, options = {}) {
    return runJson("check", options, { budget });
}

// ---- a long budget file in pieces, on several threads ---------------------------------------
// c3p-check cuts a long file into pieces that its threads check, and joins their checks. In a
// browser the module has one thread; Web Workers, each with a module of its own, can be the
// others: checkInPieces hands each piece to a helper (servePieces in a worker, through
// pieceHelper), and this module joins the pieces' checks into c3p-check's document.

/** The most bytes a piece holds; how many pieces a helper is given at the least (the second is
 * read while the first is checked); how far past its share a helper reads, to reach the end of
 * the share's last row (a longer row: the file is checked whole instead). */
const largestPiece = 1 << 24, piecesPerHelper = 2, rowOverrun = 1 << 16;

/** A helper's work: the checks of a run of pieces of a file (a request checkInPieces made), each
 * as bytes for the join; null where one cannot be checked on its own. The next piece is read
 * while one is checked. Runs in any thread. */
export async function checkPieces({ args, files, file, pieces, fileSize, headBytes }) {
    const read = (k) => k < pieces.length ? file.slice(pieces[k].offset, pieces[k].offset + pieces[k].length).arrayBuffer() : null;
    const reads = [read(0), read(1)];
    let head = pieces[0].offset === 0 ? null : new Uint8Array(await file.slice(0, headBytes).arrayBuffer());
    const out = [];
    for (let k = 0; k < pieces.length; ++k) {
        const bytes = new Uint8Array(await reads[k]);
        reads[k] = null;
        reads.push(read(k + 2));
        const { offset, share } = pieces[k];
        head ??= bytes.slice(0, headBytes);  // the file's first piece
        const checked = await withTool(args, files, (m, at) => withBytes(m, [head, bytes], (headAt, pieceAt) => {
            const status = m._c3p_web_piece(at, headAt, head.length, pieceAt, bytes.length, share, offset, fileSize);
            return status === 0 ? stdoutBytes(m).slice() : null;
        }));
        if (!checked) return null;
        out.push(checked);
    }
    return out;
}

/** Makes a (Web) Worker's global scope answer piece requests: call it in the worker. */
export function servePieces(scope = globalThis) {
    scope.addEventListener("message", async ({ data }) => {
        if (data?.c3pPieces === undefined) return;
        let pieces = null;
        try {
            pieces = await checkPieces(data.request);
        } catch {  // the main thread checks the file whole
        }
        scope.postMessage({ c3pPieces: data.c3pPieces, pieces }, pieces ? pieces.map((p) => p.buffer) : []);
    });
}

/** A helper for checkInPieces that sends each request to `worker`, a Worker serving pieces
 * (servePieces). */
export function pieceHelper(worker) {
    const waiting = new Map();
    let next = 0, failed = false;
    worker.addEventListener("message", ({ data }) => {
        if (data?.c3pPieces === undefined) return;
        waiting.get(data.c3pPieces)?.(data.pieces);
        waiting.delete(data.c3pPieces);
    });
    worker.addEventListener("error", () => {  // a worker that failed checks nothing, now or later
        failed = true;
        for (const resolve of waiting.values()) resolve(null);
        waiting.clear();
    });
    return (request) => new Promise((resolve) => {
        if (failed) return resolve(null);
        waiting.set(++next, resolve);
        worker.postMessage({ c3pPieces: next, request });
    });
}

/** Checks a budget file (a Blob or File) as check() does, with `helpers` (pieceHelper's, or any
 * async function answering as checkPieces) each checking a run of its pieces at once; the same
 * document, the same errors. A file c3p-check would not cut (a short one, CP932, --explain, a
 * piece that cannot be checked on its own) is checked whole, here. */
export async function checkInPieces(file, options = {}, helpers = []) {
    const budget = { name: file.name, data: file };
    const m = await load();
    if (helpers.length === 0 || file.size < m._c3p_web_fast_file_bytes() || file.size >= 2 ** 32) return check(budget, options);
    const { args, files } = request("check", options, { budget: { name: file.name, data: "" } }, "json");
    delete files[args[args.length - 1]];  // the budget itself is read in pieces
    const headBytes = m._c3p_web_fast_header_bytes();
    const head = file.slice(0, headBytes).arrayBuffer();  // for the join, read meanwhile
    // The file's pieces in as many runs as there are helpers, one after another.
    const pieceSize = Math.min(largestPiece, Math.ceil(file.size / (piecesPerHelper * helpers.length)));
    const pieces = [];
    for (let offset = 0; offset < file.size; offset += pieceSize) {
        const share = Math.min(pieceSize, file.size - offset);
        pieces.push({ offset, share, length: Math.min(share + rowOverrun, file.size - offset) });
    }
    const runs = helpers.map((_, h) => pieces.slice(Math.floor(h * pieces.length / helpers.length), Math.floor((h + 1) * pieces.length / helpers.length)))
        .filter((run) => run.length > 0);
    const checked = await Promise.all(runs.map((run, h) => helpers[h]({ args, files, file, pieces: run, fileSize: file.size, headBytes })));
    if (checked.some((run) => !run)) return check(budget, options);
    // Each piece after its length, 4 bytes little-endian, as c3p_web_join reads them.
    const all = checked.flat();
    const joined = new Uint8Array(all.reduce((sum, piece) => sum + 4 + piece.length, 0));
    const lengths = new DataView(joined.buffer);
    let at = 0;
    for (const piece of all) {
        lengths.setUint32(at, piece.length, true);
        joined.set(piece, at + 4);
        at += 4 + piece.length;
    }
    const header = new Uint8Array(await head);
    const { status, stdout } = await withTool(args, files, (mm, argumentsAt) => withBytes(mm, [header, joined], (headAt, piecesAt) => {
        const code = mm._c3p_web_join(argumentsAt, headAt, header.length, piecesAt, joined.length, file.size);
        return { status: code, stdout: code === 0 || code === 1 ? decoder.decode(stdoutBytes(mm)) : "" };
    }));
    if (status !== 0 && status !== 1) return check(budget, options);
    const document = JSON.parse(stdout);
    remember(document, { command: "check", options, inputs: { budget } });
    return document;
}

/** Settles a year's spending records against the contract (a budget as awarded). */
export function settle(contract, records, options = {}) {
    return runJson("settle", options, { contract, records });
}

/** Checks a plan of several fiscal years and phases. */
export function plan(planInput, options = {}) {
    return runJson("plan", options, { plan: planInput });
}

/** Scores a proposal on Table 6: `options.reduction` (t-CO2 a year), and `options.cost` or
 * `budget` (a budget or, with costBasis "phase", a plan); `sheet`: the judged rows' points. */
export function score(options = {}, { budget, sheet } = {}) {
    return runJson("score", options, { budget, sheet });
}

/** How every figure was reached (計算根拠), as text in options.lang: the report, then one line a
 * step. `command`: "check" (inputs: budget), "settle" (contract, records), "plan" (plan) or
 * "score" (budget?, sheet?). */
export async function explain(command, inputs, options = {}) {
    const { args, files } = request(command, { ...options, explain: true }, await readBlobs(inputs), "text");
    const { status, stdout, stderr } = await runTool(args, files);
    if (status === 2) throw refusal(stdout, stderr);
    return stdout;
}

/** The built-in policies (name and fiscal year), as `c3p-check policy list` gives them. */
export async function policies() {
    const { stdout } = await runTool(["policy", "list", "--format", "json"]);
    return JSON.parse(stdout);
}

/** One policy, every value with its source and status: a built-in name or a policy file's JSON. */
export async function policy(nameOrFile) {
    const files = {};
    const { status, stdout, stderr } = await runTool(["policy", "show", policyArgument(nameOrFile, files), "--format", "json"], files);
    if (status !== 0) throw new C3pUsageError(sentence(stderr));
    return JSON.parse(stdout);
}

/** Table 5's groups, categories and items and Table 6's rows with their English and Japanese
 * names, in the library's order: { groups, categories, items, score_rows }, each entry
 * { code, english, japanese, ... }. */
export async function names() {
    return readJson(await load(), "_c3p_web_names");
}

/** The rule catalogue: for each rule its code, severity, family, source (document, place,
 * provisional) and its sentence templates in English and Japanese. */
export async function rules() {
    return readJson(await load(), "_c3p_web_rules");
}

/** The JSON text a function of the module returns (NUL-terminated, kept by the module). */
function readJson(m, name) {
    const at = m[name]();
    let end = at;
    while (m.HEAPU8[end] !== 0) ++end;
    return JSON.parse(decoder.decode(m.HEAPU8.subarray(at, end)));
}

/** The library's version. */
export async function version() {
    const { stdout } = await runTool(["--version"]);
    return stdout.trim().replace(/^c3p-check /, "");
}
