#!/usr/bin/env python3
"""Yardsticks for issue 12: prepares the diffs from the mirrors and scores the driver's output.

  yardsticks.py prepare WORK      writes WORK/diffs/*.diff and WORK/list.tsv (diff_id, path, repo)
  yardsticks.py report WORK       reads WORK/findings.jsonl, writes WORK/report.md and WORK/findings.tsv
  yardsticks.py repos             lists the repositories the manifests need (MISSING = fetch it first)

Diffs: ordinary commit -> `git diff SHA^ SHA`; CVE fix -> `git diff SHA^ SHA` (id cve-<n>-fix);
re-introduction -> `git diff SHA SHA^` (id cve-<n>-rev). Diffs over MAX_BYTES are skipped and
listed in the report. Nothing written here is committed (WORK is gitignored).
"""
import csv, glob, json, os, subprocess, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
MIRROR = os.environ.get("YARDSTICKS_MIRROR", "/work/.mirror")
MAX_BYTES = int(os.environ.get("YARDSTICKS_MAX_BYTES", "200000"))
SEVERITIES = ["high", "medium", "low", "info", "none"]


def rows(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    header = lines[0].lstrip("# ").split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:] if not l.startswith("#")]


def git_diff(repo, a, b):
    gd = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    if not os.path.isdir(gd):
        raise RuntimeError(f"mirror missing: {gd} (fetch github:{repo})")
    return subprocess.run(["git", "--git-dir", gd, "diff", "--no-color", "--no-ext-diff", a, b],
                          check=True, capture_output=True).stdout


def ord_id(r):
    return "ord-%s-%s" % (r["project"].lower(), r["sha"][:10])


def plan():
    """Every diff to review: (diff_id, repo, from, to, kind, manifest row)."""
    out = []
    for r in rows("ordinary-commits.tsv"):
        out.append((ord_id(r), r["repo"], r["sha"] + "^", r["sha"], "ordinary", r))
    for r in rows("cve-fixes.tsv"):
        out.append(("cve-%s-rev" % r["id"], r["repo"], r["sha"], r["sha"] + "^", "reintro", r))
        out.append(("cve-%s-fix" % r["id"], r["repo"], r["sha"] + "^", r["sha"], "fix", r))
    return out


