#!/usr/bin/env python3
"""Regenerates ordinary-commits.tsv from the mirrors in /work/.mirror (run once; the manifest is committed).

Rule (deterministic for a given snapshot): for each project below, walk `git log --no-merges`
from the snapshot's HEAD, newest first, keeping commits dated before CUTOFF that touch at least
one source file of the project's language; skip commits whose `git diff SHA^ SHA` is over
MAX_BYTES (counted in the output) or that have no parent; keep the first PER_PROJECT.
"""
import subprocess, sys, os

MIRROR = os.environ.get("YARDSTICKS_MIRROR", "/work/.mirror")
CUTOFF = "2026-07-01T00:00:00Z"
PER_PROJECT = 25
MAX_BYTES = 200_000

PROJECTS = [  # repo, language, project label, pathspecs of the language's source files
    ("javalin/javalin", "java", "Javalin", ["*.java"]),
    ("square/okhttp", "kotlin", "OkHttp", ["*.kt"]),
    ("pallets/flask", "python", "Flask", ["*.py"]),
    ("expressjs/express", "javascript", "Express", ["*.js"]),
    ("honojs/hono", "typescript", "Hono", ["*.ts", "*.tsx"]),
    ("gin-gonic/gin", "go", "Gin", ["*.go"]),
    ("rack/rack", "ruby", "Rack", ["*.rb"]),
    ("laravel/framework", "php", "Laravel", ["*.php"]),
    ("phoenixframework/phoenix", "elixir", "Phoenix", ["*.ex", "*.exs", "*.heex", "*.eex"]),
    ("jellyfin/jellyfin", "csharp", "Jellyfin", ["*.cs", "*.cshtml", "*.razor"]),
]


def git(repo, *args):
    gd = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    return subprocess.run(["git", "--git-dir", gd, *args], check=True, capture_output=True).stdout


def main():
    out = ["# repo\tsha\tlanguage\tproject\tdate\tsubject"]
    for repo, lang, label, specs in PROJECTS:
        log = git(repo, "log", "--no-merges", "--before=" + CUTOFF, "--format=%H%x09%P%x09%cs%x09%s",
                  "HEAD", "--", *specs).decode("utf-8", "replace").splitlines()
        kept = skipped = 0
        for row in log:
            sha, parents, date, subject = (row.split("\t", 3) + [""])[:4]
            if not parents:
                continue
            size = len(git(repo, "diff", sha + "^", sha))
            if size > MAX_BYTES:
                skipped += 1
                continue
            out.append("\t".join([repo, sha, lang, label, date, subject.replace("\t", " ")[:100]]))
            kept += 1
            if kept == PER_PROJECT:
                break
        print(f"{repo}: kept {kept}, skipped {skipped} over {MAX_BYTES} bytes", file=sys.stderr)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ordinary-commits.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
