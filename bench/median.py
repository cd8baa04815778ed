#!/usr/bin/env python3
"""Median of several bench/run.sh HTTP runs: bench/median.py RESULTS_DIR... -> markdown tables.

Rows are matched by (phase, set); each numeric column is the median over the runs (rate-limited
rows are matched by set only, since their target rate may differ between runs)."""
import csv, statistics, sys

runs = []
for d in sys.argv[1:]:
    with open(d.rstrip('/') + '/http.tsv') as f:
        runs.append([r for r in csv.DictReader(f, delimiter='\t') if r['phase'] not in ('warmup', 'calibrate')])
keys = []
for r in runs[0]:
    k = ('rate' if r['phase'].startswith('rate~') else r['phase'], r['set'])
    if k not in keys:
        keys.append(k)
cols = ['rps', 'p50_ms', 'p99_ms', 'p999_ms', 'ok', 'not_done', 'other', 'server_cores', 'machine_cpu_pct', 'peak_heap_mb', 'post_gc_mb']
print(f"Median of {len(runs)} runs: " + ", ".join(sys.argv[1:]))
print("| phase | set | conns | req/s | p50 ms | p99 ms | p99.9 ms | 200 | 202 | errors | server CPU (cores) | machine CPU % | peak heap MB | max post-GC heap MB |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
med = {}
for k in keys:
    rows = [r for run in runs for r in run if ('rate' if r['phase'].startswith('rate~') else r['phase'], r['set']) == k]
    m = {c: statistics.median(float(r[c]) for r in rows) for c in cols}
    med[k] = m
    phase = k[0] if k[0] != 'rate' else 'rate~' + '/'.join(sorted({r['phase'][5:] for r in rows}))
    print(f"| {phase} | {k[1]} | {rows[0]['conns']} | {m['rps']:.0f} | {m['p50_ms']:.2f} | {m['p99_ms']:.2f} | {m['p999_ms']:.2f} | "
          f"{m['ok']:.0f} | {m['not_done']:.0f} | {m['other']:.0f} | {m['server_cores']:.2f} | {m['machine_cpu_pct']:.0f} | "
          f"{m['peak_heap_mb']:.0f} | {m['post_gc_mb']:.0f} |")
print()
print("| set | review req/s (median) | echo req/s (median) | review/echo |")
print("|---|---:|---:|---:|")
for k in keys:
    if k[0] == 'review' and ('echo', k[1]) in med:
        r, e = med[k]['rps'], med[('echo', k[1])]['rps']
        print(f"| {k[1]} | {r:.0f} | {e:.0f} | {100 * r / e:.1f}% |")
