# Flask variable rules (https://flask.palletsprojects.com/en/3.0.x/quickstart/#variable-rules):
# sections marked <name> vary; a rule without one matches exactly its own path
# (https://werkzeug.palletsprojects.com/en/3.0.x/routing/#rule-format), so request.path is fixed
# text there.
import os

from flask import Flask, request, send_file

app = Flask(__name__)
BASE = "/srv/reports"


@app.route("/reports/daily")
def daily():
    section = request.path.split("/")[1]
    # ok: path_traversal
    return send_file(os.path.join(BASE, section, "daily.pdf"))


@app.route("/files/<path:name>")
def files(name):
    rest = request.path.split("/", 2)[2]
    # ruleid: path_traversal
    return send_file(os.path.join(BASE, rest))


@app.route("/reports/weekly")
def weekly():
    section = request.args.get("section", "")
    # ruleid: path_traversal
    return send_file(os.path.join(BASE, section, "weekly.pdf"))
