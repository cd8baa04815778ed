# eval() runs any expression (https://docs.python.org/3/library/functions.html#eval);
# ast.literal_eval only literals (https://docs.python.org/3/library/ast.html#ast.literal_eval).
# A value checked to be exactly one quoted literal with no quote inside can only evaluate to
# that string.
import ast

from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "")
    # ruleid: code_injection
    return str(eval(expr))


@app.route("/label")
def label():
    text = request.args.get("text", "")
    if not text.startswith("'") or not text.endswith("'") or "'" in text[1:-1]:
        return "expected one quoted string", 400
    # ok: code_injection
    return str(eval(text))


@app.route("/label-half-checked")
def label_half_checked():
    text = request.args.get("text", "")
    if not text.startswith("'"):
        return "expected a quoted string", 400
    # ruleid: code_injection
    return str(eval(text))


@app.route("/settings")
def settings():
    raw = request.args.get("value", "")
    # ok: code_injection
    return str(ast.literal_eval(raw))
