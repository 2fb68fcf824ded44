// Types of c3p.mjs (docs/web.md). Every amount, rate and quantity is a decimal string.

/** CSV or tab-separated text; the bytes of a file (UTF-8 or CP932); or rows of cells. */
export type Data = string | Uint8Array | ArrayBuffer | ArrayBufferView | ReadonlyArray<ReadonlyArray<Cell>>;
/** Data or a Blob (a File: read when the request runs), or either with its file's name
 * (reports name the file so: "予算 予算書.csv"; a File gives its own). */
export type Input = Data | Blob | { name: string; data: Data | Blob };
/** A cell of a row: text, a finite number (written in JavaScript's shortest exact form), a boolean or empty. */
export type Cell = string | number | boolean | null | undefined;
/** An option's amount, rate or count: text ("10%", "1/2", "1,200,000"), or a safe integer. */
export type Figure = string | number | bigint;
export type Language = "en" | "ja";

export interface Options {
    lang?: Language;
    /** Agreed G&A rate: "10%", "0.1", "1/10". */
    gaRate?: Figure;
    /** Field-survey increase asked on top of the cap, yen. */
    uplift?: Figure;
    outsourcingJustified?: boolean;
    /** A built-in policy's name ("fy2025", "fy2026") or a policy file's JSON (text or object). */
    policy?: string | object;
    encoding?: "auto" | "utf-8" | "cp932";
    delimiter?: "auto" | "comma" | "tab";
    /** false: no "lines" member (each line's amount). */
    lines?: boolean;
    /** true: a "derivation" member (計算根拠) and the policy values' sources. */
    explain?: boolean;
    // settle
    contractAmount?: Figure;
    settlementBasis?: "whole_contract" | "per_category";
    transferShare?: Figure;
    transferBase?: "direct_total" | "receiving_category";
    transfersApproved?: boolean;
    fiscalYear?: string | number;
    // score
    reduction?: Figure;
    cost?: Figure;
    costBasis?: "total" | "pre_tax" | "phase";
    engineerProjects?: Figure;
    pastProjects?: Figure;
    ongoing?: boolean;
    bandReading?: "contiguous" | "rounded";
}

export interface Violation {
    code: string;
    severity: "error" | "warning";
    message: string;
    line?: number | null;
    source_line?: number | null;
    cell?: string | null;
    item?: string | null;
    actual?: string | null;
    limit?: string | null;
    source?: { document: string; place: string };
    [member: string]: unknown;
}

/** The tool's JSON document (docs/formats.md): totals, items, lines, violations, ... */
export interface Result {
    policy: string;
    violations?: Violation[];  // not in a score
    [member: string]: unknown;
}

export interface InputProblem {
    source_line: number | null;
    column: number | null;
    cell: string | null;
    code: string;
    message: string;
}

/** The input could not be read: every problem, each with its cell. */
export class C3pInputError extends Error {
    readonly errors: InputProblem[];
    readonly document: { errors: InputProblem[] };
    readonly stderr: string;
}
/** The request was refused before any figure was read (an unknown option value, a bad policy file). */
export class C3pUsageError extends Error {}

export function load(): Promise<unknown>;
export function toBytes(input: Data | { name: string; data: Data }): Uint8Array;
export function check(budget: Input, options?: Options): Promise<Result>;

// A long budget file in pieces on several threads (Web Workers), as c3p-check on its threads.
/** A request of checkInPieces to a helper: a run of pieces of `file` (structured-cloneable). */
export interface PieceRequest {
    args: string[];
    files: Record<string, Uint8Array>;
    file: Blob;
    pieces: { offset: number; share: number; length: number }[];
    fileSize: number;
    headBytes: number;
}
/** A helper: checks a run of pieces, each as bytes for the join; null where it cannot. */
export type PieceHelper = (request: PieceRequest) => Promise<Uint8Array[] | null>;
/** Checks `file` as check() does, its pieces checked by `helpers` at once; the same document and errors. */
export function checkInPieces(file: Blob, options?: Options, helpers?: PieceHelper[]): Promise<Result>;
/** A helper's work, in any thread: what checkInPieces joins. */
export function checkPieces(request: PieceRequest): Promise<Uint8Array[] | null>;
/** In a Web Worker: answers the requests pieceHelper posts to it. */
export function servePieces(scope?: typeof globalThis): void;
/** In the page: a helper that posts each request to `worker` (which runs servePieces). */
export function pieceHelper(worker: Worker): PieceHelper;
export function settle(contract: Input, records: Input, options?: Options): Promise<Result>;
export function plan(plan: Input, options?: Options): Promise<Result>;
export function score(options: Options, files?: { budget?: Input; sheet?: Input }): Promise<Result>;
export function explain(
    command: "check" | "settle" | "plan" | "score",
    inputs: { budget?: Input; contract?: Input; records?: Input; plan?: Input; sheet?: Input },
    options?: Options,
): Promise<string>;
export function describe(violation: Violation, lang?: Language): Promise<string>;
export function policies(): Promise<{ policies: object[] }>;
export function policy(nameOrFile: string | object): Promise<object>;
export interface Name { code: string; english: string; japanese: string }
export function names(): Promise<{
    groups: Name[];
    categories: (Name & { group: string })[];
    items: (Name & { category: string; computed: boolean })[];
    score_rows: (Name & { computed: boolean })[];
}>;
export interface Rule {
    code: string;
    severity: "error" | "warning";
    family: string;
    source: { document: string; place: string; provisional: boolean };
    english: string;
    japanese: string;
}
export function rules(): Promise<Rule[]>;
export function version(): Promise<string>;
