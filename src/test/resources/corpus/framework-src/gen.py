#!/usr/bin/env python3
"""Generates ../framework-cases.jsonl (DESIGN.md section 4) from the case sources in this folder.

Each language module (python_cases.py, js_cases.py, ...) calls twin() or case(). Code is written as
whole snippets; the git diff, its hunk headers and the expected line numbers are computed here, so
they cannot drift. A trailing marker ⟪!⟫ on a line marks an expected finding on the new side
(⟪-!⟫ on the old side); it is removed from the code. Run: python3 gen.py (writes the JSONL).
"""
import difflib, hashlib, json, os, re, sys, textwrap

MARK, MARK_OLD = "⟪!⟫", "⟪-!⟫"
CASES = []
IDS = set()


def _code(text):
    return textwrap.dedent(text).strip("\n").split("\n")


def _fill(tpl, variant):
    """Replaces each line that is only <<X>> (or <<Y>>) by the variant's lines, keeping its indent."""
    if isinstance(variant, str):
        variant = {"X": variant}
    out = []
    for line in _code(tpl):
        m = re.fullmatch(r"(\s*)<<(\w)>>", line)
        if m:
            for v in _code(variant.get(m.group(2), "")):
                out.append(m.group(1) + v if v else "")
        else:
            out.append(line)
    return out


def _tabs(path, lines):
    if not path.endswith(".go"):
        return lines
    res = []
    for l in lines:
        n = len(l) - len(l.lstrip(" "))
        res.append("\t" * (n // 4) + " " * (n % 4) + l.lstrip(" "))
    return res


def _strip_marks(lines, mark):
    clean, marked = [], []
    for i, l in enumerate(lines):
        if mark in l:
            marked.append(i)
            l = l.replace(mark, "").rstrip()
        clean.append(l)
    return clean, marked


def _idx(path, text):
    return hashlib.sha1((path + "\0" + text).encode()).hexdigest()[:7]


class F:
    """One file of a case: new lines, optional old lines (None = new file) and the line number
    at which the snippet starts in the real file (for modified files)."""

    def __init__(self, path, new, old=None, start=1):
        self.path, self.start = path, start
        new = _tabs(path, new)
        self.new, self.marks = _strip_marks(new, MARK)
        self.new, _ = _strip_marks(self.new, MARK_OLD)
        if old is not None:
            old = _tabs(path, old)
            old, self.old_marks = _strip_marks(old, MARK_OLD)
            self.old, _ = _strip_marks(old, MARK)
        else:
            self.old, self.old_marks = None, []

    def diff(self):
        p = self.path
        if self.old is None:
            head = (f"diff --git a/{p} b/{p}\nnew file mode 100644\nindex 0000000..{_idx(p, chr(10).join(self.new))}\n"
                    f"--- /dev/null\n+++ b/{p}\n@@ -0,0 +1,{len(self.new)} @@\n")
            return head + "".join("+" + l + "\n" for l in self.new)
        head = (f"diff --git a/{p} b/{p}\nindex {_idx(p, chr(10).join(self.old))}..{_idx(p, chr(10).join(self.new))} 100644\n"
                f"--- a/{p}\n+++ b/{p}\n")
        body = []
        off = self.start - 1
        for l in list(difflib.unified_diff(self.old, self.new, n=3, lineterm=""))[2:]:
            m = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", l)
            if m:
                def rng(s, c):
                    s = int(s)
                    c = 1 if c is None else int(c)
                    s = s + off if c > 0 else s + off
                    return f"{s}" if c == 1 else f"{s},{c}"
                l = f"@@ -{rng(m.group(1), m.group(2))} +{rng(m.group(3), m.group(4))} @@"
            body.append(l + "\n")
        if not body:
            raise ValueError(f"{p}: old and new are identical")
        return head + "".join(body)

    def expected(self, category):
        exp = [{"category": category, "file": self.path, "line": i + self.start, "side": "new"} for i in self.marks]
        exp += [{"category": category, "file": self.path, "line": i + self.start, "side": "old"} for i in self.old_marks]
        return exp


def case(cid, lang, cat, kind, files, note, url, forbidden=None):
    if cid in IDS:
        raise ValueError("duplicate id " + cid)
    IDS.add(cid)
    exp = []
    for f in files:
        exp += f.expected(cat)
    if kind == "positive" and not exp:
        raise ValueError(cid + ": positive case without a ⟪!⟫ marker")
    if kind == "negative" and exp:
        raise ValueError(cid + ": negative case with a marker")
    CASES.append({
        "id": cid, "language": lang, "category": cat, "kind": kind,
        "diff": "".join(f.diff() for f in files),
        "expected": exp,
        "forbidden": [] if kind == "positive" else (forbidden or [cat]),
        "note": f"{note} (docs: {url})",
    })


def twin(fw, lang, cat, path, tpl, pos, neg, pos_note, neg_note, url, neg_url=None,
         before=None, start=1, neg_path=None, suffix=""):
    """A positive case and its negative twin over the same template. `before` (optional) makes
    both modifications of an existing file whose snippet starts at line `start`."""
    base = f"fw-{lang}-{fw}-{cat}{suffix}"
    for kind, variant, note, p, u in (("positive", pos, pos_note, path, url),
                                      ("negative", neg, neg_note, neg_path or path, neg_url or url)):
        old = _fill(tpl, before) if before is not None else None
        f = F(p, _fill(tpl, variant), old, start)
        case(base + ("-pos" if kind == "positive" else "-neg"), lang, cat, kind, [f], note, u)


def new(path, text):
    return F(path, _code(text))


def mod(path, old, new_, start=1, dedent=True):
    """A modified file; with dedent=False the snippets keep their indentation as written."""
    code = _code if dedent else (lambda t: t.strip("\n").split("\n"))
    return F(path, code(new_), code(old), start)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    for mod_name in ("python_cases", "js_cases", "java_cases", "go_cases", "ruby_cases",
                     "php_cases", "csharp_cases", "elixir_cases"):
        if os.path.exists(os.path.join(here, mod_name + ".py")):
            __import__(mod_name)
    out = os.path.join(here, "..", "framework-cases.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for c in CASES:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(CASES)} cases -> {os.path.normpath(out)}")


if __name__ == "__main__":
    sys.modules["gen"] = sys.modules["__main__"]
    main()