def prepare(work):
    os.makedirs(os.path.join(work, "diffs"), exist_ok=True)
    listing, skipped = [], []
    for did, repo, a, b, kind, r in plan():
        path = os.path.join(work, "diffs", did + ".diff")
        if not os.path.exists(path):
            try:
                data = git_diff(repo, a, b)
            except (RuntimeError, subprocess.CalledProcessError) as e:
                msg = e.args[0] if isinstance(e, RuntimeError) else "git diff failed: " + e.stderr.decode(errors="replace").strip()
                print(f"yardsticks: skipping {did}: {msg}", file=sys.stderr)
                skipped.append((did, msg))
                continue
            with open(path, "wb") as f:
                f.write(data)
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            skipped.append((did, size))
            continue
        listing.append("\t".join([did, path, repo]))
    with open(os.path.join(work, "list.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(listing) + "\n")
    with open(os.path.join(work, "skipped.tsv"), "w", encoding="utf-8") as f:
        f.write("".join("%s\t%s\n" % s for s in skipped))
    print(f"yardsticks: {len(listing)} diffs to review, {len(skipped)} skipped over {MAX_BYTES} bytes",
          file=sys.stderr)


def latest_judgments():
    files = sorted(glob.glob(os.path.join(HERE, "judgments-*.tsv")))
    j = {}
    if not files:
        return j, None
    with open(files[-1], encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            c = line.split("\t")
            if len(c) >= 5:
                j[(c[0], c[1], c[2], c[3])] = c[4]
    return j, os.path.basename(files[-1])


def pct(a, b):
    return "%.1f" % (100.0 * a / b) if b else "n/a"


def report(work):
    diffs, findings = {}, defaultdict(list)
    with open(os.path.join(work, "findings.jsonl"), encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            if o["kind"] == "diff":
                diffs[o["diff_id"]] = o
            else:
                findings[o["diff_id"]].append(o)
    skipped = []
    sp = os.path.join(work, "skipped.tsv")
    if os.path.exists(sp):
        skipped = [l.split("\t") for l in open(sp, encoding="utf-8").read().splitlines() if l]
    judg, jfile = latest_judgments()
    P = plan()
    md = ["# Yardsticks report", ""]
    errors = [d for d in diffs.values() if d["status"] != "ok"]
    total_ms = sum(d["ms"] for d in diffs.values())
    md.append(f"Reviewed {len(diffs)} diffs ({total_ms / 1000:.1f} s of analysis), "
              f"{len(errors)} errors, {len(skipped)} skipped (see the end). "
              f"Judgments: {jfile or 'none'}.")
    md.append("")
    tsv = ["diff_id\tfile\tline\tside\tcategory\tseverity\trule_id\tconfidence\tverdict\tsummary"]

    def verdict(did, f):
        return judg.get((did, f["file"], str(f["line"]), f["type"]), "unjudged")

    for did, _, _, _, _, _ in P:
        for f in findings.get(did, []):
            tsv.append("\t".join([did, f["file"], str(f["line"]), f["side"], f["type"], f["severity"],
                                  f.get("rule_id", ""), str(f.get("confidence", "")), verdict(did, f),
                                  f.get("summary", "").replace("\t", " ").replace("\n", " ")[:200]]))

    # (a) ordinary commits
    ords = [p for p in P if p[4] == "ordinary" and p[0] in diffs]
    n = len(ords)
    fs = [(p[0], f) for p in ords for f in findings.get(p[0], [])]
    sev = Counter(f["severity"] for _, f in fs)
    high_diffs = sorted({d for d, f in fs if f["severity"] == "high"})
    verdicts = Counter(verdict(d, f) for d, f in fs)
    fa = sum(v for k, v in verdicts.items() if k in ("false_alarm", "test_code"))
    md += ["## (a) Ordinary commits", "",
           f"- diffs reviewed: {n} (from {len({p[5]['project'] for p in ords})} projects)",
           f"- findings: {len(fs)} = {pct(len(fs), n)} per 100 diffs; by severity: "
           + ", ".join(f"{s} {sev[s]}" for s in SEVERITIES if sev[s]),
           f"- diffs with a `high` finding (would fail `--fail-on high`): {len(high_diffs)}",
           f"- verdicts: " + (", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())) or "none"),
           f"- false alarms (false_alarm + test_code): {fa} = **{pct(fa, n)} per 100 diffs**; "
           f"unjudged findings count as presumptive false alarms: "
           f"**{pct(fa + verdicts.get('unjudged', 0), n)} per 100 diffs**",
           f"- high false alarms (judged or unjudged): "
           f"{sum(1 for d, f in fs if f['severity'] == 'high' and verdict(d, f) != 'real_issue')}", ""]
    md.append("| project | language | diffs | findings | high |")
    md.append("|---|---|---|---|---|")
    byp = defaultdict(lambda: [0, 0, 0, ""])
    for p in ords:
        b = byp[p[5]["project"]]
        b[0] += 1; b[3] = p[5]["language"]
        for f in findings.get(p[0], []):
            b[1] += 1; b[2] += f["severity"] == "high"
    for k, b in sorted(byp.items()):
        md.append(f"| {k} | {b[3]} | {b[0]} | {b[1]} | {b[2]} |")
    md += ["", "By category and rule:", ""]
    for (t, rule), c in Counter((f["type"], f.get("rule_id", "")) for _, f in fs).most_common():
        md.append(f"- {t} / {rule}: {c}")
    md.append("")

    # (b) CVE fixes, both directions
    cves = rows("cve-fixes.tsv")
    caught, caught_cat, fix_flagged, lines, missing = [], [], [], [], []
    for r in cves:
        rid, fid = "cve-%s-rev" % r["id"], "cve-%s-fix" % r["id"]
        if rid not in diffs or fid not in diffs:
            missing.append(r["id"])
            continue
        want_file, want_line = r["file"], int(r["line"])
        near = [f for f in findings.get(rid, []) if f["file"] == want_file and f["side"] == "new"
                and abs(f["line"] - want_line) <= 3]
        ok = bool(near)
        ok_cat = any(f["type"] == r["category"] for f in near)
        if ok: caught.append(r["id"])
        if ok_cat: caught_cat.append(r["id"])
        fixf = findings.get(fid, [])
        # a fix-diff alarm: any security finding on the fix diff (performance findings listed apart)
        sec = [f for f in fixf if f.get("agent") != "performance" and f["type"] not in PERF_TYPES]
        if sec: fix_flagged.append(r["id"])
        other = ", ".join(f"{f['type']}@{f['file'].split('/')[-1]}:{f['line']}" for f in findings.get(rid, [])[:4])
        lines.append(f"| {r['id']} | {r['language']} | {r['advisory']} | {r['category']} | "
                     f"`{want_file}:{want_line}` | {'yes' if ok else 'no'}{' (category)' if ok_cat else ''} | "
                     f"{len(findings.get(rid, []))}: {other} | "
                     f"{len(sec)}{' (+%d perf)' % (len(fixf) - len(sec)) if len(fixf) > len(sec) else ''} |")
    m = len(cves) - len(missing)
    md += ["## (b) Real vulnerabilities (CVE/GHSA fixes)", "",
           f"- cases: {m} ({len({r['language'] for r in cves})} languages)" + (f"; not reviewed: {', '.join(missing)}" if missing else ""),
           f"- re-introduction caught on the right file within 3 lines (any category): **{len(caught)}/{m} = {pct(len(caught), m)}%**",
           f"- ... with the expected category: {len(caught_cat)}/{m} = {pct(len(caught_cat), m)}%",
           f"- fix diffs flagged (any security finding): **{len(fix_flagged)}/{m}**" + (f" ({', '.join(fix_flagged)})" if fix_flagged else ""),
           "", "| language | cases | caught | fix diffs flagged |", "|---|---|---|---|"]
    bylang = defaultdict(lambda: [0, 0, 0])
    for r in cves:
        if r["id"] in missing: continue
        b = bylang[r["language"]]; b[0] += 1; b[1] += r["id"] in caught; b[2] += r["id"] in fix_flagged
    md += [f"| {k} | {v[0]} | {v[1]} | {v[2]} |" for k, v in sorted(bylang.items())]
    md += ["", "| id | lang | advisory | category | vulnerable line (pre-fix) | caught | findings on the re-introduction | fix-diff security findings |",
           "|---|---|---|---|---|---|---|---|"] + lines + [""]
    if skipped:
        md += ["## Skipped (diff over %d bytes, or mirror missing)" % MAX_BYTES, ""] + [f"- {s[0]}: {s[1]}" for s in skipped] + [""]
    unj = [l for l in tsv[1:] if l.split("\t")[8] == "unjudged"]
    if unj:
        md += ["## Unjudged findings (judge them in a new judgments-<date>.tsv)", ""] + \
              ["- " + " ".join(c for i, c in enumerate(l.split("\t")) if i in (0, 1, 2, 4, 5)) for l in unj] + [""]
    if errors:
        md += ["## Errors", ""] + [f"- {e['diff_id']}: {e.get('error')}" for e in errors] + [""]
    with open(os.path.join(work, "report.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(work, "findings.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(tsv) + "\n")
    print("\n".join(md[:20]))


PERF_TYPES = {"memory_hotspot", "high_complexity", "n_plus_one", "hot_path_modified"}

def repos():
    """Prints every repository the manifests need, marking the ones missing from the mirror."""
    for repo in sorted({p[1] for p in plan()}):
        gd = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
        print(("ok      " if os.path.isdir(gd) else "MISSING ") + "github:" + repo)


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "repos":
        repos()
    elif len(sys.argv) == 3 and sys.argv[1] in ("prepare", "report"):
        (prepare if sys.argv[1] == "prepare" else report)(sys.argv[2])
    else:
        sys.exit(__doc__)
