#!/usr/bin/env python3
"""OWASP Benchmark yardstick (issue 12): every test file of a Benchmark suite reviewed as a diff
that adds the whole file, scored per Benchmark category with the Youden index (TPR - FPR).

  owasp.py prepare WORK [SUITE...]   writes WORK/<suite>/diffs/*.diff and WORK/<suite>/list.tsv
  owasp.py score WORK [SUITE...]     reads WORK/<suite>/findings.jsonl, prints and writes WORK/<suite>/score.md
                                     and WORK/<suite>/files.tsv (test, category, real, flagged, finding types)

The manifest (manifest.tsv) names the repository, the commit, the expected-results CSV and where
each test file lives; the files are read from the local mirror (/work/.mirror/OWNER+NAME/repo or
$OWASP_MIRROR). A test counts as flagged when any finding whose category maps to the test's
Benchmark category is in that file (any line, any confidence). A Benchmark category with no
Synapse category scores TPR = FPR = 0 and stays in the average.
"""
import csv, io, json, os, subprocess, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
MIRROR = os.environ.get("OWASP_MIRROR", "/work/.mirror")

# Benchmark category -> Synapse categories (rules/catalog.yml) whose findings count for it; a
# "category/CWE-n" entry also needs the finding's cwe (weak_crypto covers three Benchmark
# categories told apart by CWE, as the Benchmark's own scorecards do).
CATEGORY_MAP = {
    "cmdi": {"command_injection"},
    "codeinj": {"code_injection"},
    "crypto": {"weak_crypto/CWE-327"},
    "deserialization": {"insecure_deserialization"},
    "hash": {"weak_crypto/CWE-328"},
    "ldapi": {"ldap_injection"},
    "pathtraver": {"path_traversal"},
    "redirect": {"open_redirect"},
    "securecookie": {"insecure_cookie"},
    "sqli": {"sql_injection"},
    "trustbound": {"trust_boundary"},
    "weakrand": {"weak_crypto/CWE-330"},
    "xpathi": {"xpath_injection"},
    "xss": {"xss"},
    "xxe": {"xxe"},
}


def manifest():
    with open(os.path.join(HERE, "manifest.tsv"), encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    header = lines[0].lstrip("# ").split("\t")
    return {r["suite"]: r for r in (dict(zip(header, l.split("\t"))) for l in lines[1:] if not l.startswith("#"))}


def git_dir(repo):
    gd = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    if not os.path.isdir(gd):
        sys.exit(f"owasp: mirror missing: {gd} (fetch github:{repo})")
    return gd


def expected(m):
    """[(test name, category, real)] from the suite's expected-results CSV at the manifest commit."""
    data = subprocess.run(["git", "--git-dir", git_dir(m["repo"]), "show", m["commit"] + ":" + m["expected_results"]],
                          check=True, capture_output=True).stdout.decode("utf-8")
    out = []
    for row in csv.reader(io.StringIO(data)):
        if not row or row[0].startswith("#"):
            continue
        out.append((row[0].strip(), row[1].strip(), row[2].strip().lower() == "true"))
    return out


def whole_file_diff(path, text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    head = f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n"
    return head + "".join("+" + l.rstrip("\r") + "\n" for l in lines)


def prepare(work, suite, m):
    d = os.path.join(work, suite, "diffs")
    os.makedirs(d, exist_ok=True)
    tests = expected(m)
    paths = [m["test_path"].replace("{name}", t) for t, _, _ in tests]
    # one git process for every blob
    req = "".join(f"{m['commit']}:{p}\n" for p in paths).encode()
    raw = subprocess.run(["git", "--git-dir", git_dir(m["repo"]), "cat-file", "--batch"], input=req,
                         check=True, capture_output=True).stdout
    pos, listing = 0, []
    for (name, _, _), path in zip(tests, paths):
        nl = raw.index(b"\n", pos)
        header = raw[pos:nl].decode()
        if header.endswith("missing"):
            print(f"owasp: {suite}: {path} missing at {m['commit']}", file=sys.stderr)
            pos = nl + 1
            continue
        size = int(header.split()[2])
        body = raw[nl + 1:nl + 1 + size].decode("utf-8", errors="replace")
        pos = nl + 1 + size + 1
        out = os.path.join(d, name + ".diff")
        with open(out, "w", encoding="utf-8") as f:
            f.write(whole_file_diff(path, body))
        listing.append(f"{name}\t{out}")
    with open(os.path.join(work, suite, "list.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(listing) + "\n")
    print(f"owasp: {suite}: {len(listing)} diffs", file=sys.stderr)


def score(work, suite, m):
    found = defaultdict(set)
    for line in open(os.path.join(work, suite, "findings.jsonl"), encoding="utf-8"):
        j = json.loads(line)
        if j.get("kind") == "finding":
            found[j["diff_id"]].add(j["type"])
            if j.get("cwe"):
                found[j["diff_id"]].add(j["type"] + "/" + j["cwe"])
    cells = defaultdict(lambda: [0, 0, 0, 0])  # TP FN FP TN
    rows = []
    for name, cat, real in expected(m):
        flagged = bool(found[name] & CATEGORY_MAP.get(cat, set()))
        c = cells[cat]
        c[(0 if flagged else 1) if real else (2 if flagged else 3)] += 1
        rows.append((name, cat, real, flagged, ",".join(sorted(t for t in found[name] if "/" not in t))))
    out = [f"## {suite} ({m['repo']} @ {m['commit'][:10]})", "",
           "| category | synapse | TP | FN | FP | TN | TPR | FPR | Youden |", "|---|---|---|---|---|---|---|---|---|"]
    ys, tprs, fprs = [], [], []
    for cat in sorted(cells):
        tp, fn, fp, tn = cells[cat]
        tpr = tp / (tp + fn) if tp + fn else 0.0
        fpr = fp / (fp + tn) if fp + tn else 0.0
        if cat not in CATEGORY_MAP:
            tpr = fpr = 0.0
        ys.append(tpr - fpr); tprs.append(tpr); fprs.append(fpr)
        syn = ",".join(sorted(CATEGORY_MAP.get(cat, {"-"}))).replace("/", " ")
        out.append(f"| {cat} | {syn} | {tp} | {fn} | {fp} | {tn} | {100*tpr:.1f} | {100*fpr:.1f} | {100*(tpr-fpr):.1f} |")
    n = len(ys)
    out.append(f"| **average** | | | | | | {100*sum(tprs)/n:.1f} | {100*sum(fprs)/n:.1f} | **{100*sum(ys)/n:.1f}** |")
    text = "\n".join(out) + "\n"
    with open(os.path.join(work, suite, "score.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(work, suite, "files.tsv"), "w", encoding="utf-8") as f:
        f.write("test\tcategory\treal\tflagged\tfinding_types\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(text)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("prepare", "score"):
        sys.exit(__doc__)
    work, ms = sys.argv[2], manifest()
    suites = sys.argv[3:] or list(ms)
    for s in suites:
        if s not in ms:
            sys.exit(f"owasp: unknown suite {s} (known: {', '.join(ms)})")
        (prepare if sys.argv[1] == "prepare" else score)(work, s, ms[s])


if __name__ == "__main__":
    main()
