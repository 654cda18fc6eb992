#!/usr/bin/env node
/**
 * Runs the benchmark suites, each in its own Node process, one after
 * another, and writes bench/results/latest.md and latest.json.
 *
 *   node bench/run.mjs                 every suite, full length (about 15 minutes on 2 cores)
 *   node bench/run.mjs --quick         every suite, few iterations (about 3 minutes)
 *   node bench/run.mjs --suite conv    one suite; the other suites' last results are kept
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown } from './lib/markdown.mjs';

const SUITES = ['matmul', 'conv', 'train-step'];

const benchFolder = path.dirname(fileURLToPath(import.meta.url));
const resultsFolder = path.join(benchFolder, 'results');
const latestJson = path.join(resultsFolder, 'latest.json');
const latestMarkdown = path.join(resultsFolder, 'latest.md');

const USAGE = `usage: node bench/run.mjs [--quick] [--suite ${SUITES.join('|')}]`;

function parseArgs(argv) {
  const options = { quick: false, suites: SUITES };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') {
      options.quick = true;
    } else if (arg === '--suite') {
      const name = argv[++i];
      if (!SUITES.includes(name)) {
        throw new Error(`bench: unknown suite '${name}'; the suites are ${SUITES.join(', ')}`);
      }
      options.suites = [name];
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error(`bench: unknown argument '${arg}'\n${USAGE}`);
    }
  }
  return options;
}

/**
 * The installed version of a package, or null where it is absent. Read from
 * the node_modules folders Node would search, since some packages (tinybench,
 * onnxruntime-web) do not export their package.json.
 */
function packageVersion(name) {
  const require = createRequire(import.meta.url);
  for (const folder of require.resolve.paths(name) ?? []) {
    const manifest = path.join(folder, name, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).version;
  }
  return null;
}

function machineInfo(quick) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    quick,
    cores: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryBytes: os.totalmem(),
    platform: `${os.type()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg(),
    versions: Object.fromEntries([
      'tinybench', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'onnxruntime-web',
      'onnxruntime-node',
    ].map((name) => [name, packageVersion(name)])),
  };
}

/** Runs one suite's file in a child process; resolves to its result object. */
function runSuite(name, quick) {
  const out = path.join(resultsFolder, `${name}.json.tmp`);
  rmSync(out, { force: true });
  const args = [path.join(benchFolder, 'suites', `${name}.mjs`), '--out', out];
  if (quick) args.push('--quick');
  const started = Date.now();
  console.log(`\n== ${name}${quick ? ' (--quick)' : ''}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (code === 0 && existsSync(out)) {
        const result = JSON.parse(readFileSync(out, 'utf8'));
        rmSync(out);
        console.log(`== ${name}: ${result.rows.length} rows in ${seconds} s`);
        resolve(result);
      } else {
        const ending = signal ?? `code ${code}`;
        const error = `the suite's process ended with ${ending} after ${seconds} s`;
        console.log(`== ${name}: ${error}`);
        resolve({ suite: name, error });
      }
    });
  });
}

/** Suites from the last latest.json that this run does not replace, in SUITES order. */
function keptSuites(ran) {
  if (!existsSync(latestJson)) return [];
  try {
    const previous = JSON.parse(readFileSync(latestJson, 'utf8'));
    return previous.suites.filter((result) => !ran.includes(result.suite));
  } catch {
    return [];
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(resultsFolder, { recursive: true });
  const machine = machineInfo(options.quick);
  console.log(`bench: ${machine.cores} cores, Node ${machine.node}, load average ` +
    `${machine.loadAverage.map((value) => value.toFixed(2)).join(' ')}`);
  if (machine.loadAverage[0] > 0.5 * machine.cores) {
    console.log('bench: the machine is busy (load above half its cores): expect noisy times');
  }

  const fresh = [];
  for (const name of options.suites) fresh.push(await runSuite(name, options.quick));
  const suites = [...keptSuites(options.suites), ...fresh]
    .sort((a, b) => SUITES.indexOf(a.suite) - SUITES.indexOf(b.suite));

  const results = { machine, suites };
  writeFileSync(latestJson, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(latestMarkdown, renderMarkdown(results));
  console.log(`\nbench: wrote ${path.relative(process.cwd(), latestMarkdown)} and latest.json`);
  if (fresh.some((result) => result.error)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error.message);
  process.exit(2);
});
