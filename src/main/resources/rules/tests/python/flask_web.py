import base64
import subprocess
import urllib.parse

import flask
from flask import Flask, request, session

app = Flask(__name__)


@app.route("/remember", methods=["POST"])
def remember():
    user = request.form.get("user")
    # ruleid: trust_boundary
    flask.session["userid"] = user
    # ruleid: trust_boundary
    session[user] = "seen"
    # ok: trust_boundary
    flask.session["theme"] = "dark"
    return "ok"


@app.route("/run", methods=["POST"])
def run():
    name = request.get_data(as_text=True)
    # ruleid: command_injection
    subprocess.run(["sh", "-c", "echo " + name])
    # ok: command_injection
    subprocess.run(["ping", "-c", "1", name])
    # ok: command_injection
    subprocess.run("echo " + urllib.parse.quote_plus(name), shell=True)
    decoded = base64.b64decode(name).decode("utf-8")
    # ruleid: command_injection
    subprocess.run("echo " + decoded, shell=True)
    return "ok"
