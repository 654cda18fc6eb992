/**
 * The runner's markdown: a header on the machine and the run, then per
 * suite a summary of each case and a table per case with every row.
 */

const RATIO_EXPLAINED = 'ratio: this row\'s median (p50) time over the median time of ' +
  'simdgan\'s fastest variant on the same case, in the same process. Above 1 the row is slower ' +
  'than simdgan\'s best (2.00 = takes twice as long); below 1 it is faster.';

function formatMs(value) {
  if (value === null || value === undefined) return '';
  if (value < 1) return value.toFixed(3);
  if (value < 100) return value.toFixed(2);
  return value.toFixed(1);
}

function formatRate(value) {
  if (value === null || value === undefined) return '';
  return value < 100 ? value.toFixed(2) : value.toFixed(1);
}

function formatRatio(value) {
  return value === null || value === undefined ? '' : value.toFixed(2);
}

function formatDifference(value) {
  if (value === null || value === undefined) return '';
  if (!Number.isFinite(value)) return 'shape differs';
  return value === 0 ? '0' : value.toExponential(1);
}

/** Escapes the characters that would break a table cell. */
const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** 0.784 -> '78%'. */
const formatShare = (share) => `${(100 * share).toFixed(0)}%`;

/** Rows grouped by case, in the order the suite ran them. */
function groups(rows) {
  const byGroup = new Map();
  for (const row of rows) {
    if (!byGroup.has(row.group)) byGroup.set(row.group, []);
    byGroup.get(row.group).push(row);
  }
  return byGroup;
}

const fastest = (rows) => rows
  .filter((row) => row.status === 'ok')
  .reduce((best, row) => (best === undefined || row.p50Ms < best.p50Ms ? row : best), undefined);

/** 'native, 2 threads, Conv NCHW' -> 'native, 2 threads'. */
const threadsOf = (variant) => variant.split(',').slice(0, 2).join(',');

const label = (row) => (row ? `${row.implementation} (${row.variant})` : '');

/** One line per case: simdgan's best, the fastest WebAssembly/JS competitor, native. */
function summary(rows) {
  const shares = rows.some((row) => row.matmulShare !== undefined);
  const lines = [];
  for (const [group, members] of groups(rows)) {
    const ours = fastest(members.filter((row) => row.implementation === 'simdgan'));
    const rival = fastest(members.filter((row) =>
      row.implementation !== 'simdgan' && row.implementation !== 'onnxruntime-node'));
    const native = fastest(members.filter((row) => row.implementation === 'onnxruntime-node'));
    const line = [
      group,
      ours ? `${formatRate(ours.gflops)} (${ours.variant})` : 'did not run',
      rival ? `${formatRate(rival.gflops)} (${label(rival)})` : '',
      rival && ours ? formatRatio(rival.ratio) : '',
      native ? `${formatRate(native.gflops)} (${threadsOf(native.variant)})` : '',
    ];
    if (shares) line.push(ours?.matmulShare ? formatShare(ours.matmulShare) : '');
    lines.push(line);
  }
  const columns = ['case', 'simdgan best GFLOP/s', 'fastest other WebAssembly/JS GFLOP/s',
    'its ratio', 'onnxruntime-node GFLOP/s'];
  if (shares) columns.push('simdgan best, of its matmul 512 in the same rounds');
  return table(columns, lines);
}

function caseTable(members) {
  return table(
    ['implementation', 'build / threads', 'shape', 'mean ms', 'p50 ms', 'GFLOP/s', 'ratio',
      'difference', 'samples', 'note'],
    members.map((row) => [
      row.implementation,
      row.variant,
      row.shape,
      row.status === 'ok' ? formatMs(row.meanMs) : `**${row.status}**`,
      formatMs(row.p50Ms),
      formatRate(row.gflops),
      formatRatio(row.ratio),
      formatDifference(row.difference),
      row.samples || '',
      row.reason ?? row.note ?? '',
    ]),
  );
}

function suiteSection(result) {
  const parts = [`## ${result.suite}: ${result.title}`];
  if (result.error) {
    parts.push(`The suite failed: ${result.error}`);
    return parts.join('\n\n');
  }
  const seconds = (Date.parse(result.finished) - Date.parse(result.started)) / 1000;
  parts.push(`Run ${result.started.replace('T', ' ').slice(0, 16)} UTC` +
    `${result.quick ? ', --quick' : ''}, ${seconds.toFixed(0)} s. ` +
    `simdgan variants: ${result.builds.join('; ') || 'none'}.`);
  parts.push(summary(result.rows));
  for (const [group, members] of groups(result.rows)) {
    const flops = members[0].flops;
    parts.push(`### ${group}\n\nDeclared ${(flops / 1e6).toFixed(1)} MFLOP per op.\n\n` +
      caseTable(members));
  }
  if (result.notes.length > 0) {
    parts.push(`Notes:\n\n${result.notes.map((note) => `- ${note}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

/**
 * The whole markdown page.
 * @param {{machine: object, suites: object[]}} results what latest.json holds
 */
export function renderMarkdown({ machine, suites }) {
  const versions = Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version ?? 'not installed'}`).join(', ');
  const load = machine.loadAverage.map((value) => value.toFixed(2)).join(', ');
  const date = machine.date.replace('T', ' ').slice(0, 16);
  const header = [
    '# simdgan benchmarks',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ` +
      `${(machine.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${machine.platform}; ` +
      `Node ${machine.node}; load average ${load} when the run began ` +
      `(${date} UTC${machine.quick ? ', --quick' : ''}).`,
    `Packages: ${versions}.`,
    'Each suite runs in its own Node process, every implementation of a case in that same ' +
      'process, one after another, timed with tinybench. mean and p50 are milliseconds per op; ' +
      'GFLOP/s is the declared FLOP count over the median (p50) time, which the moments when ' +
      'another tenant of a shared machine takes a core move far less than the mean.',
    RATIO_EXPLAINED,
    'difference: max |out - ref| / max |ref| against the case\'s reference output (named in ' +
      'the suite\'s notes); float32 rounding gives about 1e-7 to 1e-5 here.',
  ];
  return `${[...header, ...suites.map(suiteSection)].join('\n\n')}\n`;
}
