import os
import sqlite3
import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/users")
def users():
    name = request.args.get("name")
    conn = sqlite3.connect("app.db")
    cur = conn.cursor()
    # ruleid: sql_injection
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    # ok: sql_injection
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return "ok"


@app.route("/ping")
def ping():
    host = request.args.get("host")
    # ruleid: command_injection
    os.system("ping -c 1 " + host)
    # ok: command_injection
    subprocess.run(["ping", "-c", "1", host])
    return "ok"


@app.route("/calc")
def calc():
    expr = request.args.get("expr")
    # ruleid: code_injection
    return str(eval(expr))
